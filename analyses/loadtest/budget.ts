// The request budget of a load test: how fast a JMeter plan may go on a principal's tokens, and
// the Constant Throughput Timer value and mode that keep each thread group inside it. When a
// target rate is above the budget, the answer is a limit increase from Genesys, not more OAuth
// clients: Genesys discourages minting clients to get around the per-token limit.
//
//   budget({ principal, plan, org, targetRps }) -> text (npm run audit -- budget --principal ADDRESS [--target-rps N])
import { tokenRateLimit, type OrgSettings, type RateLimit } from "../../model/org-settings";
import { grantType, type Principal } from "../principals";
import { CALC_MODES, type JmeterTestPlan } from "../../model/jmeter-plan";
import { describeRate, isComplete, modelPlan, type GroupModel, type PlanModel } from "./model";
import { formatNumber, formatSeconds } from "../../model/quantity";
import { mediaUrlBudgetLines } from "./media-urls";
import { DOCUMENTED_LIMITS } from "../../genesys/limits";
import { capValue } from "../../model/safe-text";

/** Share of the budget the recommended timer value leaves unused (retries, the timer catching up after slow responses). */
export const HEADROOM = 0.1;

/** Recommended mode: the group's threads share the target, so ramp-up and thread count do not change the rate. */
export const RECOMMENDED_MODE = 2;

export interface TimerAdvice {
  group: GroupModel;
  /** Samples per minute for the whole group (mode 2), at most. */
  maxPerMinute: number;
  /** With headroom. */
  recommendedPerMinute: number;
  /** The same in mode 0 ("this thread only"), per thread, when the thread count is known. */
  perThreadPerMinute?: number;
  text: string;
}

/**
 * The Constant Throughput Timer setting that keeps each main thread group within `budgetPerMinute`
 * (requests per minute for the whole plan), the budget split between groups that run at the same
 * time in proportion to their threads.
 */
export function timerAdvice(model: PlanModel, budgetPerMinute: number, targetPerMinute?: number): TimerAdvice[] {
  const main = model.groups.filter((g) => g.phase === "main" && g.samplers.some((s) => s.apiCall));
  const threadsOf = (g: GroupModel) => (g.group.threads.known ? g.group.threads.value : 1);
  const total = model.plan.serializeThreadGroups ? 0 : main.reduce((n, g) => n + threadsOf(g), 0);
  return main.map((g) => {
    const share = model.plan.serializeThreadGroups || total === 0 ? 1 : threadsOf(g) / total;
    const api = g.samplers.filter((s) => s.apiCall && !s.sampler.onceOnly);
    const all = g.samplers.filter((s) => !s.sampler.onceOnly);
    // The timer counts every sample in its scope; scale up when some samplers are not API calls.
    const apiWeight = api.reduce((n, s) => n + s.weight, 0);
    const allWeight = all.reduce((n, s) => n + s.weight, 0);
    const scale = apiWeight > 0 ? allWeight / apiWeight : 1;
    const maxPerMinute = budgetPerMinute * share * scale;
    const wanted = targetPerMinute !== undefined && targetPerMinute <= budgetPerMinute ? targetPerMinute * share * scale : maxPerMinute * (1 - HEADROOM);
    const recommendedPerMinute = Math.floor(wanted * 100) / 100;
    const threads = g.group.threads.known ? g.group.threads.value : undefined;
    const perThread = threads ? recommendedPerMinute / threads : undefined;
    const mode = `mode ${RECOMMENDED_MODE} "${CALC_MODES[RECOMMENDED_MODE]}"`;
    const samples = scale !== 1 ? ` (counting its ${all.length - api.length} non-API sampler(s) too)` : "";
    const text =
      `thread group "${capValue(g.group.name)}" (${threads !== undefined ? `${formatNumber(threads)} threads` : `threads ${g.group.threads.text}`}): ` +
      `a Constant Throughput Timer at the thread group level, ${formatNumber(recommendedPerMinute)} samples/min in ${mode} ` +
      `(at most ${formatNumber(maxPerMinute)}${samples}${targetPerMinute === undefined || targetPerMinute > budgetPerMinute ? `; ${formatNumber(HEADROOM * 100)}% headroom for retries and the timer catching up` : ""})` +
      (perThread !== undefined ? `; in mode 0 "${CALC_MODES[0]}" that is ${formatNumber(perThread)} samples/min per thread` : "");
    return { group: g, maxPerMinute, recommendedPerMinute, ...(perThread !== undefined ? { perThreadPerMinute: perThread } : {}), text };
  });
}

/** The per-user limit for one OAuth client: the org's value, else the figure assumed (genesys/limits.ts). */
function userRateLimit(org: OrgSettings | undefined): { perMinute: number; source: string } {
  const block = org?.limits["platform.api"];
  const value = block?.values[DOCUMENTED_LIMITS.userRateKeys.perApp];
  if (value !== undefined) return { perMinute: value, source: `${org!.file} (${block!.source})` };
  return {
    perMinute: DOCUMENTED_LIMITS.userRateLowerReadingPerMinute,
    source: `not in the org settings: the lower figure sources give (${DOCUMENTED_LIMITS.userRateLowerReadingPerMinute}; a Genesys staff post says ${DOCUMENTED_LIMITS.userRateAssumedPerMinute}); npm run org:snapshot reads the org's own`,
  };
}

