// The Genesys Cloud API as the snapshot uses it: the official platform SDK
// (purecloud-platform-client-v2) for login and calls, plus what the SDK leaves to its users:
// retrying 429 after Retry-After and 5xx / lost connections with bounded backoff, and turning
// every failure into a value that names the endpoint but never carries a token or secret.
// (The SDK's own error objects hold the request headers, Authorization included: they are
// read here for status, headers and body only, and never printed.)
import platformClient = require("purecloud-platform-client-v2");
import { fixable } from "./snapshot-error";

// Loading the SDK starts polling ~/.genesyscloudjavascript/config for changes (fs.watchFile), even
// in a process that never calls Genesys (the audit's tests, a refused --env): stop it at once.
// connect() decides logging, host and gateway itself.
platformClient.ApiClient.instance.config.live_reload_config = false;

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  /** Backoff before retry n (1-based): baseDelayMs * 2^(n-1), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterSeconds: 120 };

/** A request that ended without a usable answer (after the retries it deserved). */
export class ApiFailure extends Error {
  constructor(
    /** e.g. "GET /api/v2/recording/settings" */
    readonly endpoint: string,
    /** HTTP status; undefined when no answer came (connection refused, reset, timeout). */
    readonly status: number | undefined,
    /** Genesys error code (`missing.any.permissions`, `too.many.requests`) or OAuth error (`invalid_client`). */
    readonly code: string | undefined,
    /** The server's message, one line, shortened. */
    readonly detail: string | undefined,
    /** Network error code when there was no answer (ECONNREFUSED, ECONNRESET, ECONNABORTED). */
    readonly network: string | undefined,
    readonly attempts: number,
  ) {
    super(`${endpoint}: ${status ?? network ?? "no answer"}`);
    this.name = "ApiFailure";
  }
}

