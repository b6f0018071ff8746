// Every rule ships a failing and a passing example (rules/fixtures/<rule id>/):
//   fail.tf.json  must produce at least one finding of the rule;
//   pass.tf.json  must produce none of the rule, and no error from any rule;
//   intents.json, org.json, env.json ({"environmentKind": "test"}) apply to both when present;
//   fail.intents.json / pass.intents.json (likewise org, env) apply to one side only;
//   expected.json  every finding each side must produce, in the one format of
//                  test/fixture-expectations.ts (rule, address, attribute, severity, line, count).
import * as fs from "fs";
import * as path from "path";
import { audit } from "../engine/engine";
import { ALL_RULES } from "../rules";
import { loadIntents } from "../readers/intents";
import { loadOrgSettings } from "../readers/org-settings";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { readFlowFiles } from "../readers/terraform/flow-files";
import { observed, readExpectations } from "./fixture-expectations";

const FIXTURES = path.join(__dirname, "..", "rules", "fixtures");

function run(ruleId: string, which: "fail" | "pass") {
  const dir = path.join(FIXTURES, ruleId);
  const file = path.join(dir, `${which}.tf.json`);
  const config = readTerraformJson(JSON.parse(fs.readFileSync(file, "utf8")), file);
  // The flow files a fixture's flows name (GRG034), read as the loader reads them.
  const flowFiles = readFlowFiles(config, dir);
  if (flowFiles) config.flowFiles = flowFiles;
  const side = (name: string) => [path.join(dir, `${which}.${name}`), path.join(dir, name)].find((f) => fs.existsSync(f));
  const intentsFile = side("intents.json");
  const orgFile = side("org.json");
  const envFile = side("env.json");
  return audit({
    config,
    ...(intentsFile ? loadIntents(intentsFile) : {}),
    org: orgFile ? loadOrgSettings(orgFile) : undefined,
    environmentKind: envFile ? JSON.parse(fs.readFileSync(envFile, "utf8")).environmentKind : undefined,
    // A fixed date for rules about dated facts (GRG029): the fixture means the same every year.
    today: envFile ? JSON.parse(fs.readFileSync(envFile, "utf8")).today : undefined,
  });
}

describe.each(ALL_RULES.map((r) => [r.id, r.name, r.severity] as const))("rule %s (%s)", (id, _name, severity) => {
  it("ships both fixtures", () => {
    expect(fs.existsSync(path.join(FIXTURES, id, "fail.tf.json"))).toBe(true);
    expect(fs.existsSync(path.join(FIXTURES, id, "pass.tf.json"))).toBe(true);
  });

  it("ships expected.json, and both sides produce exactly what it lists", async () => {
    const expected = readExpectations(id);
    expect(expected).toBeDefined();
    expect(await observed(id, "fail")).toEqual(expected!.fail);
    expect(await observed(id, "pass")).toEqual(expected!.pass);
    expect(expected!.fail.some((e) => e.rule === id)).toBe(true);
  });

  it("fires on its failing fixture", () => {
    const mine = run(id, "fail").filter((f) => f.ruleId === id);
    expect(mine.length).toBeGreaterThan(0);
    // A real violation, not only "cannot verify" (unless "cannot verify" is what the rule reports).
    if (severity !== "unknown") expect(mine.some((f) => f.severity !== "unknown")).toBe(true);
  });

  it("stays quiet on its passing fixture", () => {
    const findings = run(id, "pass");
    expect(findings.filter((f) => f.ruleId === id)).toEqual([]);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
