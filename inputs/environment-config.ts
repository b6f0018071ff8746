// Typed, validated environment configuration: one file per environment under
// config/environments/, one stack per environment, named after it.
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { CAPABILITY_NAMES, missingCompanion } from "../genesys/capabilities";
import { AcknowledgementSchema } from "./acknowledgements";
import { DOCUMENTED_LIMITS } from "../genesys/limits";
import { InputError } from "./input-error";
import { describeFsError, displayPath, isFile, parseWith, readJsonFile } from "./validate";

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
  capabilities: z.array(z.enum(CAPABILITY_NAMES, { error: (iss) => `unknown capability ${JSON.stringify(iss.input)}; known: ${CAPABILITY_NAMES.join(", ")}` })).min(1),
  /** "home", "*", or the key of a division declared under `divisions`. */
  divisions: z.array(z.string().min(1)).min(1).default(["home"]),
  /** Queue ids the account must reach (checked against permission conditions). */
  queues: z.array(z.string().min(1)).optional(),
  tokenLifetimeSeconds: z
    .number()
    .int()
    .min(DOCUMENTED_LIMITS.tokenValiditySeconds.min, `at least ${DOCUMENTED_LIMITS.tokenValiditySeconds.min} s: the provider refuses shorter token lifetimes`)
    .max(DOCUMENTED_LIMITS.tokenValiditySeconds.max, `at most ${DOCUMENTED_LIMITS.tokenValiditySeconds.max} s (48 h): the provider refuses longer token lifetimes`)
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
  audioFormat: z.string().regex(/^audio\/[A-Za-z0-9.+-]+$/, 'expected a MIME type such as "audio/opus"').optional(),
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
    .refine((p) => !path.isAbsolute(p) && !/^[A-Za-z]:[\\/]/.test(p), "must be a relative path (an absolute path would put this machine's layout into the synthesized JSON)")
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

export function loadEnvironmentConfig(file: string): EnvironmentConfig {
  const shown = displayPath(file);
  const config = parseWith(EnvironmentConfigSchema, readJsonFile(file), shown);
  checkCrossReferences(config, shown);
  const expected = path.basename(file, ".json");
  if (config.name !== expected) throw new InputError(shown, "name", `must match the file name ("${expected}")`);
  const dir = path.dirname(path.resolve(file));
  config.serviceAccounts.forEach((account, i) => {
    for (const key of ["jmeter", "nginx"] as const) {
      const relative = account.loadTest?.[key];
      if (relative !== undefined && !isFile(path.resolve(dir, relative))) {
        throw new InputError(shown, `serviceAccounts[${i}].loadTest.${key}`, `${relative}: no such file (paths are relative to the environment file)`);
      }
    }
  });
  const orgSettingsFile = path.resolve(dir, config.orgSettings);
  // A missing file is this file's mistake (its field names it); anything else the org reader says.
  if (!fs.existsSync(orgSettingsFile)) throw new InputError(shown, "orgSettings", `${config.orgSettings}: no such file (paths are relative to the environment file)`);
  return { ...config, file: shown, dir, orgSettingsFile };
}

function checkCrossReferences(config: z.infer<typeof EnvironmentConfigSchema>, file: string): void {
  for (const media of ["call", "chat", "email", "message", "screen"] as const) {
    const r = config.retention[media];
    if (r?.archiveAfterDays !== undefined && r.deleteAfterDays !== undefined && r.archiveAfterDays >= r.deleteAfterDays) {
      throw new InputError(file, `retention.${media}.archiveAfterDays`, `must be less than deleteAfterDays (${r.deleteAfterDays})`);
    }
  }
  if (config.retention.screen && !config.retention.call) {
    throw new InputError(file, "retention.screen", "screen recordings are started by the call policy: declare retention.call too");
  }
  const seen = new Set<string>();
  config.serviceAccounts.forEach((account, i) => {
    if (seen.has(account.name)) throw new InputError(file, `serviceAccounts[${i}].name`, `duplicate service account "${account.name}"`);
    seen.add(account.name);
    for (const field of ["capabilities", "divisions"] as const) {
      const list: readonly string[] = account[field];
      const again = list.findIndex((v, j) => list.indexOf(v) !== j);
      if (again >= 0) throw new InputError(file, `serviceAccounts[${i}].${field}[${again}]`, `"${list[again]}" is listed twice`);
    }
    const missing = missingCompanion(account.capabilities);
    if (missing) {
      throw new InputError(file, `serviceAccounts[${i}].capabilities`, `${missing.capability} also needs ${missing.needs} (its endpoints require a view permission): add it`);
    }
    account.divisions.forEach((division, j) => {
      if (division !== "home" && division !== "*" && !Object.prototype.hasOwnProperty.call(config.divisions, division)) {
        throw new InputError(file, `serviceAccounts[${i}].divisions[${j}]`, `"${division}" is not "home", "*" or a key of divisions`);
      }
    });
  });
  const trunks = new Set<string>();
  config.trunks.forEach((trunk, i) => {
    if (trunks.has(trunk.name)) throw new InputError(file, `trunks[${i}].name`, `duplicate trunk "${trunk.name}"`);
    trunks.add(trunk.name);
  });
}

/** The environment files the app synthesizes, sorted by name; at least one. */
export function environmentFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    throw new InputError(displayPath(dir), undefined, `cannot read the environments directory (${describeFsError(err)})`);
  }
  const files = names.filter((f) => f.endsWith(".json")).sort();
  if (!files.length) throw new InputError(displayPath(dir), undefined, "no environment files (*.json): nothing to synthesize");
  return files.map((f) => path.join(dir, f));
}
