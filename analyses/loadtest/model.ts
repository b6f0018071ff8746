// The rate model of a JMeter plan: how many requests per second each thread group sends to the
// Genesys API at full load (peak) and on average over the run (sustained), per endpoint, for how
// long, over how many OAuth tokens, and whether the plan fetches new tokens while it runs.
//
// JMeter timers only ever slow a thread down, so a timer gives an upper bound on the rate: the
// model reports what the plan allows, not what a slow server would let it reach. Without any
// timer the rate is bounded only by response times ("unbounded" below).
//
// Constant Throughput Timer (JMeter's ConstantThroughputTimer.calculateDelay): the target is in
// samples per MINUTE and applies to the samples in its scope.
//   0 this thread only: every thread keeps the target            -> threads x target
//   1 all active threads / 3 (shared): the target is shared by every active thread of the test
//   2 all active threads in current thread group / 4 (shared): shared by the group's threads
import { countsTowardTokenLimit, matchEndpoint, type EndpointMatch } from "./endpoints";
import { CALC_MODES, type HttpSampler, type JmeterTestPlan, type PlanTimer, type ThreadGroupSpec, type ThroughputTimer } from "../../model/jmeter-plan";
import { formatNumber, formatSeconds, type Quantity } from "../../model/quantity";
import { capValue } from "../../model/safe-text";

/** A request rate: the known requests per second, plus the parts that have no bound or cannot be read. */
export interface Rate {
  /** Known requests per second (a lower bound of the total when `unbounded` or `unknown` is not empty). */
  perSecond: number;
  /** Parts no timer bounds: their rate depends on response times only. */
  unbounded: string[];
  /** Parts whose rate cannot be read before the run (run-time properties, unmodelled elements). */
  unknown: string[];
}

export const NO_RATE: Rate = { perSecond: 0, unbounded: [], unknown: [] };

export function knownRate(perSecond: number): Rate {
  return { perSecond, unbounded: [], unknown: [] };
}

export function addRates(a: Rate, b: Rate): Rate {
  return { perSecond: a.perSecond + b.perSecond, unbounded: [...a.unbounded, ...b.unbounded], unknown: [...a.unknown, ...b.unknown] };
}

function scaleRate(r: Rate, k: number): Rate {
  return { ...r, perSecond: r.perSecond * k };
}

function maxRate(a: Rate, b: Rate): Rate {
  const top = a.perSecond >= b.perSecond ? a : b;
  return { perSecond: top.perSecond, unbounded: [...a.unbounded, ...b.unbounded], unknown: [...a.unknown, ...b.unknown] };
}

export function isComplete(r: Rate): boolean {
  return r.unbounded.length === 0 && r.unknown.length === 0;
}

export type Duration = { kind: "known"; seconds: number; how: string } | { kind: "forever"; how: string } | { kind: "unknown"; why: string };

export type Phase = "setup" | "main" | "teardown";

/** What bounds the pace of one thread of a group. */
export interface Pacing {
  kind: "throughput-timer" | "delay" | "none" | "unknown";
  /** The timer that binds (the slowest one). */
  timer?: ThroughputTimer;
  /** Iterations per second of one thread at full load (undefined: none or unknown). */
  iterationsPerSecond?: number;
  /** True when the bound is a shared total (modes 1-4): it holds during ramp-up too. */
  sharedTotal: boolean;
  /** The arithmetic, in words. */
  text: string;
  /** Why the pace cannot be read (kind "unknown"). */
  why?: string;
}

export interface SamplerModel {
  sampler: HttpSampler;
  group: ThreadGroupSpec;
  match: EndpointMatch;
  /** Counts toward the OAuth token's request limit (a call to /api/v2). */
  apiCall: boolean;
  /** Times one iteration of its thread group runs it, as the model counts it (UNKNOWN_REPEAT_WEIGHT when decided at run time). */
  weight: number;
  peak: Rate;
  sustained: Rate;
}

export interface GroupModel {
  group: ThreadGroupSpec;
  phase: Phase;
  pacing: Pacing;
  samplers: SamplerModel[];
  peakApi: Rate;
  sustainedApi: Rate;
  duration: Duration;
  /** Average share of the threads active over the group's run (ramp-up), when known. */
  activeFraction?: number;
  notes: string[];
}

export interface EndpointUse {
  /** "GET /api/v2/conversations/{conversationId}/recordings", or the path as written. */
  label: string;
  match: EndpointMatch;
  samplers: SamplerModel[];
  peak: Rate;
  sustained: Rate;
}

