// JUnit XML for CI test tabs: one test suite per rule, one test case per rule and resource.
// A finding that fails the run is a <failure>; one that does not (advisory, acknowledged,
// below the fail level) is a passing case with the finding in <system-out>. A rule that found
// nothing is one passing case. Written with fast-xml-parser's builder, which escapes markup
// (& < > " ') but passes every other character through: characters XML 1.0 does not allow at all
// (C0 controls but tab, newline and CR; lone surrogates; U+FFFE, U+FFFF) would make the file
// unreadable, so every text from the input is made safe first (capped by displayContext, control
// characters written as visible escapes: `\u0001`).
import { XMLBuilder } from "fast-xml-parser";
import { type FailOn, type Finding, fails } from "../core/finding";
import { ALL_RULES, META_RULES } from "../rules";
import { escapeControl, wellFormed } from "../model/safe-text";
import { displayContext, type ReportContext } from "./report-context";

/** Text from the input as XML 1.0 allows it: no control character but the ones we add, no lone surrogate. */
const xmlText = (text: string): string => escapeControl(wellFormed(text));

export function formatJunit(raw: ReportContext, failOn: FailOn = "error"): string {
  const ctx = displayContext(raw);
  const byRule = new Map<string, Finding[]>();
  for (const f of ctx.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const suites = [...ALL_RULES, ...META_RULES]
    .filter((r) => r.id < "GRG900" || byRule.has(r.id))
    .map((rule) => {
      const findings = byRule.get(rule.id) ?? [];
      const byAddress = new Map<string, Finding[]>();
      for (const f of findings) byAddress.set(f.address, [...(byAddress.get(f.address) ?? []), f]);
      const cases = byAddress.size
        ? [...byAddress.entries()].map(([address, fs]) => testCase(rule.id, rule.name, address, fs, failOn))
        : [{ "@_name": `${rule.id} ${rule.name}: no findings`, "@_classname": rule.id }];
      const failures = cases.filter((c) => "failure" in c).length;
      return { "@_name": `${rule.id} ${rule.name}`, "@_tests": cases.length, "@_failures": failures, "@_errors": 0, testcase: cases };
    });
  const total = suites.reduce((n, s) => n + s["@_tests"], 0);
  const failures = suites.reduce((n, s) => n + s["@_failures"], 0);
  const doc = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    testsuites: { "@_name": "genesys-recording-guard", "@_tests": total, "@_failures": failures, "@_errors": 0, testsuite: suites },
  };
  return `${new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(doc)}`;
}

function testCase(ruleId: string, ruleName: string, address: string, findings: Finding[], failOn: FailOn) {
  const x = xmlText;
  const text = findings
    .map(
      (f) =>
        `${f.severity} ${f.httpStatus ?? ""} ${f.certainty}: ${x(f.message)}\nfix: ${x(f.remediation)}${f.acknowledged ? `\nacknowledged by ${x(f.acknowledged.owner)} until ${x(f.acknowledged.expires)}: ${x(f.acknowledged.reason)}` : ""}`,
    )
    .join("\n\n");
  const failing = findings.filter((f) => fails(f, failOn));
  const base = { "@_name": `${ruleId} ${ruleName}: ${x(address)}`, "@_classname": ruleId, "@_file": x(findings[0].file) };
  if (!failing.length) return { ...base, "system-out": text };
  return { ...base, failure: { "@_message": x(failing[0].message), "@_type": failing[0].severity, "#text": text } };
}
