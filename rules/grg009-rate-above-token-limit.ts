import { tokenRateLimit } from "../model/org-settings";
import { grantType } from "../analyses/principals";
import { type Rule, type RuleFinding, intendedPrincipals } from "../core/rule";

export const rateAboveTokenLimit: Rule = {
  id: "GRG009",
  name: "rate-above-token-limit",
  title: "Intended request rate above the per-token limit",
  severity: "error",
  httpStatus: 429,
  outcome: "429 too.many.requests with Retry-After (never 403)",
  certainty: "certain",
  usesIntents: true,
  explanation:
    "Genesys Cloud limits requests per OAuth token (300 per minute by default: client.credentials.token.rate.per.minute / token.rate.per.minute in the platform.api namespace; raised only through support). Above it the API answers 429 with a Retry-After header, not 403. The intended rate per token is requestsPerSecond divided by the number of tokens the run uses.",
  remediation: "Lower the request rate to the limit, or ask Genesys for a higher limit. Minting more clients to dodge the limit is discouraged by Genesys.",
  sources: ["genesys/README.md: Rate limits (300 per minute per token; 429 with Retry-After)", "org settings file: limits.platform.api"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { principal: p, intent } of intendedPrincipals(ctx)) {
      const run = intent.run;
      if (!run) continue;
      const limit = tokenRateLimit(ctx.org, p.kind === "oauth_client" ? grantType(p) : "CODE");
      const perToken = run.requestsPerSecond / run.tokens;
      const allowed = limit.perMinute / 60;
      if (perToken <= allowed) continue;
      findings.push({
        address: p.address,
        message: `${p.address}: ${fmt(run.requestsPerSecond)} requests/s over ${run.tokens} token(s) = ${fmt(perToken)} requests/s per token, above the limit of ${limit.perMinute}/min = ${fmt(allowed)}/s per token (${limit.key}, ${limit.source}); ${fmt(perToken / allowed)}x over: 429.`,
        remediation: `Keep each token at or below ${fmt(allowed)} requests/s (${limit.perMinute}/min): at most ${fmt(allowed * run.tokens)} requests/s for ${run.tokens} token(s), or ask Genesys for a higher limit.`,
      });
    }
    return findings;
  },
};

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}
