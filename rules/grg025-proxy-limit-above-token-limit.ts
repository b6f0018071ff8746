import { describeLimit, proxiedUsages, tokensPerKey } from "../analyses/loadtest/proxy";
import { formatNumber } from "../model/quantity";
import { plansIn } from "./support/loadtest";
import type { Rule, RuleFinding } from "../core/rule";

export const proxyLimitAboveTokenLimit: Rule = {
  id: "GRG025",
  name: "proxy-limit-above-token-limit",
  title: "nginx rate limit in front of Genesys lets more through than the per-token limit",
  severity: "warning",
  httpStatus: 429,
  outcome: "429 from Genesys for what the proxy lets through above the per-token limit",
  certainty: "likely",
  usesIntents: false,
  explanation:
    "A rate-limiting proxy only protects the Genesys limit (300 requests per minute per OAuth token by default) when its own limit is at or below it. nginx limit_req_zone rates are in r/s or r/m per key: keyed by the client address ($binary_remote_addr), one budget covers every token the load generator uses; keyed by $http_authorization, one budget per token. A zone rate above the tokens' limit, or a burst with nodelay that lets a minute exceed it, passes requests that Genesys answers with 429. limit_req_dry_run on rejects nothing at all.",
  remediation:
    "Set the zone's rate to at most the per-token limit times the tokens behind one key (e.g. rate=5r/s or 300r/m for one token) and keep rate x 60 + burst within the per-minute limit when using nodelay; or ask Genesys for a higher limit.",
  sources: ["genesys/README.md: Rate limits", "nginx docs: ngx_http_limit_req_module (limit_req_zone rate r/s or r/m, burst, nodelay, limit_req_dry_run)"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, limit } of plansIn(ctx)) {
      const nginx = attached.nginx;
      if (!nginx) continue;
      for (const u of proxiedUsages(nginx)) {
        const share = tokensPerKey(u.zone.keyKind, attached.tokens);
        const allowedPerSecond = (limit.perMinute / 60) * share;
        const allowedPerMinute = limit.perMinute * share;
        const where = `nginx ${u.context.label}: ${describeLimit(u.limit, u.zone, nginx.file)}`;
        const genesys = `the Genesys limit of ${formatNumber(limit.perMinute)} requests/min (${formatNumber(limit.perMinute / 60)}/s) per token x ${share} token(s) behind one key = ${formatNumber(allowedPerSecond)} requests/s (${limit.key}; ${limit.source})`;
        if (u.context.dryRun) {
          findings.push({
            address: attached.principal,
            message: `${where} runs with limit_req_dry_run on: nginx counts but rejects nothing, so it does not keep the run within ${genesys}.`,
          });
          continue;
        }
        if (u.zone.perSecond > allowedPerSecond) {
          findings.push({
            address: attached.principal,
            message: `${where} lets up to ${formatNumber(u.zone.perSecond)} requests/s through, above ${genesys}: ${formatNumber(u.zone.perSecond / allowedPerSecond)}x; what it passes above ${formatNumber(allowedPerSecond)}/s gets 429 from Genesys.`,
            remediation: fittingRate(u.limit, allowedPerMinute),
          });
          continue;
        }
        const immediate = u.limit.nodelay ? u.limit.burst : (u.limit.delay ?? 0);
        if (u.zone.perSecond * 60 + immediate > allowedPerMinute) {
          findings.push({
            address: attached.principal,
            message: `${where}: the rate fits, but ${formatNumber(immediate)} burst requests pass without delay, so one minute can carry ${formatNumber(u.zone.perSecond * 60 + immediate)} requests, above ${genesys} (${formatNumber(allowedPerMinute)}/min): 429 from Genesys in that minute.`,
            remediation: `Lower the burst to at most ${formatNumber(Math.max(0, allowedPerMinute - u.zone.perSecond * 60))} or drop nodelay (nginx then queues the burst at the zone's rate).`,
          });
        }
      }
    }
    return findings;
  },
};

/** A concrete zone rate that keeps one minute, burst included, within the Genesys budget. */
function fittingRate(limit: { burst: number; nodelay: boolean; delay?: number }, allowedPerMinute: number): string {
  const immediate = limit.nodelay ? limit.burst : (limit.delay ?? 0);
  const perMinute = Math.floor(allowedPerMinute - immediate);
  if (perMinute < 1)
    return `Drop nodelay or lower the burst (${formatNumber(immediate)} requests pass at once, more than the ${formatNumber(allowedPerMinute)}/min budget), then set the rate to at most ${formatNumber(allowedPerMinute)}r/m.`;
  return `Set the zone's rate to at most ${formatNumber(perMinute)}r/m${immediate ? ` (${formatNumber(allowedPerMinute)}/min budget minus the ${formatNumber(immediate)} burst requests that pass at once)` : ""}, or ask Genesys for a higher limit.`;
}