export interface ConnectOptions {
  /** Genesys Cloud region as the Terraform provider spells it (GENESYSCLOUD_REGION), e.g. eu-west-1. */
  region: string;
  /** Another base URL for both login and API requests (a proxy, or a local test server). */
  gateway?: string;
  clientId: string;
  clientSecret: string;
  retry?: Partial<RetryPolicy>;
  /** Progress and retry messages (never a token or secret). */
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

type Sdk = typeof platformClient;

/** The region host the SDK uses for a provider-style region name, or undefined when unknown. */
export function regionHost(region: string): string | undefined {
  const hosts = platformClient.PureCloudRegionHosts as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(hosts, region.replace(/-/g, "_")) ? hosts[region.replace(/-/g, "_")] : undefined;
}

export function knownRegions(): string[] {
  return Object.keys(platformClient.PureCloudRegionHosts as Record<string, string>)
    .map((k) => k.replace(/_/g, "-"))
    .sort();
}

interface Gateway {
  host: string;
  protocol: string;
  port?: number;
  path_params_login?: string;
  path_params_api?: string;
}

/** `--gateway URL` as the SDK's gateway configuration (same base for login and API requests). */
export function parseGateway(url: string): Gateway {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw fixable(`--gateway: "${url}" is not a URL (expected e.g. http://127.0.0.1:8080)`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw fixable(`--gateway: expected an http or https URL, got "${u.protocol}"`);
  if (u.username || u.password) throw fixable("--gateway: credentials in the URL are not supported");
  if (u.search || u.hash) throw fixable("--gateway: the URL must not have a query or fragment");
  const path = u.pathname.replace(/\/+$/, "");
  return {
    host: u.hostname,
    protocol: u.protocol.slice(0, -1),
    ...(u.port ? { port: Number(u.port) } : {}),
    ...(path ? { path_params_login: path, path_params_api: path } : {}),
  };
}

export class GenesysApi {
  private readonly retry: RetryPolicy;
  private readonly log: (line: string) => void;
  private readonly sleep: (ms: number) => Promise<void>;
  private token: string | undefined;

  private constructor(
    private readonly sdk: Sdk,
    options: ConnectOptions,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.log = options.log ?? (() => undefined);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Configures the SDK's client for the region (or gateway) and logs in with client credentials. */
  static async connect(options: ConnectOptions): Promise<GenesysApi> {
    const host = regionHost(options.region);
    if (!host) throw fixable(`GENESYSCLOUD_REGION: unknown region "${options.region}"; known: ${knownRegions().join(", ")}`);
    const gateway = options.gateway ? parseGateway(options.gateway) : undefined;
    const client = platformClient.ApiClient.instance;
    // The SDK reads ~/.genesyscloudjavascript/config (logging, host, gateway) when it loads; the
    // snapshot decides those itself: no SDK logging (it could print response bodies), the region
    // or --gateway given here, and no watching of that file.
    client.config.live_reload_config = false;
    client.config.logger.log_level = "none";
    client.config.logger.log_to_console = false;
    client.config.logger.log_file_path = "";
    client.config.logger.setLogger();
    client.clearAccessToken();
    client.setEnvironment(host);
    client.setGateway(gateway as never);
    client.setReturnExtendedResponses(true);
    const api = new GenesysApi(platformClient, options);
    const loginHost = gateway ? "the gateway" : `login.${host}`;
    try {
      const auth = await api.withRetry(`POST /oauth/token (${loginHost})`, () => client.loginClientCredentialsGrant(options.clientId, options.clientSecret));
      api.token = typeof auth?.accessToken === "string" ? auth.accessToken : undefined;
    } catch (err) {
      api.close();
      throw err;
    }
    return api;
  }

  /** Values that must never be printed or written: the access token. */
  sensitiveValues(): string[] {
    return this.token ? [this.token] : [];
  }

  /** Forgets the token. */
  close(): void {
    this.token = undefined;
    const client = this.sdk.ApiClient.instance;
    client.clearAccessToken();
    client.setReturnExtendedResponses(false);
  }

  /**
   * One GET through the SDK, retried as it deserves; returns the response body.
   * `endpoint` names it in messages and in the snapshot's `source` fields.
   */
  async get(endpoint: string, call: (sdk: Sdk) => Promise<unknown>): Promise<unknown> {
    const response = await this.withRetry(endpoint, () => call(this.sdk));
    return (response as { body?: unknown }).body;
  }

  private async withRetry<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let failure: Outcome;
      try {
        return await call();
      } catch (err) {
        failure = outcomeOf(err);
      }
      const { status, headers, body, network } = failure;
      const { code, detail } = describeBody(body);
      const retryable = status === 429 || (status !== undefined && status >= 500) || network !== undefined;
      if (!retryable || attempt >= this.retry.attempts) throw new ApiFailure(endpoint, status, code, detail, network, attempt);
      let waitMs = this.backoff(attempt);
      let why = network ? `no answer (${network})` : `${status}${code ? ` ${code}` : ""}`;
      if (status === 429) {
        const retryAfter = retryAfterSeconds(headers);
        if (retryAfter !== undefined) {
          if (retryAfter > this.retry.maxRetryAfterSeconds)
            throw new ApiFailure(endpoint, status, code, `Retry-After ${retryAfter} s is longer than ${this.retry.maxRetryAfterSeconds} s`, network, attempt);
          waitMs = retryAfter * 1000;
          why += `, Retry-After ${retryAfter} s`;
        }
      }
      this.log(`${endpoint}: ${why}; retrying in ${formatWait(waitMs)} (attempt ${attempt + 1} of ${this.retry.attempts})`);
      await this.sleep(waitMs);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
  }
}

interface Outcome {
  status?: number;
  headers: Record<string, unknown>;
  body: unknown;
  network?: string;
}

/**
 * What a rejected SDK call says. Extended responses reject with {status, headers, body, error};
 * the login rejects with the HTTP client's error ({response: {status, headers, data}}); no
 * answer at all is an HTTP client error with a code. Anything else is a bug, rethrown.
 */
function outcomeOf(err: unknown): Outcome {
  const e = err as Record<string, unknown> | null;
  if (e && typeof e === "object") {
    if (typeof e.status === "number" && "body" in e) return { status: e.status, headers: asRecord(e.headers), body: e.body };
    const response = e.response as Record<string, unknown> | undefined;
    if (response && typeof response.status === "number") return { status: response.status, headers: asRecord(response.headers), body: response.data };
    if (e.isAxiosError === true) return { headers: {}, body: undefined, network: typeof e.code === "string" && e.code ? e.code : "no response" };
  }
  throw err;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

/** Genesys errors are {message, code, status}; OAuth errors {error, error_description}. */
function describeBody(body: unknown): { code?: string; detail?: string } {
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const code = typeof b.code === "string" ? b.code : typeof b.error === "string" ? b.error : undefined;
  const text = [b.message, b.error_description, b.description].find((v): v is string => typeof v === "string" && v.length > 0);
  return { code, detail: text ? oneLine(text) : undefined };
}

export function oneLine(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Retry-After in seconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(headers: Record<string, unknown>, now = Date.now()): number | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === "retry-after");
  const raw = key === undefined ? undefined : headers[key];
  const text = Array.isArray(raw) ? String(raw[0]) : raw === undefined || raw === null ? undefined : String(raw);
  if (text === undefined || text.trim() === "") return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function formatWait(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
