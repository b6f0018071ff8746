import type { Finding } from "../core/finding";
import { SEVERITY_ORDER, type Severity } from "../core/rule";

export type Summary = Record<Severity, number> & { total: number; acknowledged: number };

export function summarize(findings: readonly Finding[]): Summary {
  const out = { error: 0, unknown: 0, warning: 0, info: 0, total: findings.length, acknowledged: 0 };
  for (const f of findings) {
    out[f.severity]++;
    if (f.acknowledged) out.acknowledged++;
  }
  return out;
}

export function describeSummary(s: Summary): string {
  const counts = SEVERITY_ORDER.map((sev) => `${s[sev]} ${sev === "unknown" ? "unknown" : plural(sev, s[sev])}`).join(", ");
  return s.acknowledged ? `${counts} (${s.acknowledged} acknowledged)` : counts;
}

function plural(word: string, n: number): string {
  return n === 1 || word === "info" ? word : `${word}s`;
}
