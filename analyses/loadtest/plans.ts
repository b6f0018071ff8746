// The rate model of an attached load plan, computed once per attachment.
import type { AttachedLoadPlan } from "../../model/load-plan";
import { modelPlan, type PlanModel } from "./model";

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
