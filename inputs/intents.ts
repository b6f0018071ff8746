// Intents say what each principal must be able to do with recordings. The CLI reads them from
// a JSON file; the app's constructs write the same format next to each synthesized stack.
import { z } from "zod";
import { CAPABILITY_NAMES, CapabilityName } from "../genesys/capabilities";
import { ENFORCEMENT_LEVELS } from "../policy/enforcement";
import { AcknowledgementSchema } from "./acknowledgements";
import { displayPath, parseWith, readJsonFile, readYamlFile } from "./validate";

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
      durationSeconds: z.number().int().positive(),
      requestsPerSecond: z.number().positive(),
      tokens: z.number().int().positive().default(1),
    })
    .optional(),
  /** Oldest recording the principal must still read, in days. */
  readsRecordingsUpToDays: z.number().int().positive().optional(),
  /** Where the intent was declared (construct path), for reports. */
  declaredBy: z.string().optional(),
});

const principalAddress = z
  .string()
  .regex(/^(genesyscloud_oauth_client|genesyscloud_user_roles|genesyscloud_group_roles)\.[A-Za-z0-9_-]+$/, "expected an address such as genesyscloud_oauth_client.loadtest");

export const IntentsSchema = z.strictObject({
  principals: z.record(principalAddress, PrincipalIntentSchema).default({}),
  /** Accepted findings, each with owner, reason and expiry (README: Acknowledgements). */
  acknowledgements: z.array(AcknowledgementSchema).optional(),
  /** Per-rule enforcement overrides: advisory | mandatory | hard. */
  enforcement: z.record(z.string().regex(/^GRG\d{3}$/, "expected a rule id such as GRG003"), z.enum(ENFORCEMENT_LEVELS)).optional(),
});

export type Intents = z.infer<typeof IntentsSchema>;
export type PrincipalIntent = z.infer<typeof PrincipalIntentSchema> & { capabilities: CapabilityName[] };

export function parseIntents(value: unknown, file: string): Intents {
  return parseWith(IntentsSchema, value, file);
}

/** Reads an intents file: JSON, or YAML when the name ends in .yaml / .yml. */
export function loadIntents(file: string): Intents {
  return parseIntents(/\.ya?ml$/i.test(file) ? readYamlFile(file) : readJsonFile(file), displayPath(file));
}

export const NO_INTENTS: Intents = { principals: {} };
