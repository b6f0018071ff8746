import type { Rule, RuleFinding } from "../core/rule";
import { ACCESS_POLICY_TYPE, readAccessPolicies } from "../analyses/access-policies";

export const accessPolicyNotEnforced: Rule = {
  id: "GRG030",
  name: "access-policy-not-enforced",
  title: "Access policy that is never enforced",
  severity: "info",
  httpStatus: null,
  outcome: "the policy is saved but denies or allows nothing",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "genesyscloud_access_policy (provider v1.86.0 and later) has enabled and apply_to_clients, both defaulting to false. A policy without enabled = true is saved and never enforced, so whatever it was written to deny still happens. A policy whose subject is one OAuth client (subject_type = CLIENT) covers that client's calls only with apply_to_clients = true. Enforcement also needs the org's 'Enable Attribute Based Access Control' setting, which Terraform cannot see.",
  remediation: "Set enabled = true when the policy should apply (and apply_to_clients = true for OAuth client calls), or remove it.",
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Access policies (enabled and apply_to_clients default to false; the org's ABAC setting)",
    "provider v1.86.0: genesyscloud_access_policy (genesys/provider-schema-additions-1.86.json)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const p of readAccessPolicies(ctx.resourcesOfType(ACCESS_POLICY_TYPE), ctx.resolver)) {
      if (p.enabled === "unset" || p.enabled === false) {
        findings.push({
          address: p.address,
          ...(p.enabled === false ? { attribute: "enabled" } : {}),
          message: `${p.address} is never enforced: ${p.enabled === false ? "enabled = false" : "enabled is not set and defaults to false"}, so it is saved but ${p.effect === "ALLOW" ? "allows" : "denies"} nothing.`,
        });
      } else if (p.enabled === true && p.subjectType === "CLIENT" && (p.applyToClients === "unset" || p.applyToClients === false)) {
        findings.push({
          address: p.address,
          ...(p.applyToClients === false ? { attribute: "apply_to_clients" } : {}),
          message: `${p.address} names one OAuth client but ${p.applyToClients === false ? "apply_to_clients = false" : "apply_to_clients is not set and defaults to false"}: the client's own calls are not covered.`,
        });
      }
    }
    return findings;
  },
};
