// Reads an intents file (JSON, or YAML by name) into model/intents.ts's types, with the load
// plans its runs name read and parsed.
import { resolveLoadPlans } from "./loadtest/attach";
import type { AttachedLoadPlan } from "../model/load-plan";
import { IntentsSchema, type Intents } from "../model/intents";
import { displayPath, parseWith, readJsonFile, readYamlFile } from "./validate";

export function parseIntents(value: unknown, file: string): Intents {
  return parseWith(IntentsSchema, value, file);
}

/** An intents file as read: the intents, and the load plans its runs name (read and parsed). */
export interface LoadedIntents {
  intents: Intents;
  loadPlans: AttachedLoadPlan[];
}

/**
 * Reads an intents file: JSON, or YAML when the name ends in .yaml / .yml. run.jmeter and
 * run.nginx are read now (relative to this file), so the engine gets them parsed; the result
 * spreads into the engine's input (`audit({ config, ...loadIntents(file) })`).
 */
export function loadIntents(file: string): LoadedIntents {
  const intents = parseIntents(/\.ya?ml$/i.test(file) ? readYamlFile(file) : readJsonFile(file), displayPath(file));
  return { intents, loadPlans: resolveLoadPlans(intents, file) };
}
