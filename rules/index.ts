// The rule pack: every rule the engine runs, in id order.
import type { Rule } from "../core/rule";
import { ACCESS_RULES } from "./pack-access";
import { LOADTEST_RULES } from "./pack-loadtest";
import { ORG_RULES } from "./pack-org";
import { RESOURCE_RULES } from "./pack-resources";

export const ALL_RULES: readonly Rule[] = [...ACCESS_RULES, ...RESOURCE_RULES, ...ORG_RULES, ...LOADTEST_RULES].sort((a, b) => (a.id < b.id ? -1 : 1));

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
