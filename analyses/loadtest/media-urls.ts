// Recording media URLs a load plan fetches after they expire. Reading a recording returns
// playback URLs (mediaUris) that live recordingPlaybackUrlTtl minutes; a batch download's result
// poll returns result URLs that live recordingBatchDownloadUrlTtl minutes (2..60, default 60;
// genesys/README.md "Recording URL lifetimes"). A harness keeps them with an extractor and fetches
// them later; this pairs each request that yields media URLs with the samplers of the same thread
// group that fetch what it extracted, and bounds the time between the two from the plan's timers
// and loops.
//
// Pairs recognised (README "Media URL lifetimes" lists them):
//  - producer: GET /api/v2/conversations/{conversationId}/recordings[/{recordingId}] (playback URLs)
//    or GET /api/v2/recording/batchrequests/{jobId} (the result poll: batch-download URLs);
//  - its extractors (JSON, regex, boundary, XPath, CSS) name variables; a ForEach Controller walking
//    name_1..name_N passes them on under its output variable;
//  - fetch: a later sampler of the same thread group whose host or whole URL is such a variable
//    (a variable inside an /api/v2 path is an id, not a media URL).
// The delay is a lower bound: the minimum delays of the timers in scope of every sample between
// the two, times the loops around them, response times not counted. A URL extracted under a Once
// Only Controller is reused by every later iteration, so it is as old as the thread's run.
import { DOCUMENTED_LIMITS } from "../../genesys/limits";
import type { ControllerFrame, Extraction, HttpSampler, ThreadGroupSpec } from "../../model/jmeter-plan";
import type { Duration, GroupModel, PlanModel, SamplerModel } from "./model";

export type MediaUrlKind = "playback" | "batch";

export interface MediaUrlFetch {
  group: GroupModel;
  producer: SamplerModel;
  fetch: SamplerModel;
  kind: MediaUrlKind;
  extraction: Extraction;
  /** The variable the fetch uses (an extracted one, or a ForEach Controller's output). */
  variable: string;
  /** Seconds from the producer's response to the fetch, at least (timers' minimums, response times not counted). */
  minSeconds: number;
  /** At most, from the timers' maximums; undefined when a loop count or a timer has no upper bound. */
  maxSeconds?: number;
  /** The URL is extracted once per thread (Once Only Controller) and reused by later iterations. */
  reusedFor?: Duration;
  /** How the delay was bounded, in words. */
  how: string;
}

/** Requests whose response carries media URLs, by the documented endpoint they call. */
const PRODUCERS: Record<string, MediaUrlKind> = {
  "GET /api/v2/conversations/{conversationId}/recordings": "playback",
  "GET /api/v2/conversations/{conversationId}/recordings/{recordingId}": "playback",
  "GET /api/v2/recording/batchrequests/{jobId}": "batch",
};

export function producerKind(s: SamplerModel): MediaUrlKind | undefined {
  return s.match.kind === "endpoint" ? PRODUCERS[s.match.label] : undefined;
}

/** Every (producer, fetch) pair of the plan, in plan order. */
export function mediaUrlFetches(model: PlanModel): MediaUrlFetch[] {
  const out: MediaUrlFetch[] = [];
  for (const group of model.groups) {
    const samplers = group.samplers;
    for (let i = 0; i < samplers.length; i++) {
      const producer = samplers[i];
      const kind = producerKind(producer);
      if (!kind) continue;
      const paired = new Set<SamplerModel>(); // one pair per fetch, whichever of its variables is found first (a host and a path)
      for (const extraction of producer.sampler.extracts) {
        for (const extracted of extraction.variables) {
          for (let j = i + 1; j < samplers.length; j++) {
            const fetch = samplers[j];
            const variable = paired.has(fetch) ? undefined : fetchedVariable(fetch.sampler, extracted);
            if (variable) {
              paired.add(fetch);
              const between = samplers.slice(i + 1, j + 1);
              out.push({
                group,
                producer,
                fetch,
                kind,
                extraction,
                variable,
                ...delayBetween(group, producer.sampler, fetch.sampler, between, kind, extracted),
              });
            }
            // A later sampler that stores the same variable replaces the URL: later fetches use its.
            if (fetch.sampler.extracts.some((e) => e.variables.includes(extracted))) break;
          }
        }
      }
    }
  }
  return out;
}

