// Applies enforcement levels and acknowledgements to the engine's findings: marks accepted
// findings (they stay in every report), and adds findings for expired, orphaned and refused
// acknowledgements. Pure: "today" is an input.
import type { Acknowledgement } from "../inputs/acknowledgements";
import { type Enforcement, enforcementOf } from "./enforcement";
import type { Finding } from "./finding";
import type { RuleMeta } from "./rule";
import { ACK_EXPIRED, ACK_ORPHANED, ACK_REFUSED } from "./rules/meta-acknowledgements";

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
  for (const ack of options.acknowledgements ?? []) {
    const matching = findings.filter((f) => f.ruleId === ack.ruleId && targets(ack.target, f));
    const expired = ack.expires < options.today;
    const hard = enforcementOf(ack.ruleId, options.enforcement) === "hard";
    const status: AcknowledgementState = hard ? "refused" : matching.length === 0 ? "orphaned" : expired ? "expired" : "active";
    statuses.push({ ...ack, status, matched: matching.length });
    if (status === "active") {
      for (const f of matching) f.acknowledged = { reason: ack.reason, owner: ack.owner, expires: ack.expires, ...(ack.ticket ? { ticket: ack.ticket } : {}) };
      continue;
    }
    const meta = status === "expired" ? ACK_EXPIRED : status === "orphaned" ? ACK_ORPHANED : ACK_REFUSED;
    const what = `acknowledgement of ${ack.ruleId} on ${ack.target} (owner ${ack.owner}, expires ${ack.expires}${ack.ticket ? `, ${ack.ticket}` : ""})`;
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

/** A target names a Terraform address or a construct path (itself or a parent). */
function targets(target: string, f: Finding): boolean {
  if (target === f.address) return true;
  const path = f.constructPath;
  return path !== undefined && (path === target || path.startsWith(`${target}/`));
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