export interface TokenFetch {
  sampler: HttpSampler;
  group: ThreadGroupSpec;
  /** Fetched again while the main load runs (a new token before the old one expires). */
  renews: boolean;
  why: string;
}

export interface PlanModel {
  plan: JmeterTestPlan;
  /** OAuth tokens the load is spread over (intents run.tokens, default 1). */
  tokens: number;
  groups: GroupModel[];
  peakApi: Rate;
  sustainedApi: Rate;
  peakApiPerToken: Rate;
  duration: Duration;
  endpoints: EndpointUse[];
  tokenFetches: TokenFetch[];
  renewsToken: boolean;
  /** API samplers by the Authorization header they send. */
  authorization: { literal: SamplerModel[]; missing: SamplerModel[]; variable: SamplerModel[] };
}

export function modelPlan(plan: JmeterTestPlan, tokens = 1): PlanModel {
  const phaseOf = (g: ThreadGroupSpec): Phase => (g.kind === "setup" ? "setup" : g.kind === "teardown" ? "teardown" : "main");
  const main = plan.threadGroups.filter((g) => phaseOf(g) === "main");
  const groups = plan.threadGroups.map((g) => modelGroup(g, phaseOf(g), plan, main));

  // Thread groups of one phase run at the same time unless the plan serializes them.
  const combine = (rates: Rate[]) => rates.reduce(plan.serializeThreadGroups ? maxRate : addRates, NO_RATE);
  const byPhase = (phase: Phase) => groups.filter((g) => g.phase === phase);
  const peakApi = (["setup", "main", "teardown"] as Phase[]).map((p) => combine(byPhase(p).map((g) => g.peakApi))).reduce(maxRate, NO_RATE);
  const mainSustained = combine(byPhase("main").map((g) => g.sustainedApi));

  const endpoints = new Map<string, EndpointUse>();
  for (const g of groups) {
    for (const s of g.samplers) {
      if (!s.apiCall) continue;
      const label = s.match.kind === "endpoint" ? s.match.label : `${s.sampler.method} ${s.match.path}`;
      const use = endpoints.get(label) ?? { label, match: s.match, samplers: [], peak: NO_RATE, sustained: NO_RATE };
      use.samplers.push(s);
      use.peak = addRates(use.peak, s.peak);
      use.sustained = addRates(use.sustained, s.sustained);
      endpoints.set(label, use);
    }
  }

  const tokenFetches: TokenFetch[] = [];
  const authorization: PlanModel["authorization"] = { literal: [], missing: [], variable: [] };
  for (const g of groups) {
    for (const s of g.samplers) {
      if (s.match.kind === "token") {
        const renews = g.phase === "main" && !s.sampler.onceOnly;
        const why =
          g.phase === "setup"
            ? `in the setUp thread group "${capValue(g.group.name)}" (once, before the load)`
            : g.phase === "teardown"
              ? `in the tearDown thread group "${capValue(g.group.name)}" (after the load)`
              : s.sampler.onceOnly
                ? `under a Once Only Controller in "${capValue(g.group.name)}" (once per thread)`
                : s.sampler.conditional
                  ? `under ${s.sampler.conditional} in "${capValue(g.group.name)}"`
                  : `in every iteration of "${capValue(g.group.name)}"`;
        tokenFetches.push({ sampler: s.sampler, group: g.group, renews, why });
      }
      if (!s.apiCall) continue;
      const auth = s.sampler.headers["authorization"];
      if (!auth || !auth.value.trim()) authorization.missing.push(s);
      else if (auth.value.includes("${")) authorization.variable.push(s);
      else authorization.literal.push(s);
    }
  }

  return {
    plan,
    tokens,
    groups,
    peakApi,
    sustainedApi: mainSustained,
    peakApiPerToken: scaleRate(peakApi, 1 / tokens),
    duration: planDuration(groups, plan.serializeThreadGroups),
    endpoints: [...endpoints.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)),
    tokenFetches,
    renewsToken: tokenFetches.some((t) => t.renews),
    authorization,
  };
}

// ---------------------------------------------------------------------------------------------
// One thread group

/**
 * How often an API sampler whose repetitions are decided at run time (While, ForEach, Runtime or
 * an infinite loop controller) is counted per iteration: often enough that it takes practically all
 * of a timer's samples, the worst case for the API rate. Other samplers count as written.
 */
export const UNKNOWN_REPEAT_WEIGHT = 1000;