export interface BudgetInput {
  /** The principal whose tokens the plan uses: its address, or the principal read from the configuration. */
  principal: string | Principal;
  /** The JMeter plan (parsed with readJmeterFile), or its model. */
  plan: JmeterTestPlan | PlanModel;
  /** Org settings (limits); default: the documented 300 requests per minute per token. */
  org?: OrgSettings;
  /** OAuth tokens the plan spreads its requests over (intents run.tokens); default 1. */
  tokens?: number;
  /** The rate the test should reach, requests per second across all its tokens. */
  targetRps?: number;
}

/** The budget as text: limit, tokens, the plan's rate now, the timer per thread group, and what a target needs. */
export function budget(input: BudgetInput): string {
  const model = "groups" in input.plan ? input.plan : modelPlan(input.plan, input.tokens ?? 1);
  const tokens = input.tokens ?? model.tokens;
  const address = typeof input.principal === "string" ? input.principal : input.principal.address;
  const type =
    typeof input.principal === "string"
      ? "CLIENT-CREDENTIALS"
      : input.principal.kind === "oauth_client"
        ? (grantType(input.principal) ?? "CLIENT-CREDENTIALS")
        : "CODE";
  const limit: RateLimit = tokenRateLimit(input.org, type);
  const tokenBudget = limit.perMinute * tokens;
  // The per-user layer (GRG033): a user's tokens of one OAuth client share org.app.user.rate.per.minute.
  const userLimit = type === "CLIENT-CREDENTIALS" ? undefined : userRateLimit(input.org);
  const perMinute = userLimit !== undefined && userLimit.perMinute < tokenBudget ? userLimit.perMinute : tokenBudget;
  const perSecond = perMinute / 60;
  const lines: string[] = [];
  lines.push(`Request budget for ${address} with plan ${model.plan.file}`);
  lines.push(`  limit: ${formatNumber(limit.perMinute)} requests/min per OAuth token (${limit.key}; ${limit.source})`);
  lines.push(
    userLimit
      ? `  per user: ${formatNumber(userLimit.perMinute)} requests/min across one user's tokens of this client (${DOCUMENTED_LIMITS.userRateKeys.perApp}; ${userLimit.source})`
      : "  per user: does not apply (client-credentials tokens are not subject to user limits)",
  );
  lines.push(
    `  tokens: ${tokens}: budget ${formatNumber(perMinute)} requests/min = ${formatNumber(perSecond)} requests/s${perMinute < tokenBudget ? " (the per-user limit, if all tokens are one user's)" : tokens > 1 ? " (only if the plan really spreads its requests over that many tokens)" : ""}`,
  );
  const peak = model.peakApi;
  const over = isComplete(peak) && peak.perSecond > perSecond ? ` (${formatNumber(peak.perSecond / perSecond)}x the budget)` : "";
  lines.push(`  the plan now: ${describeRate(peak)} at peak${over}`);
  lines.push("");
  const target = input.targetRps;
  if (target !== undefined && !(target > 0)) throw new RangeError(`targetRps must be positive, got ${target}`);
  const advice = timerAdvice(model, perMinute, target !== undefined ? target * 60 : undefined);
  if (!advice.length) lines.push("The plan has no thread group that calls the Genesys API (/api/v2): nothing to pace.");
  else {
    lines.push(
      target !== undefined && target <= perSecond
        ? `To send ${formatNumber(target)} requests/s, pace each thread group with:`
        : `To stay within the budget${target !== undefined ? " until then" : ""}, pace each thread group with:`,
    );
    for (const a of advice) lines.push(`  - ${a.text}`);
    lines.push("  Put the timer where it covers every sampler that calls /api/v2 (at the thread group level, not under one sampler).");
    lines.push("  Timers only slow threads down: the plan reaches this rate only if its threads are fast enough (threads >= rate x response time).");
  }
  if (target !== undefined) {
    lines.push("");
    if (target <= perSecond) {
      const headroom = 1 - target / perSecond;
      lines.push(
        `Target ${formatNumber(target)} requests/s fits the budget of ${formatNumber(perSecond)} requests/s on ${tokens} token(s)` +
          (headroom < HEADROOM
            ? `, with ${formatNumber(headroom * 100)}% headroom: retries and the timer catching up after slow responses can tip it into 429.`
            : "."),
      );
    } else {
      const needed = Math.ceil(((target * 60) / tokens) * 100) / 100;
      lines.push(
        `Target ${formatNumber(target)} requests/s is above the budget of ${formatNumber(perSecond)} requests/s on ${tokens} token(s). ` +
          `It needs a limit increase from Genesys, not more clients: ask Genesys support to raise ${limit.key} (namespace ${limit.namespace}) to at least ${formatNumber(needed)} requests/min per token. ` +
          "Genesys discourages creating more OAuth clients or tokens to get around the per-token limit; until the limit is raised, the timers above keep the test within the budget.",
      );
    }
  }
  lines.push("");
  lines.push(...mediaUrlBudgetLines(model, input.org, formatSeconds, (s) => `"${capValue(s.name)}" (line ${s.line})`));
  return `${lines.join("\n")}\n`;
}
