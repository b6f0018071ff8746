import { intendedPrincipals, type Certainty, type Rule, type RuleFinding, type Severity } from "../core/rule";
import { DOCUMENTED_LIMITS } from "../genesys/limits";
import { formatNumber } from "../model/quantity";
import { plansIn } from "./support/loadtest";

const KEYS = DOCUMENTED_LIMITS.userRateKeys;

interface UserLoad {
  app: string;
  perMinute: number;
  tokens: number;
  from: string;
}

export const rateAboveUserLimit: Rule = {
  id: "GRG033",
  name: "rate-above-user-limit",
  title: "Requests of one user above the per-user rate limit",
  severity: "error",
  httpStatus: 429,
  outcome: "429 too.many.requests with Retry-After, though each token is under its own limit",
  certainty: "likely",
  usesIntents: true,
  explanation: `Rate limits come in layers: per OAuth token (300/min), and for users (every grant but client credentials) per user across all tokens of one OAuth client (${KEYS.perApp}) and per user across all clients (${KEYS.acrossApps}); all answer 429 with Retry-After. Runs that log in as the same user (intents run.user) are summed: two tokens at 200 requests/min each are 400/min for that user, above a per-user limit of 300 even though each token is under its own. The org's values come from the org settings (Limits API, namespace platform.api): then the outcome is certain. Without them the figure is uncertain (a Genesys staff post says ${DOCUMENTED_LIMITS.userRateAssumedPerMinute}, another answer ${DOCUMENTED_LIMITS.userRateLowerReadingPerMinute}): above ${DOCUMENTED_LIMITS.userRateAssumedPerMinute} is likely (an error), between the two possible (a warning), each naming the figure assumed. Client-credentials tokens are not subject to user limits.`,
  remediation:
    "Spread the load over several users (each its own login), lower the rate, or ask Genesys for a higher limit; run npm run org:snapshot to judge against the org's own values.",
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Rate limits in layers (per token, per user per app, per user across apps)",
    "org settings file: limits.platform.api",
  ],
  check(ctx) {
    const byUser = new Map<string, UserLoad[]>();
    const add = (user: string, load: UserLoad) => {
      const list = byUser.get(user);
      if (list) list.push(load);
      else byUser.set(user, [load]);
    };
    for (const { principal, intent } of intendedPrincipals(ctx)) {
      const run = intent.run;
      if (!run?.user || principal.clientCredentials) continue;
      add(run.user, {
        app: principal.address,
        perMinute: run.requestsPerSecond * 60,
        tokens: run.tokens,
        from: `the intent's run (${formatNumber(run.requestsPerSecond)} requests/s)`,
      });
    }
    for (const { attached, principal, model } of plansIn(ctx)) {
      if (!attached.user || !attached.jmeter || !model || !principal || principal.clientCredentials) continue;
      const perMinute = model.peakApiPerToken.perSecond * attached.tokens * 60;
      add(attached.user, {
        app: principal.address,
        perMinute,
        tokens: attached.tokens,
        from: `${model.plan.file} (${formatNumber(perMinute / 60)} requests/s at its peak)`,
      });
    }
    const findings: RuleFinding[] = [];
    for (const [user, loads] of [...byUser].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const apps = [...new Set(loads.map((l) => l.app))];
      for (const app of apps) {
        const mine = loads.filter((l) => l.app === app);
        const finding = judge(ctx.org?.limits["platform.api"], KEYS.perApp, user, mine, `across the tokens of ${app}`, ctx.org?.file);
        if (finding) findings.push({ address: app, ...finding });
      }
      if (apps.length > 1) {
        const finding = judge(
          ctx.org?.limits["platform.api"],
          KEYS.acrossApps,
          user,
          loads,
          `across ${apps.length} OAuth clients (${apps.join(", ")})`,
          ctx.org?.file,
        );
        if (finding) findings.push({ address: apps[0], ...finding });
      }
    }
    return findings;
  },
};

function judge(
  block: { source: string; values: Record<string, number> } | undefined,
  key: string,
  user: string,
  loads: readonly UserLoad[],
  where: string,
  orgFile: string | undefined,
): { message: string; severity: Severity; certainty: Certainty; remediation: string } | undefined {
  const total = loads.reduce((n, l) => n + l.perMinute, 0);
  const tokens = loads.reduce((n, l) => n + l.tokens, 0);
  const known = block?.values[key];
  const what = `${user} sends ${formatNumber(total)} requests/min ${where} (${tokens} token(s): ${loads.map((l) => l.from).join("; ")})`;
  const remediation = `Keep ${user} at or below ${formatNumber(known ?? DOCUMENTED_LIMITS.userRateLowerReadingPerMinute)} requests/min ${where}, spread the load over other users, or ask Genesys for a higher limit.`;
  if (known !== undefined) {
    if (total <= known) return undefined;
    return {
      severity: "error",
      certainty: "certain",
      remediation,
      message: `${what}, above the org's ${key} of ${formatNumber(known)}/min (${orgFile}: ${block!.source}): 429.`,
    };
  }
  if (total > DOCUMENTED_LIMITS.userRateAssumedPerMinute)
    return {
      severity: "error",
      certainty: "likely",
      remediation,
      message: `${what}, above ${key} as assumed without the org's value (${DOCUMENTED_LIMITS.userRateAssumedPerMinute}/min, a Genesys staff post): 429.`,
    };
  if (total > DOCUMENTED_LIMITS.userRateLowerReadingPerMinute)
    return {
      severity: "warning",
      certainty: "possible",
      remediation,
      message: `${what}: above ${key} if the org's value is ${DOCUMENTED_LIMITS.userRateLowerReadingPerMinute}/min (one source; a Genesys staff post says ${DOCUMENTED_LIMITS.userRateAssumedPerMinute}), then 429; an org snapshot settles it.`,
    };
  return undefined;
}
