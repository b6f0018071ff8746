// Terminal report: findings grouped by resource (principal, role, trunk, policy), most severe
// group first, each with its HTTP outcome and the fix. What comes from the input (addresses,
// paths, messages, reasons) is capped (displayFinding) and its control characters escaped: a
// name holding a newline or an ANSI sequence stays on its line and cannot drive the terminal.
import type { Finding } from "../core/finding";
import { escapeControl } from "../model/safe-text";
import { displayFinding } from "./report-context";
import { describeSummary, summarize } from "./summary";

export function formatText(findings: readonly Finding[], options: { color?: boolean } = {}): string {
  const paint = colorizer(options.color ?? false);
  const groups = new Map<string, Finding[]>();
  for (const raw of findings) {
    const f = terminalFinding(raw);
    const key = `${f.file}\u0000${f.address}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const where = [first.line ? `${first.file}:${first.line}` : first.file, first.constructPath].filter(Boolean).join(", ");
    lines.push(`${paint.bold(first.address)}${where ? `  (${where})` : ""}`);
    for (const f of group) {
      const outcome = f.httpStatus === null ? "" : ` ${f.httpStatus} ${f.certainty}`;
      const level = f.enforcement === "mandatory" ? "" : ` [${f.enforcement}]`;
      lines.push(`  ${paint.severity(f.severity, f.severity.padEnd(7))} ${f.ruleId}${level}${outcome}  ${f.message}`);
      if (f.attribute !== undefined) lines.push(`          at: ${f.attribute}${f.attributeLine ? ` (${f.file}:${f.attributeLine})` : ""}`);
      if (f.valueSources) lines.push(`          set by: ${f.valueSources.join(", ")}`);
      lines.push(`          fix: ${f.remediation}`);
      if (f.acknowledged) {
        const a = f.acknowledged;
        lines.push(`          acknowledged by ${a.owner} until ${a.expires}${a.ticket ? ` (${a.ticket})` : ""}: ${a.reason}`);
      }
    }
    lines.push("");
  }
  lines.push(findings.length ? `Summary: ${describeSummary(summarize(findings))}` : "No findings.");
  return `${lines.join("\n")}\n`;
}

/** Capped (idempotent when the findings are already displayFinding's) and without control characters. */
function terminalFinding(raw: Finding): Finding {
  const f = displayFinding(raw);
  const e = escapeControl;
  return {
    ...f,
    address: e(f.address),
    ...(f.attribute !== undefined ? { attribute: e(f.attribute) } : {}),
    ...(f.valueSources !== undefined ? { valueSources: f.valueSources.map(e) } : {}),
    file: e(f.file),
    ...(f.constructPath !== undefined ? { constructPath: e(f.constructPath) } : {}),
    message: e(f.message),
    remediation: e(f.remediation),
    ...(f.acknowledged
      ? {
          acknowledged: {
            reason: e(f.acknowledged.reason),
            owner: e(f.acknowledged.owner),
            expires: e(f.acknowledged.expires),
            ...(f.acknowledged.ticket !== undefined ? { ticket: e(f.acknowledged.ticket) } : {}),
          },
        }
      : {}),
  };
}

function colorizer(on: boolean) {
  const wrap = (code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  const codes: Record<string, string> = { error: "31", unknown: "35", warning: "33", info: "36" };
  return {
    bold: (t: string) => wrap("1", t),
    severity: (s: string, t: string) => wrap(codes[s] ?? "0", t),
  };
}
