// Applies enforcement levels and acknowledgements to the engine's findings: marks accepted
// findings (they stay in every report), and adds findings for expired, orphaned and refused
// acknowledgements. Pure: "today" is an input.
import { ACK_EXPIRED, ACK_ORPHANED, ACK_REFUSED } from "../rules";
import type { Acknowledgement } from "../model/acknowledgements";
import { type Enforcement, enforcementOf } from "../model/enforcement";
import type { Finding } from "../core/finding";
import { withoutInstanceKeys } from "../model/instances";
import type { RuleMeta } from "../core/rule";

export type AcknowledgementState = "active" | "expired" | "orphaned" | "refused";

export interface AcknowledgementStatus extends Acknowledgement {
  status: AcknowledgementState;
  /** Findings the acknowledgement matched. */
  matched: number;
}

export interface PolicyOptions {
  acknowledgements?: readonly Acknowledgement[];
  enforcement?: Readonly<Record<string, Enforcement>>;
  /** YYYY-MM-DD (UTC). */
  today: string;
  /** Where the acknowledgements were declared (intents file, stack intents.json). */
  acknowledgementsFile?: string;
}

export function applyPolicy(raw: readonly Finding[], options: PolicyOptions): { findings: Finding[]; acknowledgements: AcknowledgementStatus[] } {
  const findings = raw.map((f) => ({ ...f, enforcement: enforcementOf(f.ruleId, options.enforcement) }));
  const statuses: AcknowledgementStatus[] = [];
  const extra: Finding[] = [];
  const index = options.acknowledgements?.length ? indexByTarget(findings, new Set(options.acknowledgements.map((a) => a.ruleId))) : undefined;
  for (const ack of options.acknowledgements ?? []) {
    const matching = index?.get(ack.ruleId)?.get(ack.target) ?? [];
    const expired = ack.expires < options.today;
    const hard = enforcementOf(ack.ruleId, options.enforcement) === "hard";
    const status: AcknowledgementState = hard ? "refused" : matching.length === 0 ? "orphaned" : expired ? "expired" : "active";
    statuses.push({ ...ack, status, matched: matching.length });
    if (status === "active") {
      for (const f of matching) f.acknowledged = { reason: ack.reason, owner: ack.owner, expires: ack.expires, ...(ack.ticket ? { ticket: ack.ticket } : {}) };
      continue;
    }
    const meta = status === "expired" ? ACK_EXPIRED : status === "orphaned" ? ACK_ORPHANED : ACK_REFUSED;
    const what = `acknowledgement of ${ack.ruleId} on ${ack.target} (owner ${ack.owner}, expires ${ack.expires}${ack.ticket ? `, ${ack.ticket}` : ""}, reason: "${ack.reason}")`;
    const message =
      status === "expired"
        ? `The ${what} expired; its ${matching.length} finding(s) count again.`
        : status === "orphaned"
          ? `The ${what} matches no finding.`
          : `The ${what} is not allowed: ${ack.ruleId} is hard-enforced.`;
    extra.push(metaFinding(meta, ack.target, message, options.acknowledgementsFile ?? matching[0]?.file ?? ""));
  }
  return { findings: [...findings, ...extra], acknowledgements: statuses };
}

/**
 * Findings by rule and every target that names them (their address, their construct path and each
 * parent of it), in finding order: each acknowledgement is then one lookup, not a scan of all findings.
 * Nested maps (rule id, then target) so that no "rule + target" key string is built per entry, and
 * only for the rules some acknowledgement names.
 */
function indexByTarget(findings: readonly Finding[], acknowledgedRules: ReadonlySet<string>): Map<string, Map<string, Finding[]>> {
  const index = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    if (!acknowledgedRules.has(f.ruleId)) continue; // no acknowledgement looks these up
    let byTarget = index.get(f.ruleId);
    if (!byTarget) index.set(f.ruleId, (byTarget = new Map()));
    addTarget(byTarget, f.address, f);
    // An instance (`team["support"]`, plan JSON) is also named by its block (`team`), as in intents.
    if (f.address.includes("[")) addTarget(byTarget, withoutInstanceKeys(f.address), f);
    const path = f.constructPath;
    if (path === undefined) continue;
    for (let end = path.length; end > 0; end = path.lastIndexOf("/", end - 1)) addTarget(byTarget, path.slice(0, end), f);
  }
  return index;
}

function addTarget(byTarget: Map<string, Finding[]>, target: string, f: Finding): void {
  const list = byTarget.get(target);
  if (!list) byTarget.set(target, [f]);
  else if (list[list.length - 1] !== f) list.push(f);
}

function metaFinding(meta: RuleMeta, address: string, message: string, file: string): Finding {
  return {
    ruleId: meta.id,
    ruleName: meta.name,
    severity: meta.severity,
    address,
    file,
    httpStatus: meta.httpStatus,
    certainty: meta.certainty,
    message,
    remediation: meta.remediation,
    sources: [...meta.sources],
    // Expired and refused acknowledgements always fail; an orphaned one warns (fails only at --fail-on warning).
    enforcement: enforcementOf(meta.id),
  };
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
