import { tokenLifetime } from "../analyses/token-lifetime";
import { type Rule, type RuleFinding, intendedPrincipals } from "../core/rule";

export const tokenLifetimeShorterThanRun: Rule = {
  id: "GRG007",
  name: "token-lifetime-shorter-than-run",
  title: "Token lifetime shorter than the intended run",
  severity: "error",
  httpStatus: 401,
  outcome: "401 for every request after the token expires",
  certainty: "certain",
  usesIntents: true,
  explanation:
    "An access token lives access_token_validity_seconds (default 86400, 300..172800). A run that outlives its token gets 401 on every later request unless it fetches a new token; a 401 is an expired or invalid token, never a permission problem.",
  remediation: "Raise access_token_validity_seconds above the run's duration (at most 172800), or make the client re-authenticate before the token expires.",
  sources: ["genesys/README.md: OAuth clients and tokens", "provider docs: genesyscloud_oauth_client.access_token_validity_seconds"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { principal: p, intent } of intendedPrincipals(ctx)) {
      const run = intent.run;
      if (!run || p.kind !== "oauth_client") continue;
      const life = tokenLifetime(p.resource, ctx.resolver);
      if (life.kind === "unknown") {
        findings.push({
          address: p.address,
          attribute: "access_token_validity_seconds",
          severity: "unknown",
          httpStatus: null,
          message: `${p.address}: cannot compare the token lifetime (${life.text}) with the ${run.durationSeconds} s run.`,
        });
        continue;
      }
      const lifetime = life.seconds;
      if (run.durationSeconds > lifetime) {
        findings.push({
          address: p.address,
          ...(life.isDefault ? {} : { attribute: "access_token_validity_seconds" }),
          message: `${p.address}: the run lasts ${run.durationSeconds} s but tokens live ${lifetime} s${life.isDefault ? " (default)" : ""}${life.via ? ` (${life.via})` : ""}: requests after ${lifetime} s answer 401 unless the client re-authenticates.`,
        });
      }
    }
    return findings;
  },
};
