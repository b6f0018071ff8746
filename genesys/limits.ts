// Documented Genesys Cloud limits (genesys/README.md "Rate limits", "Permissions, roles, divisions").
export const DOCUMENTED_LIMITS = {
  /** Requests per minute per OAuth token (platform.api namespace); 429 above it. */
  tokenRatePerMinute: 300,
  tokenRateKeys: {
    clientCredentials: "client.credentials.token.rate.per.minute",
    other: "token.rate.per.minute",
  },
  /**
   * Per-user limits (platform.api namespace), which client-credentials tokens are not subject to:
   * one user across all tokens of one OAuth client, and one user across all clients. The figure
   * assumed without the org's own value: 3000 per a Genesys staff post quoting the limits page;
   * one non-staff answer says 300, so without a snapshot findings are "likely" above 3000 and
   * "possible" between 300 and 3000 (genesys/README.md, "Rate limits in layers").
   */
  userRateKeys: { perApp: "org.app.user.rate.per.minute", acrossApps: "org.user.rate.per.minute" },
  userRateAssumedPerMinute: 3000,
  userRateLowerReadingPerMinute: 300,
  /** access_token_validity_seconds bounds and default (provider docs). */
  tokenValiditySeconds: { min: 300, max: 172800, default: 86400 },
  /**
   * How long recording media URLs live, in minutes: playback URLs (mediaUris of a recording) and
   * batch-download result URLs, org settings recordingPlaybackUrlTtl / recordingBatchDownloadUrlTtl
   * (GET /api/v2/recording/settings; 2..60, default 60). What an expired URL answers is not documented
   * (genesys/README.md "Recording URL lifetimes").
   */
  mediaUrlTtlMinutes: { min: 2, max: 60, default: 60 },
  mediaUrlTtlKeys: { playback: "recordingPlaybackUrlTtl", batch: "recordingBatchDownloadUrlTtl" },
  maxConcurrentBulkJobs: 2,
  maxBatchDownloadItems: 100,
  screenRecordingRetentionMaxDays: 365,
} as const;

export const SOURCES = {
  endpoints: "genesys/recording-endpoints.json (Genesys Cloud platform SDK 262.0.0 API docs)",
  facts: "genesys/README.md",
  providerSchema: "genesys/provider-schema.json (terraform-provider-genesyscloud v1.84.1)",
  rateLimits: "Genesys Cloud developer docs: API rate limits (300 requests per minute per OAuth token), genesys/README.md",
} as const;
