import { tokenLifetime } from "../analyses/token-lifetime";
import { DOCUMENTED_LIMITS } from "../genesys/limits";
import type { Rule, RuleFinding } from "../core/rule";
import type { Principal } from "../analyses/principals";

/**
 * Whether the client serves SCIM, as far as the configuration shows: its name or description, or
 * the name of a role granted to it, says SCIM (an exported org's SCIM client holds the "SCIM
 * Integration" role). A heuristic: the configuration has no SCIM flag.
 */
function looksLikeScimClient(p: Principal): boolean {
  const scim = (v: unknown) => typeof v === "string" && /\bscim\b/i.test(v);
  if (scim(p.resource.values.name) || scim(p.resource.values.description)) return true;
  return p.grants.some((g) => g.role.kind === "ref" && g.role.resource !== undefined && scim(g.role.resource.values.name));
}

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
    "access_token_validity_seconds is 300..172800 (48 hours) for ordinary OAuth clients; only clients used by Genesys Cloud SCIM (Identity Management) may go up to 38880000 (450 days). The provider's plan-time check allows the SCIM maximum, so a larger value passes `terraform plan` and is likely refused when applied (the response code is not documented). It is a warning because the configuration cannot show for certain whether the client serves SCIM; a client whose name or description says SCIM, or that holds a role whose name says SCIM (as an exported org's SCIM integration client does), is taken to be one and passes.",
  remediation: "Use at most 172800 seconds unless the client is a SCIM client; long runs should re-authenticate instead.",
  sources: [
    "genesys/README.md: OAuth clients and tokens (300..172800; up to 38880000 only for SCIM)",
    "provider docs: genesyscloud_oauth_client.access_token_validity_seconds",
    "genesys/README.md: Facts from real configurations (SCIM clients: client credentials, the SCIM Integration role)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const max = DOCUMENTED_LIMITS.tokenValiditySeconds.max;
    for (const p of ctx.principals) {
      // Cheapest first: most clients have no lifetime set; reading grants (for SCIM) only above 48 h.
      if (p.kind !== "oauth_client" || p.resource.values.access_token_validity_seconds === undefined) continue;
      const life = tokenLifetime(p.resource, ctx.resolver);
      if (life.kind !== "seconds" || life.isDefault) continue;
      const lifetime = { value: life.seconds };
      if (lifetime.value > max && lifetime.value <= 38880000 && !looksLikeScimClient(p)) {
        findings.push({
          address: p.address,
          attribute: "access_token_validity_seconds",
          message: `${p.address}: access_token_validity_seconds = ${lifetime.value}${life.via ? ` (${life.via})` : ""} is above ${max} (48 h), allowed only for SCIM clients: likely refused at apply.`,
        });
      }
    }
    return findings;
  },
};
