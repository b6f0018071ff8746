import { DOCUMENTED_LIMITS } from "../genesys/limits";
import { mediaUrlFetches, urlLifetime, type MediaUrlFetch, type UrlLifetime } from "../analyses/loadtest/media-urls";
import { formatSeconds } from "../model/quantity";
import { capValue } from "../model/safe-text";
import type { Rule, RuleFinding } from "../core/rule";
import type { JmeterTestPlan } from "../model/jmeter-plan";
import { plansIn, samplerLabel } from "./support/loadtest";

const TTL = DOCUMENTED_LIMITS.mediaUrlTtlMinutes;

export const planFetchesExpiredMediaUrl: Rule = {
  id: "GRG036",
  name: "plan-fetches-expired-media-url",
  title: "JMeter plan fetches recording media URLs after they expire",
  severity: "error",
  httpStatus: null,
  outcome: "the media fetch is refused once the URL has expired (most likely a storage-style 403; the status is not documented)",
  certainty: "likely",
  usesIntents: false,
  explanation: `Reading a recording (GET /api/v2/conversations/{conversationId}/recordings, or one recording) returns playback URLs that live recordingPlaybackUrlTtl minutes; a batch download's result poll (GET /api/v2/recording/batchrequests/{jobId}) returns URLs that live recordingBatchDownloadUrlTtl minutes. Both are org settings (${TTL.min}..${TTL.max}, default ${TTL.default}; GET /api/v2/recording/settings) that no provider version manages. A plan that stores such URLs with an extractor and fetches them later than that is refused; Genesys does not document the answer (expected: a 403 from the storage service, not a Genesys missing.permissions body), so the outcome is likely, not certain. The delay is bounded from the plan: the minimum delays of the timers in scope of every sample between the request and the fetch, times the loops around them (response times only add to it); a URL extracted under a Once Only Controller and fetched in every iteration is as old as the thread's run. Later than ${TTL.max} minutes is past every lifetime an org can set; below that, the org's own value (an org snapshot) decides: without one, a delay past ${TTL.min} minutes is reported as info. When only the timers' maximums (a Uniform Random Timer's range, a ForEach over a batch's result URLs, at most ${DOCUMENTED_LIMITS.maxBatchDownloadItems}) reach past the lifetime, the finding is a warning (possible).`,
  remediation:
    "Fetch each media URL right after the request that returned it (in the same iteration, without long timers in between), or request the recording again before fetching; for batch downloads poll the result and fetch its URLs at once. npm run audit -- budget --principal ADDRESS prints the longest safe delay.",
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Recording URL lifetimes",
    "genesys/README.md: Org recording settings (recordingPlaybackUrlTtl, recordingBatchDownloadUrlTtl)",
    "Apache JMeter post-processors (JSON, regular expression and boundary extractors), ForEach and Once Only Controllers, timers",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, model } of plansIn(ctx)) {
      if (!model) continue;
      for (const pair of mediaUrlFetches(model)) {
        const life = urlLifetime(pair.kind, ctx.org);
        const finding = judge(pair, life, model.plan);
        if (finding) findings.push({ address: attached.principal, ...finding });
      }
    }
    return findings;
  },
};

function judge(pair: MediaUrlFetch, life: UrlLifetime, plan: JmeterTestPlan): Omit<RuleFinding, "address"> | undefined {
  const ttlSeconds = life.minutes * 60;
  const what = describe(pair, plan);
  const lives = `${pair.kind === "batch" ? "batch-download" : "playback"} URLs live ${life.minutes} minutes (${life.key}, ${life.source})`;
  const remediation = `Fetch the URLs within ${life.minutes} minutes of ${samplerLabel(plan, pair.producer.sampler)}: in the same iteration, without long timers in between, or request them again first.`;
  const reused = pair.reusedFor;
  if (reused?.kind === "forever") return { message: `${what}. ${upper(pair.how)}; ${lives}: fetches after that are refused.`, remediation };
  if (pair.minSeconds > ttlSeconds) {
    const message = reused
      ? `${what}. ${upper(pair.how)} (${formatSeconds(pair.minSeconds)}); ${lives}: fetches after that are refused.`
      : `${what}. The fetch comes at least ${formatSeconds(pair.minSeconds)} after the URL was issued (${pair.how}); ${lives}: it is refused.`;
    return { message, remediation };
  }
  if (pair.maxSeconds !== undefined && pair.maxSeconds > ttlSeconds) {
    return {
      severity: "warning",
      certainty: "possible",
      message: `${what}. The fetch comes ${formatSeconds(pair.minSeconds)} to ${formatSeconds(pair.maxSeconds)} after the URL was issued (${pair.how}); ${lives}: a fetch that late is refused.`,
      remediation,
    };
  }
  if (!life.fromOrg && pair.minSeconds > TTL.min * 60) {
    return {
      severity: "info",
      certainty: "possible",
      message: `${what}. The fetch comes at least ${formatSeconds(pair.minSeconds)} after the URL was issued (${pair.how}): refused if the org set ${life.key} below ${Math.ceil(pair.minSeconds / 60)} minutes (the default is ${TTL.default}); an org snapshot settles it.`,
      remediation,
    };
  }
  return undefined;
}

function upper(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describe(pair: MediaUrlFetch, plan: JmeterTestPlan): string {
  const extractor = `${pair.extraction.testclass} "${capValue(pair.extraction.name)}" (line ${pair.extraction.line})`;
  return `plan ${plan.file}: ${samplerLabel(plan, pair.fetch.sampler, pair.group.group.name)} fetches \${${capValue(pair.variable)}}, a ${pair.kind === "batch" ? "batch-download" : "playback"} URL that ${extractor} took from ${samplerLabel(plan, pair.producer.sampler)}`;
}