/** The variable through which a sampler fetches what `extracted` holds, if it does. */
function fetchedVariable(s: HttpSampler, extracted: string): string | undefined {
  const names = [extracted];
  for (const f of s.frames) if (f.foreach && (f.foreach.input === extracted || f.foreach.input === `${extracted}_`)) names.push(f.foreach.output);
  for (const name of names) {
    // ${name}, ${name_3}: the variable itself or one of a match-all extractor's numbered values, as
    // the host, or at the start of the URL (https://${host}/..., or the whole URL in the path).
    const use = `\\$\\{${escapeRegExp(name)}(_\\d+)?\\}`;
    if (new RegExp(use).test(s.domain)) return name;
    if (new RegExp(`^(https?://)?${use}`, "i").test(s.path.trim())) return name;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Seconds a sample waits before it runs, at least and at most (undefined: no upper bound). */
function waitOf(s: HttpSampler, group: ThreadGroupSpec): { min: number; max: number | undefined } {
  let min = 0;
  let max: number | undefined = 0;
  let paced = 0;
  for (const t of s.timers) {
    if (t.kind === "delay") {
      if (t.minDelayMs.known) min += t.minDelayMs.value / 1000;
      if (max !== undefined) max = t.maxDelayMs?.known ? max + t.maxDelayMs.value / 1000 : undefined;
    } else if (t.kind === "constant-throughput") {
      // A Constant Throughput Timer spaces a thread's samples by 60/target seconds (mode 0), or by
      // threads x 60/target when the target is shared (modes 1-4).
      if (!t.perMinute.known || t.perMinute.value <= 0 || t.mode === undefined) {
        max = undefined; // its pace cannot be read: no upper bound
        continue;
      }
      const threads = t.mode === 0 ? 1 : group.threads.known ? group.threads.value : 1;
      paced = Math.max(paced, (threads * 60) / t.perMinute.value);
    } else max = undefined;
  }
  return { min: Math.max(min, paced), max: max === undefined ? undefined : max + paced };
}

function delayBetween(
  group: GroupModel,
  producer: HttpSampler,
  fetch: HttpSampler,
  between: readonly SamplerModel[],
  kind: MediaUrlKind,
  extracted: string,
): Pick<MediaUrlFetch, "minSeconds" | "maxSeconds" | "reusedFor" | "how"> {
  // A ForEach Controller over a batch's result URLs runs at most once per item of the batch.
  const batchItems = (f: ControllerFrame) =>
    kind === "batch" && f.foreach && (f.foreach.input === extracted || f.foreach.input === `${extracted}_`)
      ? DOCUMENTED_LIMITS.maxBatchDownloadItems
      : undefined;
  const producerFrames = new Set(producer.frames.map((f) => f.id));
  const fetchFrames = new Set(fetch.frames.map((f) => f.id));
  const onceAt = producer.frames.findIndex((f) => f.kind === "once-only" && !fetchFrames.has(f.id));
  const once = onceAt >= 0 ? producer.frames[onceAt] : undefined;
  // JMeter runs a Once Only Controller again on each entry into a looping parent: only one directly
  // under the thread group (no repeating controller above it) runs once per thread.
  const loopAbove = producer.frames.slice(0, onceAt).some((f) => f.kind === "repeat" || f.kind === "foreach" || (f.kind === "loop" && (f.count ?? 1) > 1));
  const iterates = !(group.group.loops.known && group.group.loops.value >= 0 && group.group.loops.value <= 1) || group.group.durationSeconds !== undefined;
  if (once && !loopAbove && iterates && fetch.frames.every((f) => f.kind !== "once-only")) {
    // Extracted in the first iteration only, fetched in every one: as old as the thread's run.
    const d = threadRun(group);
    const seconds = d.kind === "known" ? d.seconds : undefined;
    return {
      minSeconds: seconds ?? 0,
      ...(seconds !== undefined ? { maxSeconds: seconds } : {}),
      reusedFor: d,
      how: `the URL is extracted once per thread (Once Only Controller "${once.name}", line ${once.line}) and fetched in every iteration, so it grows as old as the thread's run: ${d.kind === "unknown" ? d.why : d.how}`,
    };
  }
  let min = 0;
  let max: number | undefined = 0;
  const loops: string[] = [];
  for (const s of between) {
    const wait = waitOf(s.sampler, group.group);
    // How often s runs between the producer's response and the fetch's last run: the counts of the
    // controllers around s that are not around the producer. A controller that may not run at all
    // counts 0 unless the fetch is under it (then it ran at least once).
    let atLeast = 1;
    let atMost: number | undefined = 1;
    // Under a controller that runs one child per pass, a sample in another child than the fetch's
    // does not run in the pass the fetch runs in.
    if (s.sampler !== fetch && otherBranch(s.sampler.frames, fetch.frames)) continue;
    for (const f of s.sampler.frames) {
      if (producerFrames.has(f.id)) continue;
      const around = fetchFrames.has(f.id);
      const [lo, hi] = runs(f, around, batchItems(f));
      atLeast *= lo;
      atMost = atMost === undefined || hi === undefined ? undefined : atMost * hi;
      if (around && s.sampler === fetch && (f.kind === "repeat" || f.kind === "foreach"))
        loops.push(
          batchItems(f) !== undefined
            ? `ForEach "${f.name}" runs it once per result URL, at most ${DOCUMENTED_LIMITS.maxBatchDownloadItems} per batch request`
            : `${f.kind === "foreach" ? "ForEach" : "a controller"} "${f.name}" repeats it a number of times decided at run time`,
        );
      else if (around && s.sampler === fetch && (f.count ?? 1) > 1) loops.push(`loop controller "${f.name}" runs it ${f.count} times`);
    }
    min += atLeast * wait.min;
    max = max === undefined || atMost === undefined || wait.max === undefined ? undefined : max + atMost * wait.max;
  }
  const how = `counting the timers in scope of each sample after "${producer.name}" up to the last run of "${fetch.name}"${loops.length ? `; ${loops.join("; ")}` : ""}; response times add to that`;
  return { minSeconds: min, ...(max !== undefined ? { maxSeconds: max } : {}), how };
}

/** Whether two samplers sit in different children of a controller that runs one child per pass. */
function otherBranch(a: readonly ControllerFrame[], b: readonly ControllerFrame[]): boolean {
  for (let k = 0; k < a.length && k < b.length && a[k].id === b[k].id; k++) {
    if (!a[k].exclusive) continue;
    // The child each is under: the next frame down, or the sampler itself (a direct child).
    const ca = a[k + 1]?.id;
    const cb = b[k + 1]?.id;
    if (ca === undefined || cb === undefined || ca !== cb) return true;
  }
  return false;
}

/**
 * How long one thread runs (not the group: its start delay and ramp-up are not part of a thread's
 * run): the scheduler duration (a Concurrency Thread Group's ramp-up + hold), else its iterations at
 * the paced rate; a group that loops forever without a scheduler runs until stopped.
 */
function threadRun(group: GroupModel): Duration {
  const g = group.group;
  if (g.durationSeconds) {
    return g.durationSeconds.known
      ? { kind: "known", seconds: g.durationSeconds.value, how: `the scheduler duration of "${g.name}"` }
      : { kind: "unknown", why: `"${g.name}" duration ${g.durationSeconds.text}: ${g.durationSeconds.why}` };
  }
  if (g.loops.known && g.loops.value < 0) return { kind: "forever", how: `"${g.name}" loops forever and has no scheduler duration` };
  const pace = group.pacing.iterationsPerSecond;
  if (g.loops.known && pace !== undefined && pace > 0)
    return { kind: "known", seconds: g.loops.value / pace, how: `${g.loops.value} iterations of "${g.name}" at ${pace.toFixed(3)}/s per thread` };
  return { kind: "unknown", why: `the length of a thread's run in "${g.name}" depends on response times or run-time values` };
}

/** How many times a controller runs what is under it per pass: at least and at most (undefined: no bound). */
function runs(f: ControllerFrame, aroundFetch: boolean, atMost?: number): [number, number | undefined] {
  switch (f.kind) {
    case "loop":
      return [f.count ?? 1, f.count ?? 1];
    case "once-only":
    case "conditional":
      return [aroundFetch ? 1 : 0, 1];
    case "repeat":
    case "foreach":
      return [aroundFetch ? 1 : 0, atMost];
  }
}

export interface UrlLifetime {
  minutes: number;
  /** The org's own value (a snapshot), or the default every org starts with. */
  fromOrg: boolean;
  key: string;
  source: string;
}

/** The lifetime of one kind of media URL: the org snapshot's value, else the default (60, also the most an org can set). */
export function urlLifetime(
  kind: MediaUrlKind,
  org: { file: string; provenance: { kind: string }; recordingSettings: { source: string; values: Record<string, unknown> } | null } | undefined,
): UrlLifetime {
  const key = DOCUMENTED_LIMITS.mediaUrlTtlKeys[kind];
  const value = org?.provenance.kind === "snapshot" ? org.recordingSettings?.values[key] : undefined;
  if (typeof value === "number" && value > 0) return { minutes: value, fromOrg: true, key, source: `${org!.file} (${org!.recordingSettings!.source})` };
  const t = DOCUMENTED_LIMITS.mediaUrlTtlMinutes;
  return {
    minutes: t.default,
    fromOrg: false,
    key,
    source: `the default; an org may set ${t.min}..${t.max}, npm run org:snapshot reads its own`,
  };
}

/** The budget's lines about media URLs: each kind's lifetime (the longest safe delay) and every pair with its delay. */
export function mediaUrlBudgetLines(
  model: PlanModel,
  org: Parameters<typeof urlLifetime>[1],
  formatSeconds: (s: number) => string,
  label: (s: HttpSampler) => string,
): string[] {
  const pairs = mediaUrlFetches(model);
  const lines = ["Media URLs (recording playback and batch-download URLs expire):"];
  if (!pairs.length) {
    lines.push("  the plan fetches no media URL it extracted from a recordings request (README: Media URL lifetimes).");
    return lines;
  }
  for (const kind of ["playback", "batch"] as const) {
    const mine = pairs.filter((p) => p.kind === kind);
    if (!mine.length) continue;
    const life = urlLifetime(kind, org);
    const ttl = life.minutes * 60;
    lines.push(
      `  ${kind === "batch" ? "batch-download" : "playback"} URLs live ${life.minutes} minutes (${life.key}, ${life.source}): the longest safe delay between the request that returns them and their fetch.`,
    );
    for (const p of mine) {
      const span =
        p.reusedFor?.kind === "forever"
          ? "for as long as the thread runs (forever)"
          : p.reusedFor?.kind === "unknown"
            ? `reused for the thread's whole run, whose length is unknown (${p.reusedFor.why})`
            : p.maxSeconds !== undefined && p.maxSeconds !== p.minSeconds
              ? `${formatSeconds(p.minSeconds)} to ${formatSeconds(p.maxSeconds)}`
              : p.maxSeconds === undefined && !p.reusedFor
                ? `at least ${formatSeconds(p.minSeconds)}`
                : formatSeconds(p.minSeconds);
      const verdict =
        p.reusedFor?.kind === "forever" || p.minSeconds > ttl
          ? "too late"
          : p.maxSeconds !== undefined && p.maxSeconds > ttl
            ? "can be too late"
            : p.maxSeconds === undefined
              ? "no upper bound"
              : "in time";
      lines.push(`  - ${label(p.fetch.sampler)} fetches \${${p.variable}} from ${label(p.producer.sampler)}: ${span} after (${verdict})`);
    }
  }
  return lines;
}
