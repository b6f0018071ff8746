// docs/rules.md, generated from the rules' own metadata (npm run docs). A test keeps the
// committed file equal to this output, so the docs cannot drift from the code.
import * as fs from "fs";
import * as path from "path";
import { ALL_RULES, META_RULES } from "../rules";
import type { RuleMeta } from "../core/rule";
import { enforcementOf } from "../model/enforcement";

const FIXTURES = path.join(__dirname, "..", "rules", "fixtures");

export function renderRuleDocs(rules: readonly RuleMeta[] = [...ALL_RULES, ...META_RULES]): string {
  const lines = [
    "# Rules",
    "",
    "Generated from the rule metadata in `rules/` by `npm run docs`; do not edit by hand.",
    "",
    "Severity is the default level of a finding: a principal whose declared intent cannot be met gets an",
    "error even where the HTTP status is only likely. **Certainty** describes the HTTP outcome: *certain*",
    "when the documented gate decides it, *likely* when it depends on data the configuration does not",
    "show (the divisions of the conversations, the endpoint family), *possible* when the finding's own",
    "condition may not hold (an access policy narrowed by `condition_json`). `unknown` findings say a value could",
    "not be resolved statically; they are never passed silently.",
    "",
    "**Enforcement** is kept apart from the rules' logic (`model/enforcement.ts`; override per rule with",
    '`"enforcement": {"GRG006": "mandatory"}` in the intents file): *advisory* findings never fail a run,',
    "*mandatory* ones fail at or above `--fail-on` unless acknowledged, *hard* ones always fail and cannot",
    "be acknowledged. GRG9xx are findings about acknowledgements themselves.",
    "",
    "| id | name | severity | enforcement | HTTP outcome | certainty | needs intents |",
    "|---|---|---|---|---|---|---|",
    ...rules.map(
      (r) =>
        `| [${r.id}](#${anchor(r)}) | ${r.name} | ${r.severity} | ${enforcementOf(r.id)} | ${r.httpStatus ?? "none"}: ${r.outcome} | ${r.certainty} | ${r.usesIntents ? "yes" : "no"} |`,
    ),
    "",
  ];
  for (const r of rules) {
    lines.push(`## ${r.id} ${r.name}`, "", `**${r.title}**`, "");
    lines.push(`- Severity: ${r.severity}`);
    lines.push(`- Enforcement: ${enforcementOf(r.id)}`);
    lines.push(`- Outcome: ${r.httpStatus ?? "no HTTP error"} (${r.certainty}): ${r.outcome}`);
    lines.push(`- Needs intents: ${r.usesIntents ? "yes" : "no"}`);
    lines.push("", r.explanation, "", `**Remediation.** ${r.remediation}`, "", "**Sources.**", "");
    for (const s of r.sources) lines.push(`- ${s}`);
    const examples = fixtureFiles(r.id);
    if (examples.length) {
      lines.push("", `**Examples.** ${examples.map((f) => `[${f}](../rules/fixtures/${r.id}/${f})`).join(", ")}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}

function anchor(r: RuleMeta): string {
  return `${r.id}-${r.name}`.toLowerCase();
}

function fixtureFiles(id: string): string[] {
  const dir = path.join(FIXTURES, id);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}
