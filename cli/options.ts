// Command-line options of `npm run audit`, parsed with node's util.parseArgs.
import { constraintMatcher } from "../genesys/provider-versions";
import { parseArgs } from "util";
import type { FailOn } from "../core/finding";
import { TOOL } from "../core/tool";
import { isIsoDate } from "../readers/validate";
import { FORMAT_NAMES, FORMATS, type Format } from "../reporters/formats";

export interface AuditOptions {
  paths: string[];
  intents?: string;
  org?: string;
  format: Format;
  failOn: FailOn;
  /** --fail-on was given (over the config file's failOn). */
  failOnGiven?: boolean;
  /** --config FILE: the config file (default: the nearest .recording-guard.yaml above the first path). */
  config?: string;
  output?: string;
  environment?: "test" | "production";
  /** YYYY-MM-DD against which acknowledgement expiry is judged. */
  today?: string;
  /** --provider-version: the genesyscloud provider version or constraint to check against. */
  providerVersion?: string;
  bundle?: string;
  /** --baseline FILE: report and fail only on findings not in it. */
  baseline?: string;
  /** --create-baseline FILE: record today's findings there. */
  createBaseline?: string;
  /** --var-file FILE and --var NAME=VALUE, in the order given (Terraform's precedence: later wins). */
  variables: ({ kind: "file"; file: string } | { kind: "var"; text: string })[];
  /** Load-test shortcut: a JMeter plan and/or nginx configuration used by one principal. */
  jmeter?: string;
  nginx?: string;
  principal?: string;
  tokens?: number;
  help: boolean;
  /** --version: print VERSION_TEXT and exit 0 (cli/audit.ts answers it before runAudit). */
  version: boolean;
}

export class UsageError extends Error {}

export const FAIL_ON: readonly FailOn[] = ["error", "unknown", "warning", "info", "never"];

/** What --version prints, for every command (audit, budget, synth, org:snapshot). */
export const VERSION_TEXT = `${TOOL.name} ${TOOL.version}\n`;

/** Most OAuth tokens a plan may be spread over (--tokens): far beyond any real run, and a safe integer. */
export const MAX_TOKENS = 1_000_000;