function modelGroup(group: ThreadGroupSpec, phase: Phase, plan: JmeterTestPlan, mainGroups: readonly ThreadGroupSpec[]): GroupModel {
  const notes: string[] = [];
  const active = group.samplers.filter((s) => !s.onceOnly);
  const matches = new Map(group.samplers.map((s) => [s.id, matchEndpoint(s.method, s.path)] as const));
  const weights = new Map<number, number>();
  for (const s of group.samplers) {
    const api = countsTowardTokenLimit(matches.get(s.id)!);
    weights.set(s.id, s.perIterationUnknown && api ? UNKNOWN_REPEAT_WEIGHT : s.perIteration);
    if (s.perIterationUnknown)
      notes.push(
        `${s.perIterationUnknown}: sampler "${capValue(s.name)}" is counted ${api ? "as taking practically all of its timer's samples (worst case)" : "once per iteration"}`,
      );
  }
  const weightOf = (s: HttpSampler) => weights.get(s.id) ?? s.perIteration;
  const threads = group.threads;
  // Threads of the whole test that run at the same time as this group (calcMode 1 and 3).
  const concurrent = phase === "main" && !plan.serializeThreadGroups ? mainGroups : [group];
  const pacing = pace(group, active, threads, concurrent, weightOf);

  const samplers: SamplerModel[] = [];
  let duration = groupDuration(
    group,
    pacing,
    active.some((s) => s.perIterationUnknown),
  );
  const activeFraction = duration.kind === "known" ? rampFraction(group, duration.seconds) : undefined;
  for (const s of group.samplers) {
    const match = matches.get(s.id)!;
    const apiCall = countsTowardTokenLimit(match);
    let peak: Rate;
    let sustained: Rate;
    const where = `sampler "${capValue(s.name)}" in "${capValue(group.name)}"`;
    if (s.onceOnly) {
      peak = NO_RATE;
      sustained = NO_RATE;
    } else if (!threads.known) {
      peak = { ...NO_RATE, unknown: [`${where}: thread count ${threads.text} (${threads.why})`] };
      sustained = peak;
    } else if (pacing.kind === "unknown") {
      peak = { ...NO_RATE, unknown: [`${where}: ${pacing.why}`] };
      sustained = peak;
    } else if (pacing.kind === "none") {
      peak = { ...NO_RATE, unbounded: [`${where}: ${formatNumber(threads.value)} threads with no timer`] };
      sustained = peak;
    } else {
      peak = knownRate(threads.value * pacing.iterationsPerSecond! * weightOf(s));
      sustained = scaleRate(peak, pacing.sharedTotal ? 1 : (activeFraction ?? 1));
    }
    samplers.push({ sampler: s, group, match, apiCall, weight: weightOf(s), peak, sustained });
  }
  const api = samplers.filter((s) => s.apiCall);
  if (duration.kind === "unknown" && !api.length) duration = { kind: "known", seconds: 0, how: "no API samplers" };
  return {
    group,
    phase,
    pacing,
    samplers,
    peakApi: api.map((s) => s.peak).reduce(addRates, NO_RATE),
    sustainedApi: api.map((s) => s.sustained).reduce(addRates, NO_RATE),
    duration,
    ...(activeFraction !== undefined ? { activeFraction } : {}),
    notes,
  };
}

interface Bound {
  iterationsPerSecond: number;
  sharedTotal: boolean;
  timer?: ThroughputTimer;
  text: string;
}

