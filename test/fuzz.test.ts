// A short, seeded fuzz run in every `npm test` (the long one: `npm run fuzz`, README "Hostile
// input"). Every input kind is mutated from the project's fixtures; the promises checked per case
// are in test/fuzz/fuzz-run.ts, the time and memory bounds in test/fuzz/supervise.ts.
import { superviseFuzz } from "./fuzz/supervise";

// Fixed, so that CI is repeatable; GRG_FUZZ_SEED tries another one locally.
const SEED = Number(process.env.GRG_FUZZ_SEED ?? 20261205);
const COUNT = 450; // 50 per input kind: about 10 s on a 2-core machine

describe("fuzzed input of every kind", () => {
  it(`seed ${SEED}, ${COUNT} cases: exit 0, 1 or 2 only; exit 2 is one line naming the file; nothing written on failure; no hang or runaway memory`, async () => {
    const run = await superviseFuzz({ seed: SEED, count: COUNT });
    expect(run.killed).toBeUndefined();
    expect(run.failures).toEqual([]);
    expect(run.passed).toBe(COUNT);
    // The mutants must reach past the parsers: some runs of each kind end in a report.
    for (const kind of ["tf-json", "hcl", "plan-json", "intents", "org", "environment", "jmx", "nginx"]) {
      expect((run.exits[`${kind} exit 0`] ?? 0) + (run.exits[`${kind} exit 1`] ?? 0)).toBeGreaterThan(0);
    }
  }, 120000);
});
