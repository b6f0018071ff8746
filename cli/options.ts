// Command-line options of `npm run audit`, parsed with node's util.parseArgs.
import { parseArgs } from "util";
import type { FailOn } from "../policy/finding";
import { isIsoDate } from "../inputs/validate";
import { FORMAT_NAMES, FORMATS, type Format } from "../reporters/formats";

export interface AuditOptions {
  paths: string[];
  intents?: string;
  org?: string;
  format: Format;
  failOn: FailOn;
  output?: string;
  environment?: "test" | "production";
  /** YYYY-MM-DD against which acknowledgement expiry is judged. */
  today?: string;
  bundle?: string;
  /** Load-test shortcut: a JMeter plan and/or nginx configuration used by one principal. */
  jmeter?: string;
  nginx?: string;
  principal?: string;
  tokens?: number;
  help: boolean;
}

export class UsageError extends Error {}

export const FAIL_ON: readonly FailOn[] = ["error", "unknown", "warning", "info", "never"];

export const HELP = `Usage: npm run audit -- [options] <path...>

Audits Genesys Cloud Terraform configuration for settings known to make the recordings API
answer 403, 401, 429 or return no recordings. Paths are files or directories: Terraform JSON
(*.tf.json, cdktf's cdk.tf.json), HCL (*.tf) and plan JSON (terraform show -json plan > plan.json),
detected by name and content.

Options:
  --intents FILE        what each principal must be able to do (JSON; format in the README)
  --org FILE            org settings file (limits, permission catalogue, divisions); default:
                        the documented Genesys defaults (300 requests per minute per token)
  --environment KIND    test | production: enables test-environment hygiene rules
  --format FORMAT       ${FORMAT_NAMES.join(" | ")}:
${FORMAT_NAMES.map((f) => `                          ${f.padEnd(9)} ${FORMATS[f].description}`).join("\n")}
  --output FILE         write the report to FILE instead of standard output
  --bundle DIR          write the evidence bundle (every format plus a manifest of input
                        and output digests) into DIR; replaces DIR as a whole (DIR must be
                        new, empty or a previous bundle)
  --today YYYY-MM-DD    judge acknowledgement expiry on this date (default: today, UTC);
                        set it for byte-identical reports across days
  --jmeter FILE         a JMeter plan (.jmx) run with --principal's token (429/401/403 checks)
  --nginx FILE          an nginx configuration whose limit_req sits in front of Genesys
  --principal ADDRESS   the principal the plan runs as, e.g. genesyscloud_oauth_client.loadtest
  --tokens N            OAuth tokens the plan spreads its load over (default 1)
  --fail-on LEVEL       error (default) | unknown | warning | info | never:
                        exit 1 when a finding is at or above LEVEL
                        (severity order: error > unknown > warning > info); hard-enforced
                        rules fail at any level but never; advisory ones never fail
  -h, --help            show this help

Load-test budget:
  npm run audit -- budget --principal ADDRESS (--jmeter FILE | --intents FILE)
                  [--target-rps N] [--tokens N] [--org FILE] [path...]
  prints the safe Constant Throughput Timer value and mode for the plan's thread model.

Exit status: 0 nothing at or above the fail level, 1 findings at or above it,
2 bad input or usage (one line naming the file and what is wrong).
`;

type ArgSpec = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/** util.parseArgs, strict, with its errors turned into one-line usage errors. */
export function parseCliArgs<T extends ArgSpec>(argv: readonly string[], options: T, prefix = "") {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new UsageError(`${prefix}${(err as Error).message.split("\n")[0]}`);
  }
}

export function parseAuditArgs(argv: readonly string[]): AuditOptions {
  const parsed = parseCliArgs(argv, {
    intents: { type: "string" },
    org: { type: "string" },
    environment: { type: "string" },
    format: { type: "string", default: "text" },
    output: { type: "string" },
    bundle: { type: "string" },
    jmeter: { type: "string" },
    nginx: { type: "string" },
    principal: { type: "string" },
    tokens: { type: "string" },
    today: { type: "string" },
    "fail-on": { type: "string", default: "error" },
    help: { type: "boolean", short: "h", default: false },
  });
  const v = parsed.values;
  const format = v.format as Format;
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`--format: expected one of ${FORMAT_NAMES.join(", ")}, got "${v.format}"`);
  if (v.today !== undefined && !isIsoDate(v.today)) throw new UsageError(`--today: expected a date YYYY-MM-DD, got "${v.today}"`);
  const failOn = v["fail-on"] as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on: expected one of ${FAIL_ON.join(", ")}, got "${v["fail-on"]}"`);
  if (v.environment !== undefined && v.environment !== "test" && v.environment !== "production") {
    throw new UsageError(`--environment: expected test or production, got "${v.environment}"`);
  }
  if (!v.help && parsed.positionals.length === 0) throw new UsageError("name at least one file or directory to audit (see --help)");
  if ((v.jmeter !== undefined || v.nginx !== undefined) && v.principal === undefined) {
    throw new UsageError("--jmeter and --nginx need --principal ADDRESS: the principal whose token the plan uses");
  }
  const tokens = v.tokens === undefined ? undefined : positiveInteger("--tokens", v.tokens);
  return {
    paths: parsed.positionals,
    intents: v.intents,
    org: v.org,
    format,
    failOn,
    output: v.output,
    environment: v.environment as AuditOptions["environment"],
    today: v.today,
    bundle: v.bundle,
    jmeter: v.jmeter,
    nginx: v.nginx,
    principal: v.principal,
    tokens,
    help: v.help ?? false,
  };
}

export function positiveInteger(option: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`${option}: expected a whole number, at least 1, got "${text}"`);
  return n;
}
