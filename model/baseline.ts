// A baseline file's shape (--create-baseline writes it, --baseline reads it; engine/baseline.ts).
export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  configuration: string | null;
  address: string;
  attribute: string | null;
  fingerprint: string;
}

export interface Baseline {
  formatVersion: typeof BASELINE_FORMAT_VERSION;
  /** Sorted by fingerprint, then address: the same findings give the same bytes. */
  entries: BaselineEntry[];
}
