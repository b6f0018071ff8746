import * as fs from "fs";
import * as path from "path";
import { ALL_RULES } from "../rules";
import { renderRuleDocs } from "../reporters/rule-docs";

describe("rule documentation", () => {
  it("docs/rules.md is what `npm run docs` generates from the rule metadata", () => {
    const committed = fs.readFileSync(path.join(__dirname, "..", "docs", "rules.md"), "utf8");
    expect(committed).toBe(renderRuleDocs());
  });

  it.each(ALL_RULES.map((r) => [r.id, r] as const))("%s has complete metadata", (_id, rule) => {
    expect(rule.id).toMatch(/^GRG\d{3}$/);
    expect(rule.name).toMatch(/^[a-z0-9-]+$/);
    for (const field of [rule.title, rule.outcome, rule.explanation, rule.remediation]) expect(field.length).toBeGreaterThan(10);
    expect(rule.sources.length).toBeGreaterThan(0);
    expect(["certain", "likely"]).toContain(rule.certainty);
  });

  it("rule ids and names are unique", () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    expect(new Set(ALL_RULES.map((r) => r.name)).size).toBe(ALL_RULES.length);
  });
});
