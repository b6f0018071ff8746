// Baselines: a team adopting the gate on a repository with years of history records today's
// findings once (--create-baseline) and from then on fails only on new ones (--baseline). Pure.
//
// A finding is identified by its rule, root configuration, address and attribute (and the
// capability and division an access finding is about): never by line numbers or message text,
// which move when unrelated lines or values change. Identical findings count: two in the baseline
// cover two today, not three.
import { createHash } from "crypto";
import type { Finding } from "../core/finding";
import { BASELINE_FORMAT_VERSION, type Baseline, type BaselineEntry } from "../model/baseline";

export { BASELINE_FORMAT_VERSION, type Baseline, type BaselineEntry };

export interface BaselineResult {
  /** Findings not in the baseline: the ones reported and judged. */
  findings: Finding[];
  /** How many findings the baseline covered (left out of the report). */
  matched: number;
  /** Baseline entries that no longer occur (fixed, or renamed): the baseline can shrink. */
  stale: BaselineEntry[];
}

export function fingerprint(f: Finding): string {
  const identity = [f.ruleId, f.configuration ?? "", f.address, f.attribute ?? "", f.capability ?? "", f.division ?? ""].join("\u0000");
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

export function createBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings.map((f) => ({
    ruleId: f.ruleId,
    configuration: f.configuration ?? null,
    address: f.address,
    attribute: f.attribute ?? null,
    fingerprint: fingerprint(f),
  }));
  entries.sort((a, b) => cmp(a.fingerprint, b.fingerprint) || cmp(a.address, b.address));
  return { formatVersion: BASELINE_FORMAT_VERSION, entries };
}

export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineResult {
  const left = new Map<string, BaselineEntry[]>();
  for (const e of baseline.entries) left.set(e.fingerprint, [...(left.get(e.fingerprint) ?? []), e]);
  const out: Finding[] = [];
  let matched = 0;
  for (const f of findings) {
    const pool = left.get(fingerprint(f));
    if (pool?.length) {
      pool.pop();
      matched++;
    } else out.push(f);
  }
  const stale = [...left.values()].flat().sort((a, b) => cmp(a.fingerprint, b.fingerprint) || cmp(a.address, b.address));
  return { findings: out, matched, stale };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
