// Adds the declaring line to each finding whose input has lines. Done after the audit and only
// for resources with findings, so a large clean input never pays for line bookkeeping.
import type { Finding } from "../core/finding";
import { createLineFinder } from "../readers/terraform/line-finder";
import type { LoadedInput } from "../readers/terraform/load-inputs";

export function attachLines(findings: readonly Finding[], inputs: readonly LoadedInput[]): Finding[] {
  const lineOf = createLineFinder(inputs);
  return findings.map((f) => {
    if (f.line !== undefined || !f.file) return f;
    const line = lineOf(f.file, f.address);
    return line === undefined ? f : { ...f, line };
  });
}
