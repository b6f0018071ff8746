// Adds lines to each finding whose input has lines: the line declaring the resource, and the line
// of the attribute the finding is about when it names one (roles[0].division_id). Done after the
// audit and only for resources with findings, so a large clean input never pays for line bookkeeping.
import type { Finding } from "../core/finding";
import { createLineFinder } from "../readers/terraform/line-finder";
import type { LoadedInput } from "../readers/terraform/load-inputs";

export function attachLines(findings: readonly Finding[], inputs: readonly LoadedInput[]): Finding[] {
  const lineOf = createLineFinder(inputs);
  return findings.map((f) => {
    if (!f.file) return f;
    const line = f.line ?? lineOf(f.file, f.address);
    const attributeLine = f.attribute !== undefined && line !== undefined ? lineOf(f.file, f.address, f.attribute) : undefined;
    if (line === f.line && attributeLine === undefined) return f;
    return { ...f, ...(line !== undefined ? { line } : {}), ...(attributeLine !== undefined ? { attributeLine } : {}) };
  });
}
