import { DOCUMENTED_LIMITS } from "../genesys/limits";
import { formatNumber } from "../model/quantity";
import { callsEndpoint, plansIn, samplerLabel, samplersOf } from "./support/loadtest";
import type { Rule, RuleFinding } from "../core/rule";

const MAX = DOCUMENTED_LIMITS.maxBatchDownloadItems;

export const planBatchDownloadOverLimit: Rule = {
  id: "GRG023",
  name: "plan-batch-download-over-limit",
  title: "JMeter plan asks for more than 100 recordings in one batch download request",
  severity: "error",
  httpStatus: null,
  outcome: "the batch request is refused (the 100-item limit is documented, the status code is not)",
  certainty: "likely",
  usesIntents: false,
  explanation:
    'A batch download request (POST /api/v2/recording/batchrequests, body {"batchDownloadRequestList": [{"conversationId", "recordingId"}, ...]}) may hold at most 100 items. The rule counts the items of each sampler\'s raw JSON body. Genesys documents the limit but not the HTTP status of the refusal, so this rule names none. A body built at run time (a variable, a script) cannot be counted and is reported as unknown.',
  remediation: "Split the list into requests of at most 100 items each (and remember that only the identity that submitted a batch can fetch its results).",
  sources: [
    "genesys/recording-endpoints.json: POST /api/v2/recording/batchrequests (at most 100 items per batch request)",
    "purecloud-platform-client-v2 262.0.0: BatchDownloadJobSubmission.batchDownloadRequestList",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, model } of plansIn(ctx)) {
      if (!model) continue;
      const plan = model.plan;
      for (const s of samplersOf(model)) {
        if (!callsEndpoint(s, "POST", "/api/v2/recording/batchrequests")) continue;
        const where = samplerLabel(plan, s.sampler, s.group.name);
        const counted = countItems(s.sampler.body);
        if (typeof counted === "string") {
          findings.push({
            address: attached.principal,
            severity: "unknown",
            message: `plan ${plan.file}: ${where} posts a batch download request whose items cannot be counted (${counted}); at most ${MAX} items are allowed per request.`,
          });
        } else if (counted > MAX) {
          findings.push({
            address: attached.principal,
            message: `plan ${plan.file}: ${where} posts a batch download request with ${formatNumber(counted)} items in batchDownloadRequestList; Genesys allows at most ${MAX} per request: the request is refused (status code not documented).`,
          });
        }
      }
    }
    return findings;
  },
};

/** Items in batchDownloadRequestList, or why they cannot be counted. */
export function countItems(body: string | undefined): number | string {
  if (body === undefined || !body.trim()) return "the sampler sends no raw body: it is built elsewhere (parameters, a script)";
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return body.includes("${") ? "the body is built at run time from JMeter variables or functions" : "the body is not JSON";
  }
  const list = (doc as { batchDownloadRequestList?: unknown } | null)?.batchDownloadRequestList;
  if (!Array.isArray(list)) return "the body has no batchDownloadRequestList array";
  return list.length;
}
