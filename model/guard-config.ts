// The project's config file (.recording-guard.yaml): one place for what the CLI, the GitHub
// Action, the pre-commit hook and the cdktf gate would otherwise each repeat.
import { z } from "zod";
import { ENFORCEMENT_LEVELS } from "./enforcement";

const RULE_ID = z.string().regex(/^GRG\d{3}$/, "expected a rule id such as GRG003");

export const GuardConfigSchema = z.strictObject({
  /** error | unknown | warning | info | never: the level at which a finding fails the run. */
  failOn: z.enum(["error", "unknown", "warning", "info", "never"]).optional(),
  rules: z
    .strictObject({
      /** Rules that do not run at all. */
      disable: z.array(RULE_ID).optional(),
    })
    .optional(),
  /** Per-rule enforcement: advisory | mandatory | hard (an intents file's own enforcement wins). */
  enforcement: z.record(RULE_ID, z.enum(ENFORCEMENT_LEVELS)).optional(),
  /** Paths (relative to the config file) whose root configurations are not audited. */
  skip: z.array(z.string().min(1)).optional(),
  /** The intents file and the org settings file, relative to the config file. */
  intents: z.string().min(1).optional(),
  org: z.string().min(1).optional(),
});

export type GuardConfigFile = z.infer<typeof GuardConfigSchema>;

/** A config file read, with its paths resolved against its directory. */
export interface GuardConfig {
  file: string;
  failOn?: GuardConfigFile["failOn"];
  disabled: string[];
  enforcement: NonNullable<GuardConfigFile["enforcement"]>;
  skip: string[];
  intents?: string;
  org?: string;
}

export const CONFIG_FILE_NAMES = [".recording-guard.yaml", ".recording-guard.yml"];
