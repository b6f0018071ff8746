// Rules about load-test plans attached to principals (JMeter .jmx, nginx limit_req in front of
// Genesys): what the run will meet before it starts, 429, 401, 403, the documented bulk limits,
// paths that are not Genesys endpoints, and a rate-limiting proxy set above or below the run.
import type { Rule } from "../core/rule";
import { planRateAboveTokenLimit } from "./grg019-plan-rate-above-token-limit";
import { planOutlivesToken } from "./grg020-plan-outlives-token";
import { planSamplerMissingPermission } from "./grg021-plan-sampler-missing-permission";
import { planBulkJobsOverLimit } from "./grg022-plan-bulk-jobs-over-limit";
import { planBatchDownloadOverLimit } from "./grg023-plan-batch-download-over-limit";
import { planPathNotGenesysEndpoint } from "./grg024-plan-path-not-genesys-endpoint";
import { proxyLimitAboveTokenLimit } from "./grg025-proxy-limit-above-token-limit";
import { proxyLimitBelowPlanRate } from "./grg026-proxy-limit-below-plan-rate";
import { planFetchesExpiredMediaUrl } from "./grg036-plan-fetches-expired-media-url";

export const LOADTEST_RULES: readonly Rule[] = [
  planRateAboveTokenLimit,
  planOutlivesToken,
  planSamplerMissingPermission,
  planBulkJobsOverLimit,
  planBatchDownloadOverLimit,
  planPathNotGenesysEndpoint,
  proxyLimitAboveTokenLimit,
  proxyLimitBelowPlanRate,
  planFetchesExpiredMediaUrl,
];
