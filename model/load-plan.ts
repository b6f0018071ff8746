// A load plan attached to a principal: what the policy engine receives (AuditInput.loadPlans),
// already read from disk by an adapter (intents loader, CLI, JmeterPlan construct), so that the
// engine stays pure and synchronous.
import type { JmeterTestPlan } from "./jmeter-plan";
import type { NginxConfig } from "./nginx-config";

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
  /** The user a user-grant run logs in as (intents run.user): per-user limits sum its runs. */
  user?: string;
  /** Where the attachment was declared: "intents.json: principals.<address>.run", a construct path, "--jmeter". */
  declaredIn: string;
}
