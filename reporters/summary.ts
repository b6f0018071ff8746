import type { Finding } from "../policy/finding";
import { SEVERITY_ORDER, type Severity } from "../policy/rule";

export type Summary = Record<Severity, number> & { total: number };

export function summarize(findings: readonly Finding[]): Summary {
  const out = { error: 0, unknown: 0, warning: 0, info: 0, total: findings.length };
  for (const f of findings) out[f.severity]++;
  return out;
}

export function describeSummary(s: Summary): string {
  return SEVERITY_ORDER.map((sev) => `${s[sev]} ${sev === "unknown" ? "unknown" : plural(sev, s[sev])}`).join(", ");
}

function plural(word: string, n: number): string {
  return n === 1 || word === "info" ? word : `${word}s`;
}
