import { UNREADABLE_ROLE_REMEDIATION, coverageIn, describeClause, principalAccess, unmetClauses } from "../analyses/access";
import { type DivisionTarget, type Grant, describeDivision, holdsOwnGrants } from "../analyses/principals";
import type { RoleView } from "../analyses/roles";
import { type Rule, type RuleFinding, intendedPrincipals } from "../core/rule";
import { capValue } from "../model/safe-text";

export const divisionNotCovered: Rule = {
  id: "GRG003",
  name: "division-not-covered",
  title: "Grant divisions do not cover an intended division",
  severity: "error",
  httpStatus: 403,
  outcome: "403 on single-object GETs of conversations outside the granted divisions (lists and queries filter them out)",
  certainty: "likely",
  usesIntents: true,
  explanation:
    "A role applies only in the divisions it is granted in. An OAuth client role with no division_id is granted in the home division only; '*' means all divisions. When the role that holds the needed permission is not granted in a division whose queues, users or flows own the conversations, fetching their recordings is the classic silent 403 (likely: list and query endpoints filter instead of refusing).",
  remediation:
    'Grant the role in the intended division too (another roles { role_id, division_id } entry), or use division_id = "*" when the principal must reach every division.',
  sources: [
    "genesys/README.md: Permissions, roles, divisions (division_id unset means home; '*' all)",
    "genesys/README.md: HTTP outcome table (grant in the wrong division: roles.division_id vs the divisions of the target queues, 403 likely)",
    "provider docs: genesyscloud_oauth_client.roles.division_id, genesyscloud_user_roles.roles.division_ids",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { principal: p, intent } of intendedPrincipals(ctx)) {
      if (!holdsOwnGrants(p)) continue;
      const access = principalAccess(p); // shared with GRG002 and GRG004
      // Which grants cover a wanted division does not depend on the capability: looked up once
      // per intended division (by its index in intent.divisions), when first needed.
      const coverage: { undecided: Grant[]; roles: RoleView[]; opaque: boolean }[] = [];
      for (const capability of intent.capabilities) {
        // Only a capability the roles grant somewhere is a division problem (else GRG002 reports it).
        if (access.unmet(capability).length) continue;
        for (let d = 0; d < intent.divisions.length; d++) {
          const wanted = intent.divisions[d];
          const { undecided, roles, opaque } = (coverage[d] ??= coverageIn(p, wanted, ctx.resolver, ctx.org));
          const unmet = unmetClauses(capability, roles);
          if (!unmet.length) continue;
          const where = wanted === "*" ? 'all divisions ("*")' : capValue(wanted);
          if (undecided.length || opaque) {
            const why = undecided.length
              ? `grants in ${undecided.map((g) => shownDivision(g.division)).join(", ")} cannot be matched to it`
              : "a role granted there cannot be read";
            findings.push({
              address: p.address,
              capability,
              division: wanted,
              severity: "unknown",
              httpStatus: null,
              message: `${p.address}: cannot verify ${capability} in ${where}: ${why}.`,
              remediation: undecided.length
                ? "Reference divisions through genesyscloud_auth_division resources or data sources, or give --org a snapshot that lists the org's divisions."
                : UNREADABLE_ROLE_REMEDIATION,
            });
            continue;
          }
          const granting = p.grants.filter((g) => g.roleView);
          const granted = [...new Set(granting.map((g) => shownDivision(g.division)))].join(", ");
          // The evidence: where the granting role's division is written (the division that is not the wanted one).
          const attribute = granting.find((g) => !unmetClauses(capability, g.roleView ? [g.roleView] : []).length)?.attribute ?? granting[0]?.attribute;
          findings.push({
            address: p.address,
            ...(attribute !== undefined ? { attribute } : {}),
            capability,
            division: wanted,
            message: `${p.address} intends ${capability} in ${where}, but the roles granting it are only granted in ${granted || "no division"}; in ${where} it lacks ${describeClause(unmet[0])}: likely 403.`,
            remediation: `Add a roles entry granting the role in ${where}${wanted === "*" ? ' (division_id = "*")' : ""}.`,
          });
        }
      }
    }
    return findings;
  },
};

/** describeDivision with the division's id or text capped (a message echoes it). */
function shownDivision(d: DivisionTarget): string {
  if (d.kind === "id") return describeDivision({ ...d, id: capValue(d.id) });
  if (d.kind === "unknown") return describeDivision({ ...d, text: capValue(d.text) });
  if (d.kind === "division") return describeDivision({ ...d, address: capValue(d.address) });
  return describeDivision(d);
}