export const HELP = `Usage: genesys-recording-guard audit [options] <path...>
       (in a clone of the repository: npm run audit -- [options] <path...>)

Audits Genesys Cloud Terraform configuration for settings known to make the recordings API
answer 403, 401, 429 or return no recordings. Paths are files or directories: Terraform JSON
(*.tf.json, cdktf's cdk.tf.json), HCL (*.tf), OpenTofu's *.tofu and *.tofu.json (read instead of
the .tf of the same name, as OpenTofu does) and plan JSON (terraform show -json plan > plan.json),
detected by name and content. Each root configuration found (a directory no module call uses as
its source, or a plan JSON file) is audited on its own; findings name their configuration when
there are several. A root that cannot be read is one error line; the others are still reported.

Options:
  --intents FILE        what each principal must be able to do (JSON; format in the README)
  --org FILE            org settings file (limits, URL lifetimes, permission catalogue,
                        divisions, access-policy targets); default:
                        the documented Genesys defaults (300 requests per minute per token)
  --environment KIND    test | production: enables test-environment hygiene rules
  --format FORMAT       ${FORMAT_NAMES.join(" | ")}:
${FORMAT_NAMES.map((f) => `                          ${f.padEnd(9)} ${FORMATS[f].description}`).join("\n")}
  --output FILE         write the report to FILE instead of standard output
  --bundle DIR          write the evidence bundle (every format plus a manifest of input
                        and output digests) into DIR; replaces DIR as a whole (DIR must be
                        new, empty or a previous bundle)
  --today YYYY-MM-DD    judge acknowledgement expiry and dated facts (the implicit grant's
                        sunset, GRG029) on this date (default: today, UTC);
                        set it for byte-identical reports across days
  --provider-version V  check against provider version V (or a constraint such as
                        "~> 1.53.0") instead of what .terraform.lock.hcl or
                        required_providers name (default: those; else the newest known)
  --jmeter FILE         a JMeter plan (.jmx) run with --principal's token (429/401/403
                        checks, media URLs fetched after they expire)
  --nginx FILE          an nginx configuration whose limit_req sits in front of Genesys
  --principal ADDRESS   the principal the plan runs as, e.g. genesyscloud_oauth_client.loadtest
                        (with --jmeter or --nginx only)
  --tokens N            OAuth tokens the plan spreads its load over (default 1; at most
                        ${MAX_TOKENS}; with --jmeter or --nginx only)
  --var-file FILE       variable values (HCL or JSON .tfvars), as terraform plan -var-file; may repeat
  --var NAME=VALUE      one variable value, as terraform plan -var; may repeat. Precedence as
                        Terraform's: defaults < TF_VAR_* < terraform.tfvars < *.auto.tfvars <
                        --var-file and --var in the order given; findings name the source
  --create-baseline FILE  record today's findings in FILE (rule, configuration, address,
                        attribute; no line numbers), report as usual and exit 0
  --baseline FILE       report and fail only on findings not in FILE; say how many it covered
                        and list its entries that no longer occur
  --config FILE         the config file (failOn, rules.disable, enforcement, skip, intents, org);
                        default: the nearest .recording-guard.yaml above the first path, up to
                        the repository root. Options given here win over it
  --fail-on LEVEL       error (default) | unknown | warning | info | never:
                        exit 1 when a finding is at or above LEVEL
                        (severity order: error > unknown > warning > info); hard-enforced
                        rules fail at any level but never; advisory ones never fail
  -h, --help            show this help
      --version         print the version

Each option is given at most once, and never with an empty value. A value may start with "-"
(--intents -plan.json); "-" alone is standard input (JSON, read once: --intents - or one path -).
A path to audit that starts with "-" goes after --, which ends the options:
  npm run audit -- --format json -- -main.tf.json

Load-test budget:
  npm run audit -- budget --principal ADDRESS (--jmeter FILE | --intents FILE)
                  [--target-rps N] [--tokens N] [--org FILE] [path...]
  prints the safe Constant Throughput Timer value and mode for the plan's thread model and
  how long its media URLs live (npm run audit -- budget --help).

Provider upgrade:
  npm run audit -- upgrade --to VERSION [options] <path...>
  what bumping the provider to VERSION breaks, per resource, and the findings that appear or
  vanish (npm run audit -- upgrade --help).

Exit status: 0 nothing at or above the fail level, 1 findings at or above it,
2 bad input or usage (one line naming the file and what is wrong).
`;

export const BUDGET_HELP = `Usage: npm run audit -- budget --principal ADDRESS (--jmeter FILE | --intents FILE)
                  [--target-rps N] [--tokens N] [--org FILE] [--] [path...]

Prints the safe Constant Throughput Timer value and mode for a JMeter plan's thread model:
the most it may send on one token without answering 429 (the org's per-token limit), and how
long its recording media URLs live: the longest safe delay before fetching them, and the
delay of each fetch the plan makes.

Options:
  --principal ADDRESS   the principal whose token the plan uses (required),
                        e.g. genesyscloud_oauth_client.loadtest
  --jmeter FILE         the JMeter plan (.jmx)
  --intents FILE        intents whose run.jmeter names the plan (and run.tokens the tokens)
  --org FILE            org settings file; default: the documented Genesys defaults
  --tokens N            OAuth tokens the plan spreads its load over, 1 to ${MAX_TOKENS}
                        (default: the intent's run.tokens, else 1)
  --target-rps N        the requests per second the run should reach
  -h, --help            show this help
      --version         print the version
  path...               Terraform (files or directories) that declares the principal: its
                        grant type picks the limit that applies

Each option is given at most once, and never with an empty value. A value may start with "-"
(--jmeter -plan.jmx); a path that starts with "-" goes after --, which ends the options.

Exit status: 0 printed, 2 bad input or usage (one line naming the file and what is wrong).
`;

type ArgSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

/** Every command answers these, before (and whatever) its other arguments. */
const INFO_OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies ArgSpec;

/**
 * `--opt value` as `--opt=value` for the string options: parseArgs refuses a separate value that
 * starts with "-" as ambiguous, so a file named -plan.jmx could not be named at all. A value that
 * starts with "--" stays separate (parseArgs then says how to write it: `--opt=--x`): it is far
 * more often a forgotten value than a file name. Nothing after "--" (the end of the options) changes.
 */
function valuesAttached(argv: readonly string[], options: ArgSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const name = arg.startsWith("--") && !arg.includes("=") ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && Object.hasOwn(options, name) && options[name].type === "string" && next !== undefined && !next.startsWith("--")) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/**
 * What the command should print instead of running: --help (or -h) or --version, whichever comes
 * first among the options. They win over every other argument, even a wrong one, as a user
 * who asks for help has not got the rest right yet.
 */
export function requestedInfo(argv: readonly string[], options: ArgSpec): "help" | "version" | undefined {
  for (const arg of valuesAttached(argv, options)) {
    if (arg === "--") break;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--version") return "version";
  }
  return undefined;
}

/** The text --help or --version asks for (`help` is the command's help), or undefined. */
export function infoText(argv: readonly string[], options: ArgSpec, help: string): string | undefined {
  const info = requestedInfo(argv, options);
  return info === "help" ? help : info === "version" ? VERSION_TEXT : undefined;
}

/**
 * util.parseArgs, strict, with its errors turned into one-line usage errors; also refuses what
 * parseArgs lets through silently: a single-value option given twice (it keeps the last), an
 * empty value (`--output ""` would mean standard output) and an empty positional path.
 * --help/-h and --version are known options of every command (see requestedInfo).
 */
/** The values parseArgs gives for a spec: an option with a default is always set. Named, so that declarations can be emitted. */
export type ParsedValues<T extends ArgSpec> = {
  [K in keyof T]: T[K] extends { type: "boolean" } ? boolean | undefined : T[K] extends { default: string } ? string : string | undefined;
} & { help?: boolean; version?: boolean };

export function parseCliArgs<T extends ArgSpec>(
  argv: readonly string[],
  options: T,
  prefix = "",
  allowPositionals = true,
): { values: ParsedValues<T>; positionals: string[]; ordered: { name: string; value: string }[] } {
  const spec = { ...options, ...INFO_OPTIONS };
  let parsed;
  try {
    parsed = parseArgs({ args: valuesAttached(argv, spec), allowPositionals, strict: true, options: spec, tokens: true });
  } catch (err) {
    throw new UsageError(`${prefix}${(err as Error).message.split("\n")[0]}`);
  }
  const seen = new Map<string, number>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option" || spec[token.name]?.type !== "string") continue;
    if (token.value === "") throw new UsageError(`${prefix}--${token.name}: expected a value, got an empty string`);
    if (spec[token.name]?.multiple) continue; // --var-file and --var may be repeated
    const times = (seen.get(token.name) ?? 0) + 1;
    seen.set(token.name, times);
    if (times > 1) throw new UsageError(`${prefix}--${token.name} is given twice: give it once`);
  }
  const positionals: string[] = parsed.positionals;
  if (positionals.includes("")) throw new UsageError(`${prefix}an empty string is not a file or directory`);
  // Options with values in command-line order (parseArgs keeps each option's values apart): --var-file and --var interleave.
  const ordered = parsed.tokens.flatMap((t) => (t.kind === "option" && t.value !== undefined ? [{ name: t.name, value: t.value }] : []));
  return { values: parsed.values as unknown as ParsedValues<T>, positionals, ordered };
}

