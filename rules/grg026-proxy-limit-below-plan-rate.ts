import { describeRate, isComplete } from "../analyses/loadtest/model";
import { describeLimit, trafficThrough } from "../analyses/loadtest/proxy";
import { formatNumber } from "../model/quantity";
import { listSome, plansIn } from "./support/loadtest";
import type { HttpStatus, Rule, RuleFinding } from "../core/rule";

const STATUSES: readonly number[] = [401, 403, 404, 429, 503];

export const proxyLimitBelowPlanRate: Rule = {
  id: "GRG026",
  name: "proxy-limit-below-plan-rate",
  title: "nginx rate limit in front of Genesys rejects part of the plan's requests",
  severity: "error",
  httpStatus: 503,
  outcome: "503 from nginx (limit_req_status, default 503) before the request reaches Genesys",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "nginx limit_req lets requests through at the zone's rate (r/s or r/m per key) plus a burst; beyond that it rejects them with limit_req_status, 503 by default. Those rejections come from the proxy, not from Genesys: they are neither a Genesys rate limit (429) nor a permission problem (403). The rule traces each of the plan's /api/v2 samplers to the nginx location that serves it (by host and path) and compares the plan's rate per key with the zone's rate.",
  remediation:
    "Pace the plan to the proxy's rate (and the proxy's rate to the Genesys limit), or raise the zone's rate if Genesys allows the plan's rate on its tokens.",
  sources: [
    "nginx docs: ngx_http_limit_req_module (limit_req, burst, nodelay, limit_req_status default 503)",
    "genesys/README.md: What the starting material got wrong (nginx limit_req rates and 503)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, model } of plansIn(ctx)) {
      const nginx = attached.nginx;
      if (!nginx) continue;
      const source = model ? `plan ${model.plan.file}` : `the run (${attached.declaredIn})`;
      for (const t of trafficThrough(nginx, model, attached)) {
        if (!t.context.limits.length || t.context.dryRun) continue;
        for (const l of t.context.limits) {
          const zone = nginx.zones[l.zone];
          // Keyed per token, each token has its own budget; otherwise every token shares one.
          const perKey = zone.keyKind === "token" ? 1 / attached.tokens : 1;
          const peak = t.peak.perSecond * perKey;
          const sustained = t.sustained.perSecond * perKey;
          const status = t.context.status;
          const httpStatus = (STATUSES.includes(status) ? status : null) as HttpStatus;
          const answer = `${status}${t.context.statusSet ? " (limit_req_status)" : " (limit_req_status default)"}`;
          const via = `${t.samplers.length ? `${listSome(t.samplers.map((n) => `"${n}"`))} through ` : ""}nginx ${t.context.label}`;
          const perKeyText = zone.keyKind === "token" && attached.tokens > 1 ? ` (${attached.tokens} tokens, one budget each)` : "";
          if (peak > zone.perSecond) {
            findings.push({
              address: attached.principal,
              httpStatus,
              certainty: isComplete(t.peak) && sustained > zone.perSecond ? "certain" : "likely",
              message: `${source} sends ${formatNumber(peak)} requests/s per key${perKeyText} (${via}); ${describeLimit(l, zone, nginx.file)} passes ${formatNumber(zone.perSecond)} requests/s${l.burst ? ` plus a burst of ${l.burst}` : ""}: nginx rejects the rest with ${answer} before it reaches Genesys.`,
            });
          } else if (t.peak.unbounded.length) {
            findings.push({
              address: attached.principal,
              httpStatus,
              certainty: "likely",
              message: `${source}: ${via} is not paced (${describeRate({ ...t.peak, perSecond: 0 })}); ${describeLimit(l, zone, nginx.file)} passes ${formatNumber(zone.perSecond)} requests/s: above that nginx answers ${answer}.`,
            });
          }
        }
      }
    }
    return findings;
  },
};
