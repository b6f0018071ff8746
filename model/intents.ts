// Intents say what each principal must be able to do with recordings: the schema and the types
// the rules see. The CLI reads them from a JSON or YAML file (readers/intents.ts); the app's
// constructs write the same format next to each synthesized stack.
import { z } from "zod";
import { CAPABILITY_NAMES, CapabilityName } from "../genesys/capabilities";
import { ENFORCEMENT_LEVELS } from "./enforcement";
import { AcknowledgementSchema } from "./acknowledgements";
import { parseIpRange } from "./ip-range";

const PrincipalIntentSchema = z.strictObject({
  capabilities: z
    .array(z.enum(CAPABILITY_NAMES, { error: (iss) => `unknown capability ${JSON.stringify(iss.input)}; known: ${CAPABILITY_NAMES.join(", ")}` }))
    .min(1),
  /** "*", "home", a division address (genesyscloud_auth_division.x) or a division id. */
  divisions: z.array(z.string().min(1)).min(1).default(["home"]),
  /** Queue addresses or ids whose conversations the principal must reach. */
  queues: z.array(z.string().min(1)).optional(),
  run: z
    .strictObject({
      durationSeconds: z.number().int().positive().optional(),
      requestsPerSecond: z.number().positive().optional(),
      tokens: z.number().int().positive().default(1),
      /**
       * The user a run with a user grant (not client credentials) logs in as: a genesyscloud_user
       * address or a user id. Runs naming the same user have their requests summed against the
       * per-user limits (GRG033).
       */
      user: z.string().min(1).optional(),
      /** A JMeter plan (.jmx), relative to the intents file: the run's rates and duration come from it. */
      jmeter: z.string().min(1).optional(),
      /** An nginx configuration rate-limiting the run's requests to Genesys, relative to the intents file. */
      nginx: z.string().min(1).optional(),
    })
    .refine((r) => r.jmeter !== undefined || (r.durationSeconds !== undefined && r.requestsPerSecond !== undefined), {
      error: "give durationSeconds and requestsPerSecond, or a JMeter plan (jmeter)",
    })
    .optional(),
  /** Oldest recording the principal must still read, in days. */
  readsRecordingsUpToDays: z.number().int().positive().optional(),
  /**
   * Where the principal's calls come from: IPv4 / IPv6 addresses or CIDR ranges (the load
   * generator, the CI runner). Checked against the org's IP allowlist (GRG035).
   */
  callersFrom: z
    .array(
      z.string().refine((s) => parseIpRange(s) !== undefined, { error: (iss) => `expected an IP address or CIDR range, got ${JSON.stringify(iss.input)}` }),
    )
    .min(1)
    .optional(),
  /** Where the intent was declared (construct path), for reports. */
  declaredBy: z.string().optional(),
});

const principalAddress = z
  .string()
  .regex(
    /^(module\.[A-Za-z0-9_-]+(\[(\d+|"[^"\\]*")\])?\.)*(genesyscloud_oauth_client|genesyscloud_user_roles|genesyscloud_group_roles)\.[A-Za-z0-9_-]+(\[(\d+|"[^"\\]*")\])?$/,
    'expected an address such as genesyscloud_oauth_client.loadtest (or module.m.genesyscloud_oauth_client.loadtest, or an instance: genesyscloud_oauth_client.c[0], genesyscloud_oauth_client.c["a"])',
  );

export const IntentsSchema = z.strictObject({
  principals: z.record(principalAddress, PrincipalIntentSchema).default({}),
  /** Accepted findings, each with owner, reason and expiry (README: Acknowledgements). */
  acknowledgements: z.array(AcknowledgementSchema).optional(),
  /** Per-rule enforcement overrides: advisory | mandatory | hard. */
  enforcement: z.record(z.string().regex(/^GRG\d{3}$/, "expected a rule id such as GRG003"), z.enum(ENFORCEMENT_LEVELS)).optional(),
});

export type Intents = z.infer<typeof IntentsSchema>;
/** An intent as written: its run may name a JMeter plan instead of a rate and a duration. */
export type DeclaredPrincipalIntent = z.infer<typeof PrincipalIntentSchema>;
/** A run with an explicit rate and duration (what the intent-based 401 / 429 rules check). */
export interface ExplicitRun {
  durationSeconds: number;
  requestsPerSecond: number;
  tokens: number;
  nginx?: string;
  user?: string;
}
/** An intent as rules see it: `run` only when it is explicit; plan-backed runs reach rules as load plans. */
export type PrincipalIntent = Omit<DeclaredPrincipalIntent, "run" | "capabilities"> & { capabilities: CapabilityName[]; run?: ExplicitRun };

/** The rules' view of a declared intent: a run that names a JMeter plan is checked through the plan instead. */
export function ruleIntent(declared: DeclaredPrincipalIntent): PrincipalIntent {
  const run = declared.run;
  if (!run || (run.jmeter === undefined && run.durationSeconds !== undefined && run.requestsPerSecond !== undefined)) return declared as PrincipalIntent;
  const { run: _planBacked, ...rest } = declared;
  return rest as PrincipalIntent;
}

export const NO_INTENTS: Intents = { principals: {} };
