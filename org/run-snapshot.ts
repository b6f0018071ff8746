// `npm run org:snapshot` as a function (testable without spawning a process): arguments and
// environment in, exit status and output out. Credentials come only from the Terraform
// provider's own variables; no token, secret or client id is ever printed or written (every
// line passes through a redactor, and the file is refused if it would contain one).
import * as fs from "fs";
import * as path from "path";
import { infoText, parseCliArgs, UsageError } from "../cli/options";
import { RECORDING_ENDPOINTS } from "../genesys/permissions";
import { tokenRateLimit } from "../model/org-settings";
import { isFile } from "../readers/read-file";
import { ApiFailure, GenesysApi, type RetryPolicy } from "./genesys-api";
import { terminalLine } from "../model/safe-text";
import { readOrgSnapshot } from "./snapshot";
import { SnapshotError, fixable, unavailable } from "./snapshot-error";
import { writeOrgSettingsFile } from "./write-snapshot";

export const ENV_VARS = {
  clientId: "GENESYSCLOUD_OAUTHCLIENT_ID",
  clientSecret: "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  region: "GENESYSCLOUD_REGION",
  /** Optional: backoff before the first retry of a 5xx / lost connection, in milliseconds (default 1000). */
  retryBaseMs: "GRG_SNAPSHOT_RETRY_BASE_MS",
  /** Optional: attempts per request, the first included (default 5). */
  retryAttempts: "GRG_SNAPSHOT_RETRY_ATTEMPTS",
} as const;

export const SNAPSHOT_HELP = `Usage: npm run org:snapshot -- --env NAME [--out FILE] [--gateway URL]

Reads the org settings of one Genesys Cloud org (limits of platform.api, auth.api and recording
and their defaults, recording settings, the permission catalogue, divisions, the organization,
the OAuth scope names) and writes them to config/org/NAME.json, the file the stacks and the
audit read. Every value names the endpoint it came from. Nothing is written unless every
required read succeeded.

Credentials: the Terraform provider's variables ${ENV_VARS.clientId},
${ENV_VARS.clientSecret} and ${ENV_VARS.region} (e.g. eu-west-1), of a
client-credentials OAuth client (README: "Org settings snapshot").

Options:
  --env NAME       the environment; config/environments/NAME.json (or NAME.json in
                   GRG_ENVIRONMENTS_DIR) must exist; names the output file
  --out FILE       write FILE instead of config/org/NAME.json
  --gateway URL    send login and API requests to URL instead of the region's hosts
                   (a proxy, or a local test server), e.g. http://127.0.0.1:8080
  -h, --help       show this help
      --version    print the version

Retries: 429 after Retry-After; 5xx and lost connections with exponential backoff
(${ENV_VARS.retryAttempts}, default 5 attempts; ${ENV_VARS.retryBaseMs}, default 1000 ms).

Exit status: 0 written; 1 Genesys Cloud did not answer usably (5xx or 429 after retries, no
connection, a required field missing); 2 something to fix (usage, variables, credentials, the
client's permissions); 3 internal error. Nothing is written unless the status is 0.
`;

export interface SnapshotIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface RunSnapshotOptions {
  /** Environment variables (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Capture time (default now). */
  now?: Date;
  /** Overrides the retry policy (tests). */
  retry?: Partial<RetryPolicy>;
  /** Where the environment files are, for the region cross-check (default config/environments). */
  environmentsDir?: string;
  /** Where the org settings files go by default (default config/org). */
  orgDir?: string;
}

interface SnapshotArgs {
  env: string;
  out?: string;
  gateway?: string;
}

const SNAPSHOT_OPTIONS = {
  env: { type: "string" },
  out: { type: "string" },
  gateway: { type: "string" },
} as const;

