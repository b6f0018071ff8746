// Load plans attached to principals: what the policy engine receives (AuditInput.loadPlans),
// already read from disk by an adapter (intents loader, CLI, JmeterPlan construct), so that the
// engine stays pure and synchronous. No file system here.
import type { JmeterTestPlan } from "./jmx";
import { modelPlan, type PlanModel } from "./model";
import type { NginxConfig } from "./nginx";

export interface AttachedLoadPlan {
  /** Terraform address of the principal whose OAuth token the plan uses. */
  principal: string;
  /** The JMeter plan, parsed. */
  jmeter?: JmeterTestPlan;
  /** The nginx configuration between the load generator and Genesys, parsed. */
  nginx?: NginxConfig;
  /** OAuth tokens the load is spread over (intents run.tokens, default 1). */
  tokens: number;
  /** Given next to the plan in the intents: used where the plan's own value cannot be read. */
  durationSeconds?: number;
  requestsPerSecond?: number;
  /** Where the attachment was declared: "intents.json: principals.<address>.run", a construct path, "--jmeter". */
  declaredIn: string;
}

const models = new WeakMap<AttachedLoadPlan, PlanModel>();

/** The rate model of an attached plan (computed once per attachment). */
export function modelOf(attached: AttachedLoadPlan): PlanModel | undefined {
  if (!attached.jmeter) return undefined;
  let m = models.get(attached);
  if (!m) {
    m = modelPlan(attached.jmeter, attached.tokens);
    models.set(attached, m);
  }
  return m;
}

