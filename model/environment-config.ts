// Typed, validated environment configuration: one file per environment under
// config/environments/, one stack per environment, named after it.
import { z } from "zod";
import * as path from "path";
import { CAPABILITY_NAMES } from "../genesys/capabilities";
import { DOCUMENTED_LIMITS } from "../genesys/limits";
import { AcknowledgementSchema } from "./acknowledgements";

const name = z.string().regex(/^[a-z][a-z0-9-]*$/, "expected lower-case letters, digits and dashes, starting with a letter");
const days = z.number().int("expected whole days").positive("expected a positive number of days");

const retentionDays = z.strictObject({
  /** Archive after this many days (CLOUDARCHIVE storage). */
  archiveAfterDays: days.optional(),
  /** Delete after this many days; omitted means the recordings are kept (no deletion period). */
  deleteAfterDays: days.optional(),
});

const SCREEN_MAX_DAYS = DOCUMENTED_LIMITS.screenRecordingRetentionMaxDays;

const RetentionSchema = z.strictObject({
  policyName: z.string().min(1),
  description: z.string().optional(),
  /** Media types the policy covers, each with its own retention. */
  call: retentionDays.optional(),
  chat: retentionDays.optional(),
  email: retentionDays.optional(),
  message: retentionDays.optional(),
  /** Screen recordings started for calls; Genesys caps their retention at 365 days. */
  screen: z
    .strictObject({
      archiveAfterDays: days.max(SCREEN_MAX_DAYS, `Genesys Cloud keeps screen recordings at most ${SCREEN_MAX_DAYS} days`).optional(),
      deleteAfterDays: days.max(SCREEN_MAX_DAYS, `Genesys Cloud keeps screen recordings at most ${SCREEN_MAX_DAYS} days`),
      recordAfterCallWork: z.boolean().optional(),
    })
    .optional(),
});

const DivisionSchema = z.strictObject({
  /** Division name in Genesys Cloud. */
  name: z.string().min(1),
  /** true: this stack creates the division; false: it is looked up by name. */
  manage: z.boolean().default(false),
  description: z.string().optional(),
});

const RunSchema = z.strictObject({
  durationSeconds: z.number().int().positive(),
  requestsPerSecond: z.number().positive(),
  tokens: z.number().int().positive().default(1),
});

const ServiceAccountSchema = z.strictObject({
  name,
  description: z.string().optional(),
  capabilities: z
    .array(z.enum(CAPABILITY_NAMES, { error: (iss) => `unknown capability ${JSON.stringify(iss.input)}; known: ${CAPABILITY_NAMES.join(", ")}` }))
    .min(1),
  /** "home", "*", or the key of a division declared under `divisions`. */
  divisions: z.array(z.string().min(1)).min(1).default(["home"]),
  /** Queue ids the account must reach (checked against permission conditions). */
  queues: z.array(z.string().min(1)).optional(),
  tokenLifetimeSeconds: z
    .number()
    .int()
    .min(DOCUMENTED_LIMITS.tokenValiditySeconds.min, `at least ${DOCUMENTED_LIMITS.tokenValiditySeconds.min} s: the provider refuses shorter token lifetimes`)
    .max(
      DOCUMENTED_LIMITS.tokenValiditySeconds.max,
      `at most ${DOCUMENTED_LIMITS.tokenValiditySeconds.max} s (48 h): the provider refuses longer token lifetimes`,
    )
    .default(DOCUMENTED_LIMITS.tokenValiditySeconds.default),
  run: RunSchema.optional(),
  /** Oldest recording the account must still read, in days (checked against retention). */
  readsRecordingsUpToDays: days.optional(),
  /** A JMeter plan run with this account's token, and the nginx limit in front of it; paths relative to this file. */
  loadTest: z
    .strictObject({
      jmeter: z.string().min(1),
      nginx: z.string().min(1).optional(),
      /** OAuth tokens the plan spreads its requests over (default: run.tokens, else 1). */
      tokens: z.number().int().positive().optional(),
    })
    .optional(),
  /** Findings on this account accepted on purpose (e.g. a soak test that provokes 429): target is the account. */
  acknowledgements: z.array(AcknowledgementSchema.omit({ target: true })).optional(),
});

const TrunkRecordingSchema = z.strictObject({
  enabled: z.boolean(),
  consentRequired: z.boolean().optional(),
  dualChannel: z.boolean().optional(),
  audioFormat: z
    .string()
    .regex(/^audio\/[A-Za-z0-9.+-]+$/, 'expected a MIME type such as "audio/opus"')
    .optional(),
  consultRecordingEnabled: z.boolean().optional(),
  disallowRecordingDuringHold: z.boolean().optional(),
  levelControlEnabled: z.boolean().optional(),
  externalTransfersEnabled: z.boolean().optional(),
  beep: z
    .strictObject({
      enabled: z.boolean(),
      amplitude: z.number().optional(),
      duration: z.number().optional(),
      frequency: z.number().optional(),
      interval: z.number().optional(),
      tone2Amplitude: z.number().optional(),
      tone2Frequency: z.number().optional(),
    })
    .optional(),
});

const TrunkSchema = z.strictObject({
  name,
  description: z.string().optional(),
  /** The site that receives inbound calls: an id, or a site name looked up with the data source. */
  inboundSite: z.union([z.strictObject({ id: z.string().min(1) }), z.strictObject({ name: z.string().min(1) })], {
    error: 'expected {"id": "<site id>"} or {"name": "<site name>"}',
  }),
  recording: TrunkRecordingSchema,
  /** Put the trunk on this edge group (creates genesyscloud_telephony_providers_edges_trunk). */
  edgeGroupId: z.string().min(1).optional(),
});

export const EnvironmentConfigSchema = z.strictObject({
  name,
  /** Genesys Cloud region of the org, e.g. us-east-1 (the provider's aws_region). */
  region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/, "expected a region such as us-east-1"),
  /** The org settings file, relative to this file. */
  orgSettings: z.string().min(1),
  /** A test environment: retention that never deletes is flagged as hygiene. */
  kind: z.enum(["test", "production"]),
  /** The Terraform state file for the local backend, relative to the stack's directory. */
  stateFile: z
    .string()
    .min(1)
    .refine(
      (p) => !path.isAbsolute(p) && !/^[A-Za-z]:[\\/]/.test(p),
      "must be a relative path (an absolute path would put this machine's layout into the synthesized JSON)",
    )
    .optional(),
  retention: RetentionSchema,
  divisions: z.record(name, DivisionSchema).default({}),
  serviceAccounts: z.array(ServiceAccountSchema).default([]),
  trunks: z.array(TrunkSchema).default([]),
});

export type EnvironmentConfig = z.infer<typeof EnvironmentConfigSchema> & {
  file: string;
  orgSettingsFile: string;
  /** The environment file's directory (absolute): loadTest paths are relative to it. */
  dir: string;
};
export type ServiceAccountConfig = z.infer<typeof ServiceAccountSchema>;
export type TrunkConfig = z.infer<typeof TrunkSchema>;
export type TrunkRecordingConfig = z.infer<typeof TrunkRecordingSchema>;
export type RetentionConfig = z.infer<typeof RetentionSchema>;
export type RetentionDays = z.infer<typeof retentionDays>;
