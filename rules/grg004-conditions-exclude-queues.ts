import { UNREADABLE_ROLE_REMEDIATION, describeClause, principalAccess, unmetClauses } from "../analyses/access";
import { conditionsAllowQueue, describeConditions } from "../analyses/conditions";
import { holdsOwnGrants } from "../analyses/principals";
import { type Rule, type RuleFinding, intendedPrincipals } from "../core/rule";
import { capValue } from "../model/safe-text";

export const conditionsExcludeQueues: Rule = {
  id: "GRG004",
  name: "conditions-exclude-queues",
  title: "Permission conditions exclude an intended queue",
  severity: "error",
  httpStatus: 403,
  outcome: "403 on recordings of conversations in the excluded queue",
  certainty: "likely",
  usesIntents: true,
  explanation:
    "A permission policy may carry conditions (terms on variables such as Conversation.queues with QUEUE operands, joined by AND or OR) that narrow where the permission applies. When every policy granting what an intended capability needs is conditioned on queues that do not include an intended queue, recordings of that queue's conversations are refused (likely 403).",
  remediation: "Add the queue to the condition's QUEUE operands, or grant the permission in a policy without queue conditions.",
  sources: [
    "genesys/README.md: Permissions, roles, divisions (conditions narrow where the permission applies)",
    "provider docs: genesyscloud_auth_role.permission_policies.conditions",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { principal: p, intent } of intendedPrincipals(ctx)) {
      if (!holdsOwnGrants(p) || !intent.queues?.length) continue;
      const access = principalAccess(p); // shared with GRG002 and GRG003
      const roles = access.roles;
      for (const capability of intent.capabilities) {
        if (access.unmet(capability).length) continue; // GRG002's finding
        for (const queue of intent.queues) {
          const verdict = (policy: Parameters<typeof conditionsAllowQueue>[0]) => conditionsAllowQueue(policy, queue, ctx.resolver);
          const unmet = unmetClauses(capability, roles, (_role, policy) => verdict(policy) === "allows");
          if (!unmet.length) continue;
          const narrowing = roles.flatMap((r) =>
            r.policies
              .filter((pol) => pol.conditions)
              .map((pol) => `${r.address} permission_policies[${pol.index}] (${capValue(describeConditions(pol), 1000)})`),
          );
          if (!unmetClauses(capability, roles, (_role, policy) => verdict(policy) !== "excludes").length) {
            findings.push({
              address: p.address,
              capability,
              severity: "unknown",
              httpStatus: null,
              message: `${p.address}: cannot verify ${capability} for queue ${capValue(queue)}: the queue operands of ${narrowing.join("; ")} cannot be resolved statically.`,
              remediation: "Write the queue ids as literals or genesyscloud_routing_queue references, or give the variable a default.",
            });
            continue;
          }
          if (access.opaque.length) {
            // A role the audit cannot read (not declared, or with policies known only at plan
            // time) may grant the permission without a queue condition.
            findings.push({
              address: p.address,
              capability,
              severity: "unknown",
              httpStatus: null,
              message: `${p.address}: cannot verify ${capability} for queue ${capValue(queue)}: the conditions of ${narrowing.join("; ")} exclude it, and ${access.opaque.length} role grant(s) cannot be read.`,
              remediation: UNREADABLE_ROLE_REMEDIATION,
            });
            continue;
          }
          findings.push({
            address: p.address,
            capability,
            message: `${p.address} intends ${capability} for queue ${capValue(queue)}, but the conditions of ${narrowing.join("; ")} exclude it, leaving ${describeClause(unmet[0])}: likely 403.`,
          });
        }
      }
    }
    return findings;
  },
};
