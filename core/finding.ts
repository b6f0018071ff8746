// A finding as reports carry it: the rule's metadata merged with what the rule found.
import type { Certainty, HttpStatus, Severity } from "./rule";
import { SEVERITY_ORDER } from "./rule";
import type { Enforcement } from "../model/enforcement";

/** An accepted finding: still reported, with who accepted it, why and until when. */
export interface AcknowledgementMark {
  reason: string;
  owner: string;
  expires: string;
  ticket?: string;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  address: string;
  file: string;
  /** The root configuration the finding is in, when a run audits several (its directory or plan file); none for the intents. */
  configuration?: string;
  /** The attribute the finding is about, as a path in the resource (`roles[0].division_id`); none for the whole resource. */
  attribute?: string;
  /** The line declaring the resource. */
  line?: number;
  /** The line where `attribute` is written (found by scanning the source, see readers/terraform/attribute-position.ts). */
  attributeLine?: number;
  /**
   * Where the variables the attribute's value depends on were set, when not by their defaults
   * (`var.ttl from prod.tfvars`), sorted; absent when every value is as written or a default.
   */
  valueSources?: string[];
  /** For access findings: the intended capability and division that fail (see RuleFinding). */
  capability?: string;
  division?: string;
  constructPath?: string;
  httpStatus: HttpStatus;
  certainty: Certainty;
  message: string;
  remediation: string;
  sources: string[];
  enforcement: Enforcement;
  acknowledged?: AcknowledgementMark;
}

const rank = (s: Severity) => SEVERITY_ORDER.indexOf(s);

/** Total order: severity, then file, address, rule and message, so reports are byte-stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    cmp(a.configuration ?? "", b.configuration ?? "") ||
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

export type FailOn = Severity | "never";

/**
 * Whether a finding fails the run: hard findings always (unless nothing may fail), advisory
 * ones never, mandatory ones at or above the threshold unless acknowledged.
 */
export function fails(f: Finding, failOn: FailOn): boolean {
  if (failOn === "never") return false;
  // "Cannot verify" is not a violation: a hard rule's unknown findings fail like mandatory ones.
  if (f.enforcement === "hard" && f.severity !== "unknown") return true;
  if (f.enforcement === "advisory" || f.acknowledged) return false;
  return atOrAbove(f.severity, failOn);
}
