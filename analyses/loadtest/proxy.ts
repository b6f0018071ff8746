// The nginx proxy between a load plan and Genesys: which limit_req rules each of the plan's
// requests meets (by host and path, with nginx's location selection), and how a rate per key
// compares with the zone's rate.
import { addRates, knownRate, NO_RATE, type Rate } from "./model";
import { limitsFor, limitUsages } from "../../readers/loadtest/nginx";
import { type KeyKind, type LimitContext, type LimitReq, type LimitZone, type NginxConfig } from "../../model/nginx-config";
import type { AttachedLoadPlan } from "../../model/load-plan";
import type { PlanModel } from "./model";
import { requestPath } from "./endpoints";
import type { JmeterTestPlan } from "../../model/jmeter-plan";
import { capValue } from "../../model/safe-text";

export interface ProxyTraffic {
  context: LimitContext;
  peak: Rate;
  sustained: Rate;
  samplers: string[];
}

/** The plan's /api/v2 traffic per nginx context; without a plan, the declared rate through every limited context. */
export function trafficThrough(nginx: NginxConfig, model: PlanModel | undefined, attached: AttachedLoadPlan): ProxyTraffic[] {
  const byContext = new Map<LimitContext, ProxyTraffic>();
  if (model) {
    for (const g of model.groups) {
      for (const s of g.samplers) {
        if (!s.apiCall) continue;
        const rawPath = withVariables(s.sampler.path, model.plan);
        const urlHost = /^[a-z][a-z0-9+.-]*:\/\/([^/:]+)/i.exec(rawPath)?.[1];
        const host = urlHost ?? withVariables(s.sampler.domain, model.plan);
        const context = limitsFor(nginx, host, requestPath(rawPath));
        const t = byContext.get(context) ?? { context, peak: NO_RATE, sustained: NO_RATE, samplers: [] };
        t.peak = addRates(t.peak, s.peak);
        t.sustained = addRates(t.sustained, s.sustained);
        t.samplers.push(s.sampler.name);
        byContext.set(context, t);
      }
    }
  } else if (attached.requestsPerSecond !== undefined) {
    for (const u of proxiedUsages(nginx)) {
      if (!byContext.has(u.context))
        byContext.set(u.context, {
          context: u.context,
          peak: knownRate(attached.requestsPerSecond),
          sustained: knownRate(attached.requestsPerSecond),
          samplers: [],
        });
    }
  }
  return [...byContext.values()];
}

/** limit_req usages in contexts that proxy somewhere (all of them when nothing says proxy_pass). */
export function proxiedUsages(nginx: NginxConfig): { context: LimitContext; limit: LimitReq; zone: LimitZone }[] {
  const all = limitUsages(nginx);
  const proxied = all.filter((u) => u.context.proxyPass !== undefined);
  return proxied.length ? proxied : all;
}

/** How many OAuth tokens share one rate budget of the zone. */
export function tokensPerKey(kind: KeyKind, tokens: number): number {
  return kind === "token" ? 1 : tokens;
}

export function describeKey(zone: LimitZone): string {
  switch (zone.keyKind) {
    case "client":
      return `keyed by ${capValue(zone.key)}: all threads of one load generator share it`;
    case "token":
      return `keyed by ${capValue(zone.key)}: one budget per OAuth token`;
    case "global":
      return `keyed by ${capValue(zone.key)}: one budget for every client`;
    case "other":
      return `keyed by ${capValue(zone.key)} (taken as one budget for the whole plan)`;
  }
}

export function describeLimit(limit: LimitReq, zone: LimitZone, nginxFile: string): string {
  const burst = limit.burst
    ? `, burst=${limit.burst}${limit.nodelay ? " nodelay" : limit.delay !== undefined ? ` delay=${limit.delay}` : ""}`
    : limit.nodelay
      ? ", nodelay"
      : "";
  return `limit_req zone=${capValue(zone.name)} (${nginxFile}:${limit.line}; limit_req_zone line ${zone.line}: rate=${zone.rateText}${burst}, ${describeKey(zone)})`;
}

/** Replaces ${name} with the plan's User Defined Variables where they are plain text. */
export function withVariables(text: string, plan: JmeterTestPlan): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (whole, name: string) => {
    const v = Object.prototype.hasOwnProperty.call(plan.variables, name) ? plan.variables[name] : undefined;
    return v !== undefined && !v.includes("${") ? v : whole;
  });
}
