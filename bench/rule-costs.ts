// Where the audit's time goes: the engine's setup (reference resolver, principals) and each
// rule's check, timed on their own against one context built like engine/engine.ts builds it.
import type { Intents } from "../model/intents";
import type { TfConfiguration } from "../model/terraform";
import { createRuleContext } from "../engine/engine";
import type { RuleContext } from "../core/rule";
import { ALL_RULES } from "../rules";
import { collectGarbage, median, timeOnce } from "./timing";

export interface Cost {
  id: string;
  ms: number;
  findings: number;
}

function contextFor(config: TfConfiguration, intents: Intents): RuleContext {
  return createRuleContext({ config, intents, environmentKind: "test" });
}

/**
 * Median of `reps` timed calls of `run`, each on its own fresh context built outside the timed
 * region by `prepare` (one untimed warm-up first). Fresh per call because the engine memoises per
 * audit (per configuration, principal or context: roles, unmet clauses, the principals with
 * intents): timed again on the same context, a rule would find its work already done, or done by
 * the rule timed before it.
 */
function timed<T>(prepare: () => T, run: (prepared: T) => number, reps: number): { ms: number; n: number } {
  let n = run(prepare()); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const prepared = prepare();
    samples.push(timeOnce(() => (n = run(prepared))));
  }
  return { ms: median(samples), n };
}

/**
 * Setup (resolver + principals) and every rule's check, median of `reps` each. `makeConfig` reads
 * the configuration anew for every timed call, so that nothing cached per configuration (role
 * views, parsed trunk properties) carries over from an earlier call.
 */
export function ruleCosts(makeConfig: () => TfConfiguration, intents: Intents, reps: number): Cost[] {
  collectGarbage();
  const setup = timed(makeConfig, (config) => contextFor(config, intents).principals.length, reps);
  const out: Cost[] = [{ id: "setup", ms: setup.ms, findings: 0 }];
  for (const rule of ALL_RULES) {
    const t = timed(
      () => contextFor(makeConfig(), intents),
      (ctx) => rule.check(ctx).length,
      reps,
    );
    out.push({ id: rule.id, ms: t.ms, findings: t.n });
  }
  return out;
}