export async function runSnapshot(argv: readonly string[], io: SnapshotIo, options: RunSnapshotOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const sensitive: string[] = [];
  const redact = (text: string) => sensitive.reduce((t, s) => (s.length >= 4 ? t.split(s).join("[redacted]") : t), text);
  const out = { stdout: (t: string) => io.stdout(redact(t)), stderr: (t: string) => io.stderr(redact(t)) };
  let region = "";
  let gateway: string | undefined;
  try {
    const info = infoText(argv, SNAPSHOT_OPTIONS, SNAPSHOT_HELP);
    if (info !== undefined) {
      out.stdout(info);
      return 0;
    }
    const args = parseSnapshotArgs(argv);
    const environmentsDir = options.environmentsDir ?? (env.GRG_ENVIRONMENTS_DIR || path.join("config", "environments"));
    requireEnvironmentFile(args.env, environmentsDir);
    gateway = args.gateway;
    const clientId = requireEnv(env, ENV_VARS.clientId);
    const clientSecret = requireEnv(env, ENV_VARS.clientSecret);
    region = requireEnv(env, ENV_VARS.region);
    sensitive.push(clientSecret, clientId, Buffer.from(`${clientId}:${clientSecret}`).toString("base64"));
    checkEnvironmentRegion(args.env, region, environmentsDir);
    const file = args.out ?? path.join(options.orgDir ?? path.join("config", "org"), `${args.env}.json`);
    const retry = { ...retryFromEnv(env), ...options.retry };

    const api = await GenesysApi.connect({ region, gateway, clientId, clientSecret, retry, log: (line) => out.stderr(`${line}\n`) });
    sensitive.push(...api.sensitiveValues());
    let snapshot;
    try {
      snapshot = await readOrgSnapshot(api, { environment: args.env, region, now: options.now });
    } finally {
      api.close();
    }
    const data = snapshot.settings;
    writeOrgSettingsFile(file, data, sensitive);

    const limit = tokenRateLimit({ ...data, file }, "CLIENT-CREDENTIALS");
    const p = data.provenance;
    out.stdout(
      `wrote ${file}: org ${p.orgName} (${p.orgId}, ${region}); ${limit.perMinute} requests/min per token (${limit.key}); ` +
        `${data.permissionCatalogue?.permissions.length ?? 0} permissions, ${data.divisions?.items.length ?? 0} divisions, ` +
        `${data.oauthScopes ? `${data.oauthScopes.names.length} scope names` : "no scope names"}, ` +
        `${data.accessPolicyTargets ? `${data.accessPolicyTargets.names.length} access-policy targets` : "no access-policy targets"}.\n`,
    );
    for (const note of snapshot.notes) out.stderr(`note: ${note}\n`);
    return 0;
  } catch (err) {
    const failure = err instanceof ApiFailure ? explain(err, region, gateway) : err;
    if (failure instanceof SnapshotError) {
      out.stderr(`error: ${terminalLine(failure.message)}\n`);
      return failure.exitCode;
    }
    out.stderr(`internal error: ${terminalLine(((failure as Error)?.message ?? String(failure)).split("\n")[0])}\n`);
    if (env.GRG_DEBUG) out.stderr(`${(failure as Error)?.stack ?? ""}\n`);
    return 3;
  }
}

/** The options (--help and --version are answered before, by runSnapshot). */
export function parseSnapshotArgs(argv: readonly string[]): SnapshotArgs {
  let parsed;
  try {
    parsed = parseCliArgs(argv, SNAPSHOT_OPTIONS, "", false);
  } catch (err) {
    if (err instanceof UsageError) throw fixable(`${err.message} (see --help)`);
    throw err;
  }
  const v = parsed.values;
  if (!v.env) throw fixable("--env NAME is required (see --help)");
  if (!/^[a-z][a-z0-9-]*$/.test(v.env)) throw fixable(`--env: expected lower-case letters, digits and dashes, starting with a letter, got "${v.env}"`);
  if (v.out !== undefined && v.out.trim() === "") throw fixable("--out: expected a file name");
  return { env: v.env, out: v.out, gateway: v.gateway };
}

/**
 * A snapshot is for an environment the app synthesizes: `--env typo` would write
 * config/org/typo.json, which no stack reads (and the typo would go unnoticed).
 */
function requireEnvironmentFile(name: string, environmentsDir: string): void {
  const file = path.join(environmentsDir, `${name}.json`);
  if (isFile(file)) return;
  let known: string[] = [];
  try {
    known = fs
      .readdirSync(environmentsDir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -".json".length))
      .sort();
  } catch {
    // no environments directory: said below
  }
  throw fixable(
    `--env ${name}: no environment file ${file} (environments: ${known.length ? known.join(", ") : "none"}); a snapshot is for an environment the app synthesizes: check the name, or create the environment file first`,
  );
}

function requireEnv(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "")
    throw fixable(`${name} is not set (the Genesys Cloud Terraform provider's variable; see README "Org settings snapshot")`);
  return value.trim();
}

