// Timing helpers: process.hrtime.bigint, warm-up runs, medians. A forced GC (when it can be
// exposed) clears what earlier measurements left behind before a series starts, never between
// the repetitions of a series: right after a full GC of a large heap, V8's background sweeping
// competes with the main thread, which made a 50k-resource audit look 2-4x slower than it is.
import * as v8 from "v8";
import * as vm from "vm";

let gcFn: (() => void) | undefined;
try {
  v8.setFlagsFromString("--expose-gc");
  gcFn = vm.runInNewContext("gc") as () => void;
} catch {
  gcFn = undefined;
}

export function collectGarbage(): void {
  gcFn?.();
}

export const gcAvailable = (): boolean => gcFn !== undefined;

/** Milliseconds one call of fn takes. */
export function timeOnce(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Times several functions over the same repetitions, interleaved (a, b, a, b, ...) so that drift
 * (CPU frequency, other load) hits them alike. Returns the median per function, in ms.
 */
export function timeInterleaved(fns: Record<string, () => unknown>, warmup: number, reps: number): Record<string, { median: number; samples: number[] }> {
  const names = Object.keys(fns);
  collectGarbage();
  for (let i = 0; i < warmup; i++) for (const n of names) fns[n]();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < reps; i++) {
    for (const n of names) samples[n].push(timeOnce(fns[n]));
  }
  return Object.fromEntries(names.map((n) => [n, { median: median(samples[n]), samples: samples[n] }]));
}

export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
