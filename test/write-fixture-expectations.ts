// npm run fixtures:expect -- [GRGnnn ...]: writes rules/fixtures/<id>/expected.json from what the
// audit reports today (all rules, or the ids given). Review the diff by hand before committing:
// test/rule-fixtures.test.ts holds the audit to these files.
import * as fs from "fs";
import * as path from "path";
import { ALL_RULES } from "../rules";
import { FIXTURES, formatExpectations, observed } from "./fixture-expectations";

async function main(): Promise<void> {
  const ids = process.argv.slice(2).length ? process.argv.slice(2) : ALL_RULES.map((r) => r.id);
  for (const id of ids) {
    const text = formatExpectations({ fail: await observed(id, "fail"), pass: await observed(id, "pass") });
    fs.writeFileSync(path.join(FIXTURES, id, "expected.json"), text);
    process.stdout.write(`${id}: ${text.split("\n").length - 1} lines\n`);
  }
}

void main();