function retryFromEnv(env: Readonly<Record<string, string | undefined>>): Partial<RetryPolicy> {
  const out: Partial<RetryPolicy> = {};
  const base = env[ENV_VARS.retryBaseMs];
  if (base !== undefined && base !== "") {
    if (!/^\d+$/.test(base)) throw fixable(`${ENV_VARS.retryBaseMs}: expected a whole number of milliseconds, got "${base}"`);
    out.baseDelayMs = Number(base);
  }
  const attempts = env[ENV_VARS.retryAttempts];
  if (attempts !== undefined && attempts !== "") {
    if (!/^\d+$/.test(attempts) || Number(attempts) < 1 || Number(attempts) > 20)
      throw fixable(`${ENV_VARS.retryAttempts}: expected a whole number from 1 to 20, got "${attempts}"`);
    out.attempts = Number(attempts);
  }
  return out;
}

/** The environment file, when there is one, names the org's region: a different GENESYSCLOUD_REGION means another org. */
function checkEnvironmentRegion(name: string, region: string, environmentsDir: string): void {
  const file = path.join(environmentsDir, `${name}.json`);
  let declared: unknown;
  try {
    declared = (JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "")) as { region?: unknown }).region;
  } catch {
    return; // no (readable) environment file: nothing to compare with
  }
  if (typeof declared === "string" && declared !== region) {
    throw fixable(`${ENV_VARS.region} is ${region} but ${file} says region ${declared}: these credentials are for another org than environment ${name}`);
  }
}

/** One line that says what failed, why, and what to do; the exit status says whose move it is. */
export function explain(f: ApiFailure, region: string, gateway: string | undefined): SnapshotError {
  const server = f.code || f.detail ? ` (${[f.code, f.detail].filter(Boolean).join(": ")})` : "";
  if (f.endpoint.startsWith("POST /oauth/token") && (f.status === 400 || f.status === 401)) {
    return fixable(
      `authentication failed: ${f.endpoint} answered ${f.status}${server}. Check ${ENV_VARS.clientId} and ${ENV_VARS.clientSecret}, that the OAuth client uses the Client Credentials grant and is active, and that ${ENV_VARS.region} (${region}) is the org's region. Nothing written.`,
    );
  }
  if (f.endpoint.startsWith("POST /oauth/token") && f.status === 403) {
    return fixable(
      `${f.endpoint} answered 403${server}: the login itself was refused, which no role permission changes (the org's IP address allowlist, organization_authentication_settings.ip_address_allowlist, also applies to API clients). Nothing written.`,
    );
  }
  if (f.status === 401) {
    return fixable(`${f.endpoint}: 401${server}: the access token was refused (OAuth client inactive or deleted, or the token expired). Nothing written.`);
  }
  if (f.status === 403) {
    return fixable(
      `${f.endpoint}: 403${server}: the OAuth client's roles lack a permission this endpoint needs${documentedNeed(f.endpoint)}. Add it to the snapshot client's role (README "Org settings snapshot"). Nothing written.`,
    );
  }
  if (f.status === 429) {
    return unavailable(`${f.endpoint}: still 429 (rate limited) after ${f.attempts} attempt(s)${server}. Nothing written; try again later.`);
  }
  if (f.status !== undefined && f.status >= 500) {
    return unavailable(`${f.endpoint}: ${f.status} server error after ${f.attempts} attempt(s)${server}. Nothing written; try again later.`);
  }
  if (f.status === undefined) {
    return unavailable(
      `${f.endpoint}: no answer (${f.network ?? "no response"}) after ${f.attempts} attempt(s); check the network${gateway ? " and --gateway" : ""}. Nothing written.`,
    );
  }
  return unavailable(`${f.endpoint}: unexpected ${f.status}${server}. Nothing written.`);
}

/** What genesys/recording-endpoints.json says the endpoint needs, when it lists it. */
function documentedNeed(endpoint: string): string {
  const [method, pathPart] = endpoint.replace(/ \(.*\)$/, "").split(" ");
  const e = RECORDING_ENDPOINTS.find((x) => x.method === method && x.path === pathPart);
  if (!e || e.requires === "NONE" || e.permissions.length === 0) return "";
  return ` (it needs ${e.requires} of ${e.permissions.join(", ")} per genesys/recording-endpoints.json)`;
}
