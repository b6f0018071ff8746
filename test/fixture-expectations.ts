// The one format of what a rule fixture must produce (rules/fixtures/GRGnnn/expected.json):
//
//   { "fail": [ { "rule": "GRG003", "address": "genesyscloud_oauth_client.loadtest",
//                 "attribute": "roles[0]", "severity": "error", "line": 23, "count": 1 } ],
//     "pass": [] }
//
// Every finding of every rule on the fixture is listed (so a rule that starts firing on another
// rule's fixture shows up), grouped by rule, address, attribute, severity and line, with a count.
// `attribute` and `line` are left out when the finding has none. Sorted, so the file diffs well.
// `npm run fixtures:expect` writes the files from what the audit reports today; review the diff
// by hand: the file is the test's claim about what is right, not a recording.
import * as fs from "fs";
import * as path from "path";
import { attachLines } from "../cli/attach-lines";
import { audit } from "../engine/engine";
import { loadIntents } from "../readers/intents";
import { loadOrgSettings } from "../readers/org-settings";
import { loadInputs } from "../readers/terraform/load-inputs";
import type { ReportContext } from "../reporters/report-context";

export const FIXTURES = path.join(__dirname, "..", "rules", "fixtures");

export interface Expected {
  rule: string;
  address: string;
  attribute?: string;
  severity: string;
  line?: number;
  count: number;
}

export interface FixtureExpectations {
  fail: Expected[];
  pass: Expected[];
}

/** The audit of one side of a rule's fixture, as the CLI runs it (lines attached), and its report context. */
export async function auditFixture(ruleId: string, which: "fail" | "pass"): Promise<ReportContext> {
  const dir = path.join(FIXTURES, ruleId);
  const file = path.relative(process.cwd(), path.join(dir, `${which}.tf.json`));
  const side = (name: string) => [path.join(dir, `${which}.${name}`), path.join(dir, name)].find((f) => fs.existsSync(f));
  const intentsFile = side("intents.json");
  const orgFile = side("org.json");
  const envFile = side("env.json");
  const { config, inputs } = await loadInputs([file]);
  const loaded = intentsFile ? loadIntents(intentsFile) : undefined;
  const org = orgFile ? loadOrgSettings(orgFile) : undefined;
  const findings = audit({
    config,
    ...(loaded ?? {}),
    org,
    environmentKind: envFile ? JSON.parse(fs.readFileSync(envFile, "utf8")).environmentKind : undefined,
    // A fixed date for rules about dated facts (GRG029): the fixture means the same every year.
    today: envFile ? JSON.parse(fs.readFileSync(envFile, "utf8")).today : undefined,
  });
  return { findings: attachLines(findings, inputs), inputs, config, intents: loaded?.intents, org };
}

/** What the audit reports on one side of a rule's fixture, in the expected.json shape. */
export async function observed(ruleId: string, which: "fail" | "pass"): Promise<Expected[]> {
  const { findings } = await auditFixture(ruleId, which);
  const groups = new Map<string, Expected>();
  for (const f of findings) {
    const e: Expected = {
      rule: f.ruleId,
      address: f.address,
      ...(f.attribute !== undefined ? { attribute: f.attribute } : {}),
      severity: f.severity,
      ...((f.attributeLine ?? f.line) !== undefined ? { line: f.attributeLine ?? f.line } : {}),
      count: 0,
    };
    const key = JSON.stringify({ ...e, count: undefined });
    const g = groups.get(key) ?? e;
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()].sort(compareExpected);
}

function compareExpected(a: Expected, b: Expected): number {
  const k = (e: Expected) => [e.rule, e.address, e.attribute ?? "", String(e.line ?? 0).padStart(8, "0"), e.severity].join("\u0000");
  return k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0;
}

export function readExpectations(ruleId: string): FixtureExpectations | undefined {
  const file = path.join(FIXTURES, ruleId, "expected.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as FixtureExpectations) : undefined;
}

export function formatExpectations(e: FixtureExpectations): string {
  const list = (items: Expected[]) => (items.length ? `[\n${items.map((x) => `    ${JSON.stringify(x)}`).join(",\n")}\n  ]` : "[]");
  return `{\n  "fail": ${list(e.fail)},\n  "pass": ${list(e.pass)}\n}\n`;
}