function pace(
  group: ThreadGroupSpec,
  active: readonly HttpSampler[],
  threads: Quantity,
  concurrent: readonly ThreadGroupSpec[],
  weightOf: (s: HttpSampler) => number,
): Pacing {
  const timers = new Map<number, PlanTimer>();
  for (const s of active) for (const t of s.timers) timers.set(t.id, t);
  const weightUnder = (t: PlanTimer) => active.filter((s) => s.timers.some((x) => x.id === t.id)).reduce((n, s) => n + weightOf(s), 0);
  const samplersUnder = (t: PlanTimer) => active.filter((s) => s.timers.some((x) => x.id === t.id)).length;
  const unknowns: string[] = [];
  const bounds: Bound[] = [];
  let delayMsPerIteration = 0;
  const delayTimers: string[] = [];
  for (const t of [...timers.values()].sort((a, b) => a.id - b.id)) {
    const weight = weightUnder(t);
    if (weight === 0) continue;
    if (t.kind === "constant-throughput") {
      if (!t.perMinute.known) {
        unknowns.push(`Constant Throughput Timer "${capValue(t.name)}" (line ${t.line}) throughput ${t.perMinute.text}: ${t.perMinute.why}`);
        continue;
      }
      if (t.mode === undefined) {
        unknowns.push(`Constant Throughput Timer "${capValue(t.name)}" (line ${t.line}) calculation mode "${capValue(t.modeText)}" is not one JMeter knows`);
        continue;
      }
      const perMinute = t.perMinute.value;
      const perSecond = perMinute / 60;
      const mode = `mode ${t.mode} "${CALC_MODES[t.mode]}"`;
      const head = `Constant Throughput Timer "${capValue(t.name)}" (line ${t.line}): ${formatNumber(perMinute)} samples/min = ${formatNumber(perSecond)} samples/s`;
      const count = samplersUnder(t);
      if (perMinute <= 0) {
        bounds.push({ iterationsPerSecond: 0, sharedTotal: true, timer: t, text: `${head}: a target of 0 stops the samplers in its scope` });
        continue;
      }
      if (t.mode === 0) {
        const n = threads.known ? formatNumber(threads.value) : threads.text;
        const split = count > 1 ? `; the ${count} samplers in its scope share it` : "";
        bounds.push({
          iterationsPerSecond: perSecond / weight,
          sharedTotal: false,
          timer: t,
          text: `${head} per thread in ${mode} (every thread keeps that rate${split}) x ${n} threads`,
        });
        continue;
      }
      const sharing = t.mode === 2 || t.mode === 4 ? [group] : concurrent;
      const unknownThreads = sharing.find((g) => !g.threads.known);
      if (unknownThreads) {
        unknowns.push(
          `Constant Throughput Timer "${capValue(t.name)}" shares its target among the threads of "${capValue(unknownThreads.name)}", whose count ${unknownThreads.threads.text} is unknown`,
        );
        continue;
      }
      const total = sharing.reduce((n, g) => n + (g.threads as { value: number }).value, 0);
      const mine = threads.known ? threads.value : 0;
      const who =
        t.mode === 2 || t.mode === 4
          ? `the group's ${formatNumber(total)} threads`
          : sharing.length > 1
            ? `all ${formatNumber(total)} active threads of the test (this group has ${formatNumber(mine)})`
            : `all ${formatNumber(total)} active threads`;
      bounds.push({
        iterationsPerSecond: total > 0 ? perSecond / total / weight : 0,
        sharedTotal: true,
        timer: t,
        text: `${head} in ${mode}, shared by ${who}${count > 1 ? ` and split across the ${count} samplers in its scope` : ""}`,
      });
    } else if (t.kind === "delay") {
      if (!t.minDelayMs.known) {
        unknowns.push(`${t.testclass} "${capValue(t.name)}" (line ${t.line}) delay ${t.minDelayMs.text}: ${t.minDelayMs.why}`);
        continue;
      }
      if (t.minDelayMs.value > 0) {
        delayMsPerIteration += t.minDelayMs.value * weight;
        delayTimers.push(
          `${t.testclass} "${capValue(t.name)}" ${formatNumber(t.minDelayMs.value)} ms before each of ${formatNumber(weight)} sample(s) per iteration`,
        );
      }
    }
  }
  if (delayMsPerIteration > 0) {
    const perThread = 1000 / delayMsPerIteration;
    bounds.push({
      iterationsPerSecond: perThread,
      sharedTotal: false,
      text: `${delayTimers.join(" + ")}: at most ${formatNumber(perThread)} iterations/s per thread`,
    });
  }
  if (unknowns.length) return { kind: "unknown", sharedTotal: false, why: unknowns.join("; "), text: unknowns.join("; ") };
  if (!bounds.length) {
    const n = threads.known ? formatNumber(threads.value) : threads.text;
    return {
      kind: "none",
      sharedTotal: false,
      text: `no timer paces "${capValue(group.name)}": each of its ${n} threads sends the next request as soon as the previous response arrives`,
    };
  }
  const binding = bounds.reduce((a, b) => (b.iterationsPerSecond < a.iterationsPerSecond ? b : a));
  return {
    kind: binding.timer ? "throughput-timer" : "delay",
    ...(binding.timer ? { timer: binding.timer } : {}),
    iterationsPerSecond: binding.iterationsPerSecond,
    sharedTotal: binding.sharedTotal,
    text: binding.text,
  };
}

/** Average share of a group's threads that are running over `seconds` of its run (linear or stepped ramp-up). */
function rampFraction(group: ThreadGroupSpec, seconds: number): number | undefined {
  if (!group.rampUpSeconds.known || seconds <= 0) return undefined;
  const ramp = group.rampUpSeconds.value;
  if (ramp <= 0) return 1;
  const steps = group.steps?.known ? group.steps.value : 0;
  const rampAverage = steps > 0 ? (steps + 1) / (2 * steps) : 0.5;
  if (seconds <= ramp) return (rampAverage * seconds) / ramp; // still ramping when it ends (approximation)
  return (ramp * rampAverage + (seconds - ramp)) / seconds;
}

