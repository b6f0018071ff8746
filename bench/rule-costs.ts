// Where the audit's time goes: the engine's setup (reference resolver, principals) and each
// rule's check, timed on their own against one context built like policy/engine.ts builds it.
import type { Intents } from "../inputs/intents";
import type { TfConfiguration } from "../policy/model";
import { createRuleContext } from "../policy/engine";
import type { RuleContext } from "../policy/rule";
import { ALL_RULES } from "../policy/rules";
import { collectGarbage, median, timeOnce } from "./timing";

export interface Cost {
  id: string;
  ms: number;
  findings: number;
}

function contextFor(config: TfConfiguration, intents: Intents): RuleContext {
  return createRuleContext({ config, intents, environmentKind: "test" });
}

function timed(fn: () => number, reps: number): { ms: number; n: number } {
  let n = fn(); // warm-up
  const samples = Array.from({ length: reps }, () => timeOnce(() => (n = fn())));
  return { ms: median(samples), n };
}

/** Setup (resolver + principals) and every rule's check, median of `reps` each. */
export function ruleCosts(config: TfConfiguration, intents: Intents, reps: number): Cost[] {
  collectGarbage();
  const setup = timed(() => contextFor(config, intents).principals.length, reps);
  const ctx = contextFor(config, intents);
  const out: Cost[] = [{ id: "setup", ms: setup.ms, findings: 0 }];
  for (const rule of ALL_RULES) {
    const t = timed(() => [...rule.check(ctx)].length, reps);
    out.push({ id: rule.id, ms: t.ms, findings: t.n });
  }
  return out;
}
