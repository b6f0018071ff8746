// What the load-test rules share: the plans attached in the rule context, the principal a plan
// runs as, the per-token limit that applies to it, and how a plan element is named in messages.
import { tokenRateLimit, type RateLimit } from "../../model/org-settings";
import { grantType, type Principal } from "../../analyses/principals";
import type { RuleContext } from "../../core/rule";
import type { HttpSampler, JmeterTestPlan } from "../../model/jmeter-plan";
import type { PlanModel, SamplerModel } from "../../analyses/loadtest/model";
import { modelOf } from "../../analyses/loadtest/plans";
import { type AttachedLoadPlan } from "../../model/load-plan";
import { capValue } from "../../model/safe-text";

export interface PlanInContext {
  attached: AttachedLoadPlan;
  principal: Principal | undefined;
  model: PlanModel | undefined;
  limit: RateLimit;
}

/** Every attached plan with its principal (when the configuration declares it), model and token limit. */
export function plansIn(ctx: RuleContext): PlanInContext[] {
  return (ctx.loadPlans ?? []).map((attached) => {
    const principal = ctx.principals.find((p) => p.address === attached.principal);
    return { attached, principal, model: modelOf(attached), limit: limitFor(ctx, principal) };
  });
}

/** Client-credentials tokens have their own limit key; other grants (a user's token) the general one. */
export function limitFor(ctx: RuleContext, principal: Principal | undefined): RateLimit {
  const type = !principal ? "CLIENT-CREDENTIALS" : principal.kind === "oauth_client" ? (grantType(principal) ?? "CLIENT-CREDENTIALS") : "CODE";
  return tokenRateLimit(ctx.org, type);
}

/** Every sampler of a plan, in plan order (each knows its thread group). */
export function samplersOf(model: PlanModel): SamplerModel[] {
  return model.groups.flatMap((g) => g.samplers);
}

/** Whether a sampler calls the documented recording endpoint `method path` (path as in the endpoint table). */
export function callsEndpoint(s: SamplerModel, method: string, path: string): boolean {
  return s.match.kind === "endpoint" && s.match.endpoint.method === method && s.match.endpoint.path === path;
}

/** `sampler "List recordings" (forum.jmx:120, thread group "Readers")` */
export function samplerLabel(plan: JmeterTestPlan, s: HttpSampler, group?: string): string {
  return `sampler "${capValue(s.name)}" (${plan.file}:${s.line}${group ? `, thread group "${capValue(group)}"` : ""})`;
}

/** Up to `max` items joined, then "and N more". */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
