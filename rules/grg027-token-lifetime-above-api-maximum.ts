import { DOCUMENTED_LIMITS } from "../genesys/limits";
import type { Rule, RuleFinding } from "../core/rule";

export const tokenLifetimeAboveApiMaximum: Rule = {
  id: "GRG027",
  name: "token-lifetime-above-api-maximum",
  title: "Token lifetime above 48 hours on a non-SCIM client",
  severity: "warning",
  httpStatus: null,
  outcome: "the API likely refuses the client at apply (status not documented)",
  certainty: "likely",
  usesIntents: false,
  explanation:
    "access_token_validity_seconds is 300..172800 (48 hours) for ordinary OAuth clients; only clients used by Genesys Cloud SCIM (Identity Management) may go up to 38880000 (450 days). The provider's plan-time check allows the SCIM maximum, so a larger value passes `terraform plan` and is likely refused when applied (the response code is not documented). It is a warning because the configuration cannot show whether the client serves SCIM.",
  remediation: "Use at most 172800 seconds unless the client is a SCIM client; long runs should re-authenticate instead.",
  sources: [
    "genesys/README.md: OAuth clients and tokens (300..172800; up to 38880000 only for SCIM)",
    "provider docs: genesyscloud_oauth_client.access_token_validity_seconds",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const max = DOCUMENTED_LIMITS.tokenValiditySeconds.max;
    for (const p of ctx.principals) {
      if (p.kind !== "oauth_client") continue;
      const raw = p.resource.values.access_token_validity_seconds;
      if (raw === undefined || raw === null) continue;
      const lifetime = ctx.resolver.resolveNumber(raw);
      if (lifetime.kind === "number" && lifetime.value > max && lifetime.value <= 38880000) {
        findings.push({
          address: p.address,
          attribute: "access_token_validity_seconds",
          message: `${p.address}: access_token_validity_seconds = ${lifetime.value} is above ${max} (48 h), allowed only for SCIM clients: likely refused at apply.`,
        });
      }
    }
    return findings;
  },
};
