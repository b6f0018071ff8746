// The rule catalogue: every rule the engine runs, in id order, and the meta rules that report on
// acknowledgements. Code outside rules/ (the engine, reporters, docs) reads rules only from here.
import type { Rule } from "../core/rule";
import { ACCESS_RULES } from "./pack-access";
import { LOADTEST_RULES } from "./pack-loadtest";
import { ORG_RULES } from "./pack-org";
import { RESOURCE_RULES } from "./pack-resources";

export const ALL_RULES: readonly Rule[] = [...ACCESS_RULES, ...RESOURCE_RULES, ...ORG_RULES, ...LOADTEST_RULES].sort((a, b) => (a.id < b.id ? -1 : 1));

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}

export { ACK_EXPIRED, ACK_ORPHANED, ACK_REFUSED, META_RULES } from "./meta-acknowledgements";
