import { formatSeconds } from "../model/quantity";
import { listSome, plansIn, samplerLabel } from "./support/loadtest";
import { tokenLifetime } from "../analyses/token-lifetime";
import type { Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

export const planOutlivesToken: Rule = {
  id: "GRG020",
  name: "plan-outlives-token",
  title: "JMeter plan runs longer than its token lives, without re-authenticating",
  severity: "error",
  httpStatus: 401,
  outcome: "401 for every request after the token expires",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "An access token lives access_token_validity_seconds (default 86400, 300..172800) from the moment it is issued. A plan that fetches its token once (a -J property, a setUp thread group, a Once Only Controller, or a token pasted into a header) and runs longer than that gets 401 on every later request; a 401 is an expired or invalid token, never a permission or rate problem. The plan's duration comes from its thread groups: the scheduler duration, ramp-up + hold of a Concurrency Thread Group, or loops at the paced rate; a plan that loops forever runs until someone stops it. Requests to /api/v2 without an Authorization header get 401 too.",
  remediation:
    "Fetch a new token (POST /oauth/token) inside the main thread group before the old one expires, shorten the run, or raise access_token_validity_seconds above the run's duration (at most 172800).",
  sources: [
    "genesys/README.md: OAuth clients and tokens",
    "provider docs: genesyscloud_oauth_client.access_token_validity_seconds",
    "Apache JMeter thread group scheduler and loop settings",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, principal, model } of plansIn(ctx)) {
      if (!model || !principal || principal.kind !== "oauth_client") continue;
      const plan = model.plan;
      const address = attached.principal;
      const { missing, literal } = model.authorization;
      if (missing.length) {
        findings.push({
          address,
          certainty: "likely",
          message: `plan ${plan.file}: ${listSome(missing.map((s) => samplerLabel(plan, s.sampler, s.group.name)))} call${missing.length === 1 ? "s" : ""} /api/v2 with no Authorization header (no HTTP Header Manager in scope sets one): 401 unless a script adds it.`,
          remediation: 'Add an HTTP Header Manager with "Authorization: Bearer ${access_token}" at the thread group (or test plan) level.',
        });
      }
      const life = tokenLifetime(principal.resource, ctx.resolver);
      if (life.kind === "unknown") {
        findings.push({
          address,
          severity: "unknown",
          httpStatus: null,
          message: `plan ${plan.file}: cannot compare the plan's duration with ${address}'s token lifetime (${life.text}).`,
        });
        continue;
      }
      const lifetime = `${address}'s tokens live ${formatSeconds(life.seconds)}${life.isDefault ? " (default)" : ""}${life.via ? ` (${life.via})` : ""}`;
      if (model.renewsToken) continue;
      const fetched = model.tokenFetches.length
        ? `the plan fetches its token only ${model.tokenFetches.map((t) => `${t.why} (${samplerLabel(plan, t.sampler)})`).join(", ")}`
        : literal.length
          ? `the Authorization header of ${listSome(literal.map((s) => `"${capValue(s.sampler.name)}"`))} holds a fixed token (it was issued before the run, so it expires even sooner)`
          : `the plan never fetches a token${describeHeader(model.authorization.variable[0]?.sampler.headers["authorization"]?.value)}`;
      const d = model.duration;
      let seconds: number | undefined;
      let how: string;
      if (d.kind === "known") {
        seconds = d.seconds;
        how = d.how;
      } else if (d.kind === "forever") {
        findings.push({
          address,
          certainty: "likely",
          message: `plan ${plan.file}: ${d.how}, but ${lifetime} and ${fetched}: requests after ${formatSeconds(life.seconds)} answer 401.`,
        });
        continue;
      } else if (attached.durationSeconds !== undefined) {
        seconds = attached.durationSeconds;
        how = `durationSeconds from the intents (the plan's own duration cannot be read: ${d.why})`;
      } else {
        findings.push({
          address,
          severity: "unknown",
          httpStatus: null,
          message: `plan ${plan.file}: cannot compare the plan's duration with the token lifetime (${lifetime}): ${d.why}.`,
          remediation: "Give the thread group a scheduler duration, or durationSeconds next to run.jmeter in the intents.",
        });
        continue;
      }
      if (seconds > life.seconds) {
        findings.push({
          address,
          message: `plan ${plan.file} runs ${formatSeconds(seconds)} (${how}) but ${lifetime} and ${fetched}: requests after ${formatSeconds(life.seconds)} answer 401.`,
        });
      }
    }
    return findings;
  },
};

function describeHeader(value: string | undefined): string {
  return value ? ` (its Authorization header "${capValue(value)}" is resolved once, when the test starts)` : "";
}
