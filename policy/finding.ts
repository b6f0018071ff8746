// A finding as reports carry it: the rule's metadata merged with what the rule found.
import type { Certainty, HttpStatus, Severity } from "./rule";
import { SEVERITY_ORDER } from "./rule";

export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  address: string;
  file: string;
  line?: number;
  constructPath?: string;
  httpStatus: HttpStatus;
  certainty: Certainty;
  message: string;
  remediation: string;
  sources: string[];
}

const rank = (s: Severity) => SEVERITY_ORDER.indexOf(s);

/** Total order: severity, then file, address, rule and message, so reports are byte-stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    cmp(a.file, b.file) ||
    cmp(a.address, b.address) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return rank(severity) <= rank(threshold);
}
