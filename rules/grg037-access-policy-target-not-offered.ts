import type { Rule, RuleFinding } from "../core/rule";
import { ACCESS_POLICY_TYPE, GRANT_ADD_TARGET, readAccessPolicies } from "../analyses/access-policies";
import { capValue } from "../model/safe-text";

/** The form the provider documents for target_resource. */
const TARGET_FORM = /^[^:\s]+:[^:\s]+:[^:\s]+$/;

export const accessPolicyTargetNotOffered: Rule = {
  id: "GRG037",
  name: "access-policy-target-not-offered",
  title: "Access policy names a target the org does not offer",
  severity: "error",
  httpStatus: null,
  outcome: "terraform apply fails when the policy is saved (Genesys validates its target); the policy never applies",
  certainty: "likely",
  usesIntents: false,
  explanation:
    "An access policy's target_resource (domain:entity:action) must be one of the targets the org offers: GET /api/v2/authorization/policies/targets lists them, and Genesys validates a policy's target and attributes when it is saved, so an unknown target most likely fails at apply (the status is not documented; the provider reports the API's refusal). Genesys adds targets service by service and documents few (authorization:grant:add, for role grants; no recording:* target is documented). With an org snapshot that lists the targets (npm run org:snapshot), a target outside the list is an error; a target not of the form domain:entity:action is an error too. Without the list, a target other than the documented one is reported as info: it cannot be confirmed.",
  remediation:
    "Use a target the org lists (npm run org:snapshot records them; Admin > Access policies shows them), or remove the policy until Genesys offers the target.",
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Access policies (targets; the API validates a policy's target when it is saved)",
    "provider v1.86.0: genesyscloud_access_policy.target_resource (genesys/provider-schema-additions-1.86.json)",
    "org settings file: accessPolicyTargets (GET /api/v2/authorization/policies/targets)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    // An empty list (an org without ABAC may answer so) confirms nothing.
    const offered = ctx.org?.accessPolicyTargets?.names.length ? ctx.org.accessPolicyTargets : undefined;
    for (const p of readAccessPolicies(ctx.resourcesOfType(ACCESS_POLICY_TYPE), ctx.resolver)) {
      const target = p.target;
      if (target === undefined) continue; // written as an expression: nothing to judge
      const shown = capValue(target);
      if (offered?.names.includes(target)) continue; // the org's own list is the judge
      if (!TARGET_FORM.test(target)) {
        findings.push({
          address: p.address,
          attribute: "target_resource",
          message: `${p.address} targets "${shown}", which is not of the form domain:entity:action the provider documents for target_resource: Genesys refuses the policy when it is saved.`,
        });
        continue;
      }
      if (offered) {
        const near = offered.names.find((n) => n.toLowerCase() === target.toLowerCase());
        findings.push({
          address: p.address,
          attribute: "target_resource",
          message: `${p.address} targets ${shown}, which the org does not offer (${ctx.org!.file}: ${offered.source} lists ${offered.names.length} target(s)${near ? `; did you mean ${near}?` : ""}): Genesys refuses the policy when it is saved.`,
        });
        continue;
      }
      if (target === GRANT_ADD_TARGET) continue;
      if (target.toLowerCase() === GRANT_ADD_TARGET) {
        findings.push({
          address: p.address,
          attribute: "target_resource",
          severity: "warning",
          message: `${p.address} targets ${shown}, which differs from the documented target ${GRANT_ADD_TARGET} only in case: if the org does not offer it as written, the policy is refused when saved.`,
        });
        continue;
      }
      findings.push({
        address: p.address,
        attribute: "target_resource",
        severity: "info",
        certainty: "possible",
        message: `${p.address} targets ${shown}, which cannot be confirmed without the org's list of targets (Genesys documents ${GRANT_ADD_TARGET}, no recording:* target): if the org does not offer it, the policy is refused when saved. npm run org:snapshot records the list.`,
      });
    }
    return findings;
  },
};
