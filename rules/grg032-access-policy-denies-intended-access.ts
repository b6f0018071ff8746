import { intendedPrincipals, type Rule, type RuleFinding } from "../core/rule";
import { ABAC_SWITCH_NOTE, ACCESS_POLICY_TYPE, coversPrincipal, isEnforcedDeny, readAccessPolicies } from "../analyses/access-policies";
import { CAPABILITIES, isCapabilityName } from "../genesys/capabilities";
import { rolesGrant } from "../analyses/access";
import type { RoleView } from "../analyses/roles";
import { readOrgObjects, type OrgObjects } from "../analyses/org-objects";

export const accessPolicyDeniesIntendedAccess: Rule = {
  id: "GRG032",
  name: "access-policy-denies-intended-access",
  title: "Access policy denies what a principal's intent needs",
  severity: "error",
  httpStatus: 403,
  outcome: "403 that no role grant fixes",
  certainty: "likely",
  usesIntents: true,
  explanation:
    "An enabled DENY access policy whose subject covers a principal (ALL; the USER, GROUP or CLIENT its subject_id refers to; a user a GROUP's or TEAM's member_ids list; a client-credentials client only with apply_to_clients = true) on a target (domain:entity:action) that the principal's intended capability needs refuses those calls with 403, whatever roles the principal holds: ABAC is a layer over roles and divisions, and a DENY denies at once. Likely (inferred from Genesys's docs; the org's 'Enable Attribute Based Access Control' setting is invisible to Terraform); possible when condition_json narrows the policy. Genesys documents no recording:* target yet: such a policy most likely fails at apply first.",
  remediation: "Exclude the principal from the policy (a narrower subject or a condition), or change the intent; a role grant does not lift a DENY.",
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Access policies (DENY over roles inferred from the docs; subjects; apply_to_clients)",
    "genesys/capabilities.ts: the permissions each capability needs",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const denies = readAccessPolicies(ctx.resourcesOfType(ACCESS_POLICY_TYPE), ctx.resolver).filter((p) => isEnforcedDeny(p) && p.target !== undefined);
    if (!denies.length) return findings;
    // Groups' and teams' members, read only when a policy names a group or team.
    const objects: OrgObjects | undefined = denies.some((p) => p.subjectType === "GROUP" || p.subjectType === "TEAM")
      ? readOrgObjects(ctx.config, ctx.resolver)
      : undefined;
    for (const { principal, intent } of intendedPrincipals(ctx)) {
      const covering = denies.filter((p) => coversPrincipal(p, principal, ctx.resolver, objects) === "yes");
      if (!covering.length) continue;
      const denied = new Set(covering.map((p) => p.target!));
      // The roles the configuration shows for the principal: an ANY clause is refused when each
      // permission the roles grant for it is denied. A role it cannot read may grant anything.
      const grants = principal.grants;
      const roles = grants.every((g) => g.roleView && !g.roleView.unreadable) ? grants.map((g) => g.roleView as RoleView) : undefined;
      const granted = (permission: string) => roles === undefined || rolesGrant(roles, permission);
      for (const capability of intent.capabilities) {
        if (!isCapabilityName(capability)) continue;
        // A clause fails when one permission it needs is denied (ALL), or every one the principal could use is (ANY).
        const blocked = CAPABILITIES[capability].requirement.some((clause) =>
          clause.requires === "ALL"
            ? clause.permissions.some((x) => denied.has(x))
            : clause.permissions.some((x) => denied.has(x) && granted(x)) && clause.permissions.every((x) => denied.has(x) || !granted(x)),
        );
        if (!blocked) continue;
        const by = covering.filter((p) => CAPABILITIES[capability].requirement.some((c) => c.permissions.includes(p.target!)));
        findings.push({
          address: principal.address,
          capability,
          certainty: by.every((p) => p.conditioned) ? "possible" : "likely",
          message: `${principal.address} needs ${capability}, but ${by.map((p) => `${p.address} denies ${p.target}`).join(" and ")} for it: 403 that no role grant lifts ${ABAC_SWITCH_NOTE}.`,
        });
      }
    }
    return findings;
  },
};
