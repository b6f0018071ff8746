import { DOCUMENTED_LIMITS } from "../genesys/limits";
import type { SamplerModel } from "../analyses/loadtest/model";
import { formatNumber } from "../model/quantity";
import { callsEndpoint, plansIn, samplerLabel, samplersOf } from "./support/loadtest";
import type { Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

const MAX = DOCUMENTED_LIMITS.maxConcurrentBulkJobs;

export const planBulkJobsOverLimit: Rule = {
  id: "GRG022",
  name: "plan-bulk-jobs-over-limit",
  title: "JMeter plan creates more concurrent bulk recording jobs than Genesys allows",
  severity: "error",
  httpStatus: null,
  outcome: "the jobs above the limit are refused (the limit is documented, the status code is not)",
  certainty: "likely",
  usesIntents: false,
  explanation:
    "Genesys Cloud runs at most 2 bulk recording jobs (POST /api/v2/recording/jobs) per organization at a time, pending or processing. A plan whose threads each create a job starts more than that at once, and the extra jobs are refused. Genesys documents the limit but not the HTTP status of the refusal, so this rule names none. Jobs also stay pending or processing for a while, so a thread that creates a job in every iteration soon has more than 2 outstanding unless it waits for each one to finish.",
  remediation:
    "Create bulk jobs from one thread, at most 2 at a time, and wait (GET /api/v2/recording/jobs/{jobId}) until a job has finished before creating the next.",
  sources: [
    "genesys/recording-endpoints.json: POST /api/v2/recording/jobs (at most 2 concurrent jobs per organization)",
    "genesys/README.md: Permissions, roles, divisions (bulk jobs)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, model } of plansIn(ctx)) {
      if (!model) continue;
      const plan = model.plan;
      const creators = samplersOf(model).filter((s) => callsEndpoint(s, "POST", "/api/v2/recording/jobs"));
      if (!creators.length) continue;
      const unknownThreads = creators.filter((s) => !s.group.threads.known);
      if (unknownThreads.length) {
        findings.push({
          address: attached.principal,
          severity: "unknown",
          message: `plan ${plan.file}: cannot count the bulk recording jobs created at once: ${unknownThreads.map((s) => `thread group "${capValue(s.group.name)}" has ${s.group.threads.text} threads (${(s.group.threads as { why: string }).why})`).join("; ")}.`,
        });
        continue;
      }
      // The first iteration of every thread creates its jobs at (nearly) the same time; jobs take a while.
      const atOnce = creators.reduce((n, s) => n + threadsOf(s) * (s.sampler.onceOnly ? 1 : s.sampler.perIteration), 0);
      const names = creators.map((s) => `${samplerLabel(plan, s.sampler, s.group.name)} x ${formatNumber(threadsOf(s))} thread(s)`).join(", ");
      if (atOnce > MAX) {
        findings.push({
          address: attached.principal,
          message: `plan ${plan.file}: ${names} create${creators.length === 1 ? "s" : ""} up to ${formatNumber(atOnce)} bulk recording jobs at once (POST /api/v2/recording/jobs); Genesys allows at most ${MAX} concurrent jobs per organization: the jobs above ${MAX} are refused (status code not documented).`,
        });
        continue;
      }
      const repeating = creators.filter((s) => !s.sampler.onceOnly && s.peak.perSecond > 0);
      const waits = samplersOf(model).some(
        (s) => s.match.kind === "endpoint" && s.match.endpoint.method === "GET" && s.match.endpoint.path.startsWith("/api/v2/recording/jobs/{jobId}"),
      );
      if (repeating.length && !waits) {
        const total = repeating.reduce((n, s) => n + s.sustained.perSecond, 0) * (model.duration.kind === "known" ? model.duration.seconds : 0);
        if (total > MAX) {
          findings.push({
            address: attached.principal,
            severity: "warning",
            message: `plan ${plan.file}: ${names} create${repeating.length === 1 ? "s" : ""} a job in every iteration (about ${formatNumber(Math.round(total))} jobs over the run) and never checks a job's state (GET /api/v2/recording/jobs/{jobId}): more than ${MAX} jobs pending or processing at a time are refused (status code not documented).`,
          });
        }
      }
    }
    return findings;
  },
};

function threadsOf(s: SamplerModel): number {
  return s.group.threads.known ? s.group.threads.value : 0;
}
