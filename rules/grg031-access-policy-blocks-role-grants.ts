import type { Rule, RuleFinding } from "../core/rule";
import { ABAC_SWITCH_NOTE, ACCESS_POLICY_TYPE, GRANT_ADD_TARGET, isEnforcedDeny, readAccessPolicies } from "../analyses/access-policies";

export const accessPolicyBlocksRoleGrants: Rule = {
  id: "GRG031",
  name: "access-policy-blocks-role-grants",
  title: "Access policy denies the role grants of the same configuration",
  severity: "error",
  httpStatus: 403,
  outcome: "403 at apply: the role grants cannot be added",
  certainty: "likely",
  usesIntents: false,
  explanation: `An enabled DENY access policy on ${GRANT_ADD_TARGET} whose subject is ALL with apply_to_clients = true covers every OAuth client, including the one running terraform apply: once it exists, the role grants the configuration declares (genesyscloud_user_roles, genesyscloud_group_roles, an OAuth client's roles) most likely fail at apply with 403, and no role the applying client holds lifts a DENY. Likely, because that a DENY overrides role grants is inferred from Genesys's docs, and because enforcement needs the org's 'Enable Attribute Based Access Control' setting, which Terraform cannot see; possible when condition_json narrows the policy. Without apply_to_clients = true the policy does not cover client calls and there is no finding.`,
  remediation: `Narrow the policy so that it does not cover the client that applies the configuration (a condition on the subject, or subject_type USER / GROUP), or keep role grants in a configuration applied before the policy exists.`,
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Access policies (grant lockout; DENY over roles inferred from the docs)",
    "provider v1.86.0: genesyscloud_access_policy (genesys/provider-schema-additions-1.86.json)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const lockouts = readAccessPolicies(ctx.resourcesOfType(ACCESS_POLICY_TYPE), ctx.resolver).filter(
      (p) => isEnforcedDeny(p) && p.target === GRANT_ADD_TARGET && p.subjectType === "ALL" && p.applyToClients === true,
    );
    if (!lockouts.length) return findings;
    for (const principal of ctx.principals) {
      if (!principal.hasGrants) continue;
      for (const p of lockouts) {
        findings.push({
          address: principal.address,
          attribute: "roles",
          certainty: p.conditioned ? "possible" : "likely",
          message: `${principal.address}: its role grants are added with ${GRANT_ADD_TARGET}, which ${p.address} denies to every OAuth client including the one applying this configuration (subject_type = ALL, apply_to_clients = true)${p.conditioned ? " when its condition_json matches" : ""}: apply most likely fails with 403 ${ABAC_SWITCH_NOTE}.`,
        });
      }
    }
    return findings;
  },
};
