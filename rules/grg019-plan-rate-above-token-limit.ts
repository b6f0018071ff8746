import { timerAdvice } from "../analyses/loadtest/budget";
import { describeRate, type GroupModel } from "../analyses/loadtest/model";
import { formatNumber } from "../model/quantity";
import { plansIn } from "./support/loadtest";
import type { Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

export const planRateAboveTokenLimit: Rule = {
  id: "GRG019",
  name: "plan-rate-above-token-limit",
  title: "JMeter plan sends more requests per token than Genesys allows",
  severity: "error",
  httpStatus: 429,
  outcome: "429 too.many.requests with Retry-After (never 403)",
  certainty: "certain",
  usesIntents: false,
  explanation:
    'Genesys Cloud allows 300 API requests per minute per OAuth token by default (client.credentials.token.rate.per.minute / token.rate.per.minute, namespace platform.api; raised only through support) and answers 429 with Retry-After above it. The rule computes the plan\'s peak rate from its thread groups and timers: JMeter\'s Constant Throughput Timer counts samples per MINUTE (2940 = 49 per second), and in mode 0 "this thread only" every thread keeps that rate, so 500 threads x 49/s = 24,500 requests per second; in the "all active threads" modes the threads share the target. Every /api/v2 request made with the token counts; the load is assumed spread evenly over the tokens the intents declare (run.tokens, default 1). Without any timer the rate is bounded by response times only.',
  remediation:
    'Pace the plan with a Constant Throughput Timer at the thread group level in mode 2 ("all active threads in current thread group") at or below the budget (npm run audit -- budget --principal ADDRESS prints it), or ask Genesys for a higher limit. Creating more OAuth clients to dodge the limit is discouraged by Genesys.',
  sources: [
    "genesys/README.md: Rate limits (300 per minute per token; 429 with Retry-After)",
    "Apache JMeter ConstantThroughputTimer (samples per minute; calcMode 0-4)",
    "org settings file: limits.platform.api",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, model, limit } of plansIn(ctx)) {
      if (!model) continue;
      const allowed = limit.perMinute / 60;
      const tokens = attached.tokens;
      const perToken = model.peakApiPerToken;
      const plan = model.plan.file;
      const limitText = `a limit of ${formatNumber(allowed)} requests per second per token (${formatNumber(limit.perMinute)}/min, ${limit.key}; ${limit.source})`;
      const advice = timerAdvice(model, allowed * tokens * 60);
      const fix =
        `${advice.length ? `Pace ${advice.map((a) => a.text).join("; ")}` : "Pace the plan to the budget"}; or ask Genesys for a higher limit. ` +
        "Creating more OAuth clients to dodge the limit is discouraged by Genesys.";
      if (perToken.perSecond > allowed) {
        const groups = model.groups.filter((g) => g.phase === "main" && g.peakApi.perSecond > 0).map((g) => groupArithmetic(g));
        const total = model.peakApi.perSecond;
        findings.push({
          address: attached.principal,
          message:
            `plan ${plan}: ${groups.join("; ")}` +
            `${groups.length > 1 ? `; together ${formatNumber(total)} requests per second` : ""}` +
            ` on ${tokens} token(s) = ${formatNumber(perToken.perSecond)} requests per second per token against ${limitText}: ` +
            `${formatNumber(perToken.perSecond / allowed)}x over: 429 too.many.requests with Retry-After.`,
          remediation: fix,
        });
      } else if (perToken.unbounded.length) {
        const unpaced = model.groups.filter(
          (g) => g.phase === "main" && g.pacing.kind === "none" && g.samplers.some((s) => s.apiCall) && g.group.threads.known,
        );
        const threads = unpaced.reduce((n, g) => n + (g.group.threads.known ? g.group.threads.value : 0), 0);
        const room = allowed * tokens - model.peakApi.perSecond;
        const minResponse = room > 0 ? threads / room : Infinity;
        findings.push({
          address: attached.principal,
          certainty: "likely",
          message:
            `plan ${plan}: ${unpaced.map((g) => g.pacing.text).join("; ")}. ` +
            `${formatNumber(threads)} unpaced thread(s) on ${tokens} token(s) stay within ${limitText} only if every response takes at least ${minResponse === Infinity ? "forever" : `${formatNumber(minResponse)} s`}: likely 429.`,
          remediation: fix,
        });
      } else if (perToken.unknown.length) {
        if (attached.requestsPerSecond !== undefined) {
          const declared = attached.requestsPerSecond / tokens;
          if (declared > allowed) {
            findings.push({
              address: attached.principal,
              message: `plan ${plan}: its rate cannot be read (${perToken.unknown.join("; ")}); the intents declare ${formatNumber(attached.requestsPerSecond)} requests per second on ${tokens} token(s) = ${formatNumber(declared)} per token against ${limitText}: ${formatNumber(declared / allowed)}x over: 429.`,
              remediation: fix,
            });
          }
          continue;
        }
        findings.push({
          address: attached.principal,
          severity: "unknown",
          httpStatus: null,
          message: `plan ${plan}: cannot compare the request rate with ${limitText}: ${describeRate(perToken)}.`,
          remediation: "Write the numbers into the plan, or give requestsPerSecond next to run.jmeter in the intents (the rate the run will use at most).",
        });
      }
    }
    return findings;
  },
};

/** "thread group "Readers" (forum.jmx:57): <timer arithmetic> = 24,500 requests per second" */
function groupArithmetic(g: GroupModel): string {
  return `thread group "${capValue(g.group.name)}" (line ${g.group.line}): ${g.pacing.text} = ${formatNumber(g.peakApi.perSecond)} requests per second${g.peakApi.unbounded.length || g.peakApi.unknown.length ? ` (plus ${describeRate({ ...g.peakApi, perSecond: 0 })})` : ""}`;
}