const AUDIT_OPTIONS = {
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
  "provider-version": { type: "string" },
  "fail-on": { type: "string" },
  config: { type: "string" },
  baseline: { type: "string" },
  "create-baseline": { type: "string" },
  "var-file": { type: "string", multiple: true },
  var: { type: "string", multiple: true },
} as const satisfies ArgSpec;

/** --help or --version of the audit (not of budget, which answers its own). */
export function auditInfoText(argv: readonly string[]): string | undefined {
  // budget and upgrade answer their own --help and --version (runBudget, runUpgrade).
  return argv[0] === "budget" || argv[0] === "upgrade" ? undefined : infoText(argv, AUDIT_OPTIONS, HELP);
}

export function parseAuditArgs(argv: readonly string[]): AuditOptions {
  const info = requestedInfo(argv, AUDIT_OPTIONS);
  if (info) return { paths: [], format: "text", failOn: "error", variables: [], help: info === "help", version: info === "version" };
  const parsed = parseCliArgs(argv, AUDIT_OPTIONS);
  const v = parsed.values;
  const format = v.format as Format;
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`--format: expected one of ${FORMAT_NAMES.join(", ")}, got "${v.format}"`);
  if (v.today !== undefined && !isIsoDate(v.today)) throw new UsageError(`--today: expected a date YYYY-MM-DD, got "${v.today}"`);
  if (v["provider-version"] !== undefined && !constraintMatcher(v["provider-version"]))
    throw new UsageError(`--provider-version: expected a version such as 1.53.0 or a constraint such as "~> 1.53.0", got "${v["provider-version"]}"`);
  const failOn = (v["fail-on"] ?? "error") as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on: expected one of ${FAIL_ON.join(", ")}, got "${v["fail-on"]}"`);
  if (v.environment !== undefined && v.environment !== "test" && v.environment !== "production") {
    throw new UsageError(`--environment: expected test or production, got "${v.environment}"`);
  }
  if (parsed.positionals.length === 0) throw new UsageError("name at least one file or directory to audit (see --help)");
  if (v.baseline !== undefined && v["create-baseline"] !== undefined)
    throw new UsageError("--baseline and --create-baseline: give one (create the baseline once, then audit against it)");
  const plan = v.jmeter !== undefined || v.nginx !== undefined;
  if (plan && v.principal === undefined) {
    throw new UsageError("--jmeter and --nginx need --principal ADDRESS: the principal whose token the plan uses");
  }
  for (const option of ["principal", "tokens"] as const) {
    if (!plan && v[option] !== undefined)
      throw new UsageError(`--${option} is used only with --jmeter or --nginx (the load-test plan it describes): give the plan, or drop --${option}`);
  }
  const tokens = v.tokens === undefined ? undefined : positiveInteger("--tokens", v.tokens, MAX_TOKENS);
  return {
    paths: parsed.positionals,
    intents: v.intents,
    org: v.org,
    format,
    failOn,
    ...(v["fail-on"] !== undefined ? { failOnGiven: true } : {}),
    ...(v.config !== undefined ? { config: v.config } : {}),
    output: v.output,
    environment: v.environment as AuditOptions["environment"],
    today: v.today,
    ...(v["provider-version"] !== undefined ? { providerVersion: v["provider-version"] } : {}),
    bundle: v.bundle,
    ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
    ...(v["create-baseline"] !== undefined ? { createBaseline: v["create-baseline"] } : {}),
    variables: parsed.ordered.flatMap(({ name, value }): AuditOptions["variables"] =>
      name === "var-file" ? [{ kind: "file", file: value }] : name === "var" ? [{ kind: "var", text: value }] : [],
    ),
    jmeter: v.jmeter,
    nginx: v.nginx,
    principal: v.principal,
    tokens,
    help: false,
    version: false,
  };
}

/** A whole number from 1 to `max` (a safe integer), or a one-line usage error. */
export function positiveInteger(option: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max || !Number.isSafeInteger(n))
    throw new UsageError(`${option}: expected a whole number from 1 to ${max}, got "${text}"`);
  return n;
}