function groupDuration(group: ThreadGroupSpec, pacing: Pacing, repeatsUnknown: boolean): Duration {
  const delay = group.startDelaySeconds?.known ? group.startDelaySeconds.value : 0;
  const ramp = group.rampUpSeconds.known ? group.rampUpSeconds.value : undefined;
  const loops = group.loops;
  // Time for a finite number of iterations when the pace is known: the last thread starts at the end of ramp-up.
  let byLoops: Duration | undefined;
  if (loops.known && loops.value >= 0) {
    if (repeatsUnknown) {
      byLoops = {
        kind: "unknown",
        why: `"${capValue(group.name)}" runs ${formatNumber(loops.value)} iterations per thread, but a controller repeats part of each iteration a number of times decided at run time`,
      };
    } else if (pacing.iterationsPerSecond !== undefined && pacing.iterationsPerSecond > 0 && ramp !== undefined) {
      // An upper bound: with a shared target, threads started early run faster during ramp-up.
      const seconds = delay + ramp + loops.value / pacing.iterationsPerSecond;
      byLoops = {
        kind: "known",
        seconds,
        how: `${formatNumber(loops.value)} iterations at ${formatNumber(pacing.iterationsPerSecond)}/s per thread after ${formatSeconds(ramp)} of ramp-up`,
      };
    } else {
      byLoops = {
        kind: "unknown",
        why: `"${capValue(group.name)}" runs ${formatNumber(loops.value)} iterations per thread as fast as responses allow: its duration depends on response times`,
      };
    }
  } else if (!loops.known) {
    byLoops = { kind: "unknown", why: `"${capValue(group.name)}" iterations ${loops.text}: ${loops.why}` };
  }
  if (group.durationSeconds) {
    const d = group.durationSeconds;
    if (!d.known) return { kind: "unknown", why: `"${capValue(group.name)}" duration ${d.text}: ${d.why}` };
    const scheduled: Duration = {
      kind: "known",
      seconds: delay + d.value,
      how:
        group.kind === "concurrency"
          ? `"${capValue(group.name)}": ramp-up ${formatSeconds(ramp ?? 0)} + hold ${formatSeconds(group.holdSeconds?.known ? group.holdSeconds.value : 0)}`
          : `the scheduler duration of "${capValue(group.name)}"${delay ? ` after a ${formatSeconds(delay)} start delay` : ""}`,
    };
    if (byLoops?.kind === "known" && byLoops.seconds < scheduled.seconds) return byLoops;
    return scheduled;
  }
  if (byLoops) return byLoops;
  return { kind: "forever", how: `"${capValue(group.name)}" loops forever and has no scheduler duration: it runs until someone stops it` };
}

function planDuration(groups: readonly GroupModel[], serialized: boolean): Duration {
  const ofPhase = (phase: Phase): Duration => {
    const ds = groups.filter((g) => g.phase === phase).map((g) => g.duration);
    if (!ds.length) return { kind: "known", seconds: 0, how: "" };
    const forever = ds.find((d) => d.kind === "forever");
    if (forever) return forever;
    const unknownD = ds.find((d) => d.kind === "unknown");
    if (unknownD) return unknownD;
    const known = ds as Extract<Duration, { kind: "known" }>[];
    const seconds = serialized ? known.reduce((n, d) => n + d.seconds, 0) : Math.max(...known.map((d) => d.seconds));
    const longest = known.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    return { kind: "known", seconds, how: serialized && known.length > 1 ? `${known.length} thread groups one after the other` : longest.how };
  };
  const phases = (["setup", "main", "teardown"] as Phase[]).map(ofPhase);
  const forever = phases.find((d) => d.kind === "forever");
  if (forever) return forever;
  const unknownD = phases.find((d) => d.kind === "unknown");
  if (unknownD) return unknownD;
  const known = phases as Extract<Duration, { kind: "known" }>[];
  return { kind: "known", seconds: known.reduce((n, d) => n + d.seconds, 0), how: known[1].how || known.find((d) => d.how)?.how || "" };
}

/** "24,500 requests/s", or what is unbounded or unknown about a rate. */
export function describeRate(r: Rate): string {
  const parts: string[] = [];
  if (r.perSecond > 0 || isComplete(r)) parts.push(`${formatNumber(r.perSecond)} requests/s`);
  if (r.unbounded.length) parts.push(`unbounded for ${r.unbounded.join("; ")}`);
  if (r.unknown.length) parts.push(`unknown for ${r.unknown.join("; ")}`);
  return parts.join(", plus ");
}
