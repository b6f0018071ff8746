// A JMeter test plan as the load-test rules see it (readers/loadtest/jmx.ts reads a .jmx into it):
// thread groups, HTTP samplers, their timers and headers. Numbers JMeter resolves at run time are
// Quantities (known or unknown, with the text as written).
import type { Quantity } from "./quantity";

/** Constant Throughput Timer calculation modes, as JMeter numbers them (calcMode). */
export const CALC_MODES = [
  "this thread only",
  "all active threads",
  "all active threads in current thread group",
  "all active threads (shared)",
  "all active threads in current thread group (shared)",
] as const;
export type CalcMode = 0 | 1 | 2 | 3 | 4;

/** Where an element is: its name, line in the .jmx and path in the tree. */
export interface PlanElementRef {
  name: string;
  line: number;
  /** "Test Plan > Readers > Get recordings" */
  treePath: string;
}

export interface ThroughputTimer extends PlanElementRef {
  kind: "constant-throughput";
  id: number;
  /** Target samples per MINUTE (JMeter's unit for this timer). */
  perMinute: Quantity;
  /** undefined when calcMode is not readable; `modeText` then says what was written. */
  mode: CalcMode | undefined;
  modeText: string;
}

export interface DelayTimer extends PlanElementRef {
  kind: "delay";
  id: number;
  testclass: string;
  /** The smallest delay before each sample in scope (Constant Timer delay, random timers' offset). */
  minDelayMs: Quantity;
  /**
   * The largest delay: the Constant Timer's delay, a Uniform Random Timer's offset + range;
   * undefined for timers without an upper bound (Gaussian and Poisson draws).
   */
  maxDelayMs?: Quantity;
}

export interface OtherTimer extends PlanElementRef {
  kind: "other";
  id: number;
  testclass: string;
}

export type PlanTimer = ThroughputTimer | DelayTimer | OtherTimer;

export interface HeaderValue {
  name: string;
  value: string;
  manager: PlanElementRef;
}

/**
 * A post-processor that stores part of a sampler's response in JMeter variables (JSON Extractor,
 * Regular Expression Extractor, Boundary Extractor, XPath/CSS extractors): the variable names as
 * written. A JSON or regex extractor with match number -1 also sets name_1..name_N and name_matchNr.
 */
export interface Extraction extends PlanElementRef {
  testclass: string;
  variables: string[];
  /** The JSON path, regular expression or boundaries, as written (shown in messages). */
  expression: string;
}

/**
 * A controller between the thread group and a sampler, outermost first: how often it runs what is
 * under it within one pass of its parent. `count` is known only for a Loop Controller with a literal
 * count; a ForEach Controller names the variable prefix it walks and the variable it sets.
 */
export interface ControllerFrame extends PlanElementRef {
  id: number;
  kind: "loop" | "once-only" | "repeat" | "conditional" | "foreach";
  count?: number;
  foreach?: { input: string; output: string };
  /** Runs one of its children per pass (Random, Interleave, Switch Controller): its children exclude each other. */
  exclusive?: boolean;
}

export interface HttpSampler extends PlanElementRef {
  id: number;
  method: string;
  /** As written (may be a full URL, may hold ${...}). */
  path: string;
  domain: string;
  protocol: string;
  port: string;
  /** Raw request body (HTTPSampler.postBodyRaw), when the sampler sends one. */
  body?: string;
  /** How many times one iteration of the thread group runs it (nested loop controllers). */
  perIteration: number;
  /** Why perIteration is only an estimate (a While, ForEach or infinite loop controller above it). */
  perIterationUnknown?: string;
  /** Runs once per thread (Once Only Controller), not every iteration. */
  onceOnly: boolean;
  /** A controller above it decides at run time whether it runs (If, Throughput, Random...). */
  conditional?: string;
  /** Timers in its scope, outermost first. */
  timers: PlanTimer[];
  /** Controllers above it, outermost first (the thread group itself not included). */
  frames: ControllerFrame[];
  /** Extractors that run after it: those in scope at the levels above, outermost first, then its own. */
  extracts: Extraction[];
  /** Effective headers (header managers in scope merged, inner ones win), by lower-case name. */
  headers: Record<string, HeaderValue>;
}

export type ThreadGroupKind = "thread-group" | "setup" | "teardown" | "concurrency" | "unsupported";

export interface ThreadGroupSpec extends PlanElementRef {
  kind: ThreadGroupKind;
  testclass: string;
  /** Threads at full load (num_threads, or TargetLevel). */
  threads: Quantity;
  rampUpSeconds: Quantity;
  /** Scheduler duration (thread group) or ramp-up + hold (concurrency group), seconds. */
  durationSeconds?: Quantity;
  /** Iterations per thread; -1 means until the duration ends or forever. */
  loops: Quantity;
  startDelaySeconds?: Quantity;
  /** Concurrency Thread Group: ramp-up steps, hold time (seconds) and the unit it was written in. */
  steps?: Quantity;
  holdSeconds?: Quantity;
  unit?: "S" | "M";
  samplers: HttpSampler[];
  timers: PlanTimer[];
}

export interface JmeterTestPlan {
  /** The file as shown in messages (relative to the working directory). */
  file: string;
  name: string;
  bytes: number;
  /** Thread groups run one after the other (TestPlan.serialize_threadgroups). */
  serializeThreadGroups: boolean;
  /** User Defined Variables with their written values. */
  variables: Record<string, string>;
  threadGroups: ThreadGroupSpec[];
  disabledElements: number;
  /** What the reader saw but does not model (other timer types, include controllers...). */
  notes: string[];
}

export const CONCURRENCY_THREAD_GROUP = "com.blazemeter.jmeter.threads.concurrency.ConcurrencyThreadGroup";
