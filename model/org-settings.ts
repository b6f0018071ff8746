// The org settings file: what the stacks and the audit know about one Genesys Cloud org that
// the Terraform provider cannot tell them (it has no data source for limits or settings).
// A committed default per environment holds the documented Genesys defaults; `org:snapshot`
// (a later issue) fills it from the live API. Every block names the source of its values.
import { z } from "zod";
import { DOCUMENTED_LIMITS } from "../genesys/limits";

export const ORG_SETTINGS_FORMAT_VERSION = 1;

const sourced = <T extends z.ZodTypeAny>(values: T) => z.strictObject({ source: z.string().min(1), values });

export const OrgSettingsSchema = z.strictObject({
  formatVersion: z.literal(ORG_SETTINGS_FORMAT_VERSION),
  environment: z.string().min(1),
  provenance: z.strictObject({
    kind: z.enum(["documented-defaults", "snapshot"]),
    capturedAt: z.iso.date().or(z.iso.datetime()),
    region: z.string().min(1).nullable(),
    orgId: z.string().min(1).nullable(),
    orgName: z.string().min(1).nullable(),
    notes: z.string().optional(),
  }),
  limits: z.record(z.string().min(1), sourced(z.record(z.string().min(1), z.number().nonnegative()))),
  recordingSettings: sourced(z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()]))).nullable(),
  permissionCatalogue: z
    .strictObject({ source: z.string().min(1), permissions: z.array(z.string().regex(/^[^:\s]+:[^:\s]+:[^:\s]+$/, "expected domain:entity:action")) })
    .nullable(),
  divisions: z
    .strictObject({
      source: z.string().min(1),
      items: z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(1), home: z.boolean() })),
    })
    .nullable(),
  oauthScopes: z.strictObject({ source: z.string().min(1), names: z.array(z.string().min(1)) }).nullable(),
  /**
   * The access-policy targets (domain:entity:action) the org offers, from GET
   * /api/v2/authorization/policies/targets; absent or null when not read (older files, no ABAC).
   */
  accessPolicyTargets: z
    .strictObject({ source: z.string().min(1), names: z.array(z.string().min(1)) })
    .nullable()
    .optional(),
  /**
   * The org-wide IP address allowlist (GET /api/v2/organizations/authentication/settings,
   * ipAddressAllowlist): empty means no restriction; absent or null when not read.
   */
  ipAddressAllowlist: z
    .strictObject({ source: z.string().min(1), ranges: z.array(z.string().min(1)) })
    .nullable()
    .optional(),
});

export type OrgSettingsFile = z.infer<typeof OrgSettingsSchema>;

export interface OrgSettings extends OrgSettingsFile {
  /** Where the settings were read from, relative to the working directory. */
  file: string;
}

export interface RateLimit {
  perMinute: number;
  key: string;
  namespace: string;
  source: string;
}

/**
 * The per-token request limit that applies to a grant type: client-credentials tokens have
 * their own key; other grants use the general token key. Falls back to the other key, then to
 * the documented default, and says which one it used. `shownFile` names the org settings file in
 * the source (default: as loaded; the stacks pass the path as the environment file writes it, so
 * synthesized output does not depend on the machine's directories).
 */
export function tokenRateLimit(org: OrgSettings | undefined, grantType = "CLIENT-CREDENTIALS", shownFile = org?.file): RateLimit {
  const keys = DOCUMENTED_LIMITS.tokenRateKeys;
  const preferred = grantType === "CLIENT-CREDENTIALS" ? [keys.clientCredentials, keys.other] : [keys.other, keys.clientCredentials];
  const block = org?.limits["platform.api"];
  for (const key of preferred) {
    const value = block?.values[key];
    if (value !== undefined) return { perMinute: value, key, namespace: "platform.api", source: `${shownFile} (${block!.source})` };
  }
  return {
    perMinute: DOCUMENTED_LIMITS.tokenRatePerMinute,
    key: preferred[0],
    namespace: "platform.api",
    source: "documented default: 300 requests per minute per OAuth token",
  };
}
