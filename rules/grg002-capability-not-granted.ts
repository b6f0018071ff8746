import { CAPABILITIES } from "../genesys/capabilities";
import { describeClause, principalAccess } from "../analyses/access";
import { holdsOwnGrants } from "../analyses/principals";
import { type Rule, type RuleFinding, intendedPrincipals } from "../core/rule";
import { capValue } from "../model/safe-text";

export const capabilityNotGranted: Rule = {
  id: "GRG002",
  name: "capability-not-granted",
  title: "Roles do not grant an intended recording capability",
  severity: "error",
  httpStatus: 403,
  outcome: "403 missing.permissions / missing.any.permissions on the endpoint",
  certainty: "certain",
  usesIntents: true,
  explanation:
    "Each recordings endpoint requires ANY or ALL of a documented set of permissions. When none of the principal's roles grants what an intended capability's endpoints require, the API refuses the call with 403, whatever the division or token. Wildcards (`*`) in entity_name or action_set count as granting.",
  remediation:
    "Add the missing permission to one of the principal's roles (permission_policies { domain, entity_name, action_set }), or request the capability from the service-account construct, which grants exactly these permissions.",
  sources: [
    "genesys/recording-endpoints.json (x-inin-requires-permissions from the platform SDK API docs)",
    "genesys/README.md: Permissions, roles, divisions",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { principal: p, intent } of intendedPrincipals(ctx)) {
      if (!holdsOwnGrants(p)) continue;
      // Shared with GRG003 and GRG004: each principal's roles and unmet clauses are computed once per audit.
      const access = principalAccess(p);
      const opaque = access.opaque;
      for (const capability of intent.capabilities) {
        const unmet = access.unmet(capability);
        if (!unmet.length) continue;
        if (opaque.length) {
          findings.push({
            address: p.address,
            capability,
            severity: "unknown",
            httpStatus: null,
            message: `${p.address}: cannot verify ${capability}: the declared roles lack it and ${opaque.length} role grant(s) cannot be read (${opaque.map((g) => (g.roleView?.unreadable ? `${g.roleView.address}: ${g.roleView.unreadable}` : describeRole(g.role))).join(", ")}).`,
            remediation: opaque.some((g) => g.roleView?.unreadable)
              ? "Write the role's permission policies as literal blocks (or a dynamic block over a literal list), or audit the plan JSON (terraform show -json), where they are known."
              : "Declare the role in the same configuration, or audit the configuration that declares it together with this one.",
          });
          continue;
        }
        for (const u of unmet) {
          findings.push({
            address: p.address,
            capability,
            certainty: u.clause.certainty,
            message: `${p.address} intends ${capability} (${CAPABILITIES[capability].summary}) but its roles lack ${describeClause(u)}: 403.`,
            remediation: `Grant ${u.missing.length > 1 && u.clause.requires === "ANY" ? `one of ${u.missing.join(", ")}` : u.missing.join(", ")} in a role assigned to ${p.address}.`,
          });
        }
      }
    }
    return findings;
  },
};

function describeRole(role: { kind: string; text?: string; value?: string; address?: string }): string {
  if (role.kind === "literal") return `role id ${capValue(role.value!)}`;
  if (role.kind === "ref") return role.address!;
  return capValue(role.text!);
}
