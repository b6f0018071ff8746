// org:snapshot against a fake Genesys Cloud on 127.0.0.1 (test/fixtures/genesys-server): the
// file it writes, determinism, failures (401, 403, 429, 5xx, missing fields) that write
// nothing, no secret anywhere, and the stack deriving recording_rate_limit from the snapshot.
// Also: the staleness warning and rule GRG018 (permission not in the org's catalogue).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildApp } from "../app/build-app";
import { loadOrgSettings } from "../readers/org-settings";
import { type OrgSettings } from "../model/org-settings";
import { loadIntents } from "../readers/intents";
import { audit } from "../engine/engine";
import { ALL_RULES } from "../rules";
import { ORG_RULES } from "../rules/pack-org";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { runSnapshot, type RunSnapshotOptions } from "../org/run-snapshot";
import { DEFAULT_MAX_SNAPSHOT_AGE_DAYS, maxAgeDaysFromEnv, orgSettingsStaleness } from "../analyses/org-staleness";
import { retryAfterSeconds } from "../org/genesys-api";
import {
  DEFAULT_PERMISSIONS,
  FAKE_CREDENTIALS,
  FakeGenesysServer,
  defaultOrg,
  errorBody,
  permissionCollections,
  type FakeServerOptions,
} from "./fixtures/genesys-server/server";

const REGION = "eu-west-1";
const NOW = new Date("2026-11-22T10:00:00.000Z");
const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 50, attempts: 3 };
const SECRETS = [
  FAKE_CREDENTIALS.clientSecret,
  FAKE_CREDENTIALS.accessToken,
  FAKE_CREDENTIALS.clientId,
  Buffer.from(`${FAKE_CREDENTIALS.clientId}:${FAKE_CREDENTIALS.clientSecret}`).toString("base64"),
];

let tmp: string;
let server: FakeGenesysServer | undefined;
let consoleCalls: string[];

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grg-snapshot-"));
  fs.mkdirSync(path.join(tmp, "environments"));
  // org:snapshot refuses --env NAME without an environment file NAME.json (no region: nothing to cross-check).
  fs.writeFileSync(path.join(tmp, "environments", "test.json"), JSON.stringify({ name: "test" }));
  consoleCalls = [];
  for (const m of ["log", "error", "warn", "info", "debug"] as const) {
    jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void consoleCalls.push(args.map(String).join(" ")));
  }
});

afterEach(async () => {
  jest.restoreAllMocks();
  await server?.stop();
  server = undefined;
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  file: string;
}

async function snapshot(
  serverOptions: FakeServerOptions = {},
  extra: { args?: string[]; env?: Record<string, string | undefined>; options?: RunSnapshotOptions } = {},
): Promise<Run> {
  server ??= await FakeGenesysServer.start(serverOptions);
  const file = path.join(tmp, "org", "test.json");
  let stdout = "";
  let stderr = "";
  const code = await runSnapshot(
    extra.args ?? ["--env", "test", "--out", file, "--gateway", server.url],
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    {
      env: {
        GENESYSCLOUD_OAUTHCLIENT_ID: FAKE_CREDENTIALS.clientId,
        GENESYSCLOUD_OAUTHCLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
        GENESYSCLOUD_REGION: REGION,
        ...extra.env,
      },
      now: NOW,
      retry: FAST_RETRY,
      environmentsDir: path.join(tmp, "environments"),
      ...extra.options,
    },
  );
  return { code, stdout, stderr, file };
}

function expectNoSecrets(text: string): void {
  for (const s of SECRETS) expect(text).not.toContain(s);
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function oneLine(text: string): string {
  const lines = text.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe("org:snapshot against the local test server", () => {
  it("writes the org settings file: every block sourced, lists sorted, all pages followed", async () => {
    const run = await snapshot({ maxPageSize: 3 });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*test\.json: org Fake QA Org \(7f3c1d2e-0000-4000-8000-00000000f00d, eu-west-1\); 300 requests\/min per token/);

    const org = loadOrgSettings(run.file);
    expect(org.formatVersion).toBe(1);
    expect(org.environment).toBe("test");
    expect(org.provenance).toMatchObject({
      kind: "snapshot",
      capturedAt: "2026-11-22T10:00:00.000Z",
      region: REGION,
      orgId: "7f3c1d2e-0000-4000-8000-00000000f00d",
      orgName: "Fake QA Org",
    });
    expect(org.provenance.notes).toContain("GET /api/v2/organizations/me");
    expect(Object.keys(org.limits)).toEqual(["auth.api", "auth.api/defaults", "platform.api", "platform.api/defaults", "recording", "recording/defaults"]);
    expect(org.limits["platform.api"]).toEqual({
      source: "GET /api/v2/organizations/limits/namespaces/platform.api",
      values: { "client.credentials.token.rate.per.minute": 300, "max.request.payload.bytes": 3000000, "token.rate.per.minute": 300 },
    });
    expect(org.limits["recording/defaults"].source).toBe("GET /api/v2/organizations/limits/namespaces/recording/defaults");
    expect(org.recordingSettings).toEqual({
      source: "GET /api/v2/recording/settings",
      values: {
        maxConfigurableScreenRecordingStreams: 2000,
        maxSimultaneousStreams: 150,
        recordingBatchDownloadUrlTtl: 60,
        recordingPlaybackUrlTtl: 60,
        regionalRecordingStorageEnabled: false,
        stopRecordingWhenOnlyExternalParticipants: false,
      },
    });
    expect(org.permissionCatalogue!.source).toMatch(/^GET \/api\/v2\/authorization\/permissions/);
    expect(org.permissionCatalogue!.permissions).toEqual([...DEFAULT_PERMISSIONS].sort());
    expect(org.divisions).toEqual({
      source: expect.stringMatching(/^GET \/api\/v2\/authorization\/divisions/),
      items: [
        { id: "d3333333-0000-4000-8000-000000000003", name: "Archive", home: false },
        { id: "d1111111-0000-4000-8000-000000000001", name: "Home", home: true },
        { id: "d2222222-0000-4000-8000-000000000002", name: "Recording QA", home: false },
      ],
    });
    expect(org.oauthScopes).toEqual({ source: "GET /api/v2/oauth/scopes", names: ["authorization", "recordings", "recordings:readonly"] });
    expect(org.accessPolicyTargets).toEqual({ source: "GET /api/v2/authorization/policies/targets", names: ["authorization:grant:add", "fake:thing:edit"] });
    expect(org.ipAddressAllowlist).toEqual({ source: "GET /api/v2/organizations/authentication/settings", ranges: ["198.51.100.7/32", "203.0.113.0/24"] });

    // 6 domains over pages of 3 (the server caps the page size): two pages of permissions, one of divisions.
    expect(server!.requestsTo("/api/v2/authorization/permissions").map((r) => r.query.pageNumber)).toEqual(["1", "2"]);
    expect(server!.requestsTo("/api/v2/authorization/divisions").map((r) => r.query.pageNumber)).toEqual(["1"]);
    expect(server!.requestsTo("/oauth/token")).toHaveLength(1);
  });

  it("follows every page of a long permission catalogue", async () => {
    const many = Array.from({ length: 12 }, (_, i) => `domain${String(i).padStart(2, "0")}:thing:view`);
    const run = await snapshot({ maxPageSize: 2, org: { permissions: permissionCollections(many) } });
    expect(run.code).toBe(0);
    expect(server!.requestsTo("/api/v2/authorization/permissions")).toHaveLength(6);
    expect(loadOrgSettings(run.file).permissionCatalogue!.permissions).toEqual(many);
  });

  it("is deterministic: the same org in another order gives the same file", async () => {
    const first = await snapshot();
    const a = fs.readFileSync(first.file, "utf8");
    await server!.stop();
    const base = defaultOrg();
    server = await FakeGenesysServer.start({
      maxPageSize: 1,
      org: {
        permissions: permissionCollections([...DEFAULT_PERMISSIONS].reverse()),
        divisions: [...base.divisions].reverse(),
        scopes: [...base.scopes].reverse(),
        limits: Object.fromEntries(
          Object.entries(base.limits)
            .reverse()
            .map(([ns, v]) => [ns, Object.fromEntries(Object.entries(v).reverse())]),
        ),
      },
    });
    const second = await snapshot();
    expect(second.code).toBe(0);
    expect(fs.readFileSync(second.file, "utf8")).toBe(a);
  });

  it("tolerates fields it does not know", async () => {
    // Every object of every response gains fields (maps such as permissionMap and targetAttributes keep their shape).
    const addFields = (value: unknown, isMap = false): unknown => {
      if (Array.isArray(value)) return value.map((v) => addFields(v));
      if (value && typeof value === "object") {
        const out: Record<string, unknown> = isMap ? {} : { futureField: { nested: [1, 2] }, anotherNewFlag: true };
        for (const [k, v] of Object.entries(value)) out[k] = addFields(v, k === "permissionMap" || k === "targetAttributes");
        return out;
      }
      return value;
    };
    const run = await snapshot({ transform: (p, body) => (p === "/oauth/token" ? body : addFields(body)) });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const org = loadOrgSettings(run.file);
    // Scalar settings are kept, nested values are not settings the file records.
    expect(org.recordingSettings!.values.anotherNewFlag).toBe(true);
    expect(org.recordingSettings!.values).not.toHaveProperty("futureField");
    expect(org.permissionCatalogue!.permissions).toEqual([...DEFAULT_PERMISSIONS].sort());
    expect(org.accessPolicyTargets!.names).toEqual(["authorization:grant:add", "fake:thing:edit"]);
  });

  it("bad credentials (401): one line, exit 2, nothing written, no secret printed", async () => {
    const run = await snapshot({}, { env: { GENESYSCLOUD_OAUTHCLIENT_SECRET: "FAKE-WRONG-SECRET-1b2c3d" } });
    expect(run.code).toBe(2);
    const line = oneLine(run.stderr);
    expect(line).toMatch(
      /^error: authentication failed: POST \/oauth\/token \(the gateway\) answered 401 \(invalid_client: client not found\)\. Check GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET/,
    );
    expect(line).not.toContain("FAKE-WRONG-SECRET-1b2c3d");
    expect(run.stdout).toBe("");
    expect(fs.existsSync(run.file)).toBe(false);
    expect(server!.requests.filter((r) => r.path.startsWith("/api/"))).toEqual([]);
  });

  it("a refused login (403 on the token endpoint) is not blamed on role permissions", async () => {
    const run = await snapshot({ faults: [{ path: "/oauth/token", status: 403, body: { error: "access_denied", error_description: "denied" } }] });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(
      "error: POST /oauth/token (the gateway) answered 403 (access_denied: denied): the login itself was refused, which no role permission changes (the org's IP address allowlist, organization_authentication_settings.ip_address_allowlist, also applies to API clients). Nothing written.",
    );
  });

  it("a token the API refuses (401 on a call): one line, exit 2", async () => {
    const run = await snapshot({ faults: [{ path: "/api/v2/organizations/me", status: 401 }] });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(
      /^error: GET \/api\/v2\/organizations\/me: 401 \(bad\.credentials: Invalid login credentials\.\): the access token was refused/,
    );
    expect(fs.existsSync(run.file)).toBe(false);
  });

  it("missing permission (403): one line naming the endpoint and what it needs, exit 2, the old file kept", async () => {
    const file = path.join(tmp, "org", "test.json");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, "previous content\n");
    const run = await snapshot({ faults: [{ path: "/api/v2/authorization/permissions", status: 403 }] });
    expect(run.code).toBe(2);
    const line = oneLine(run.stderr);
    expect(line).toContain("error: GET /api/v2/authorization/permissions: 403 (missing.any.permissions: Unable to perform the requested action.");
    expect(line).toContain("it needs ANY of authorization:role:view, authorization:role:add, authorization:role:edit per genesys/recording-endpoints.json");
    expect(fs.readFileSync(file, "utf8")).toBe("previous content\n");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["test.json"]);
  });

  it("429: waits Retry-After, then goes on", async () => {
    const run = await snapshot({ faults: [{ path: "/api/v2/recording/settings", status: 429, times: 1, headers: { "Retry-After": "1" } }] });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("GET /api/v2/recording/settings: 429 too.many.requests, Retry-After 1 s; retrying in 1 s (attempt 2 of 3)\n");
    const [refused, retried] = server!.requestsTo("/api/v2/recording/settings");
    expect(refused.status).toBe(429);
    expect(retried.status).toBe(200);
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(950);
  });

  it("429 that does not stop: a clear error after the bounded attempts, nothing written", async () => {
    const run = await snapshot({ faults: [{ path: "/api/v2/organizations/limits/namespaces/auth.api", status: 429, headers: { "Retry-After": "0" } }] });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split("\n").pop()).toBe(
      "error: GET /api/v2/organizations/limits/namespaces/auth.api: still 429 (rate limited) after 3 attempt(s) (too.many.requests: Rate limit exceeded the maximum. Retry the request in [1] seconds). Nothing written; try again later.",
    );
    expect(fs.existsSync(run.file)).toBe(false);
  });

  it("5xx: retried with backoff, then goes on", async () => {
    const run = await snapshot({ faults: [{ path: "/api/v2/authorization/divisions", status: 503, times: 2 }] });
    expect(run.code).toBe(0);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      "GET /api/v2/authorization/divisions: 503 service.unavailable; retrying in 10 ms (attempt 2 of 3)",
      "GET /api/v2/authorization/divisions: 503 service.unavailable; retrying in 20 ms (attempt 3 of 3)",
    ]);
    expect(loadOrgSettings(run.file).divisions!.items).toHaveLength(3);
  });

  it("5xx that does not stop: a clear error, exit 1, no half file and no temporary file", async () => {
    const file = path.join(tmp, "org", "test.json");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, "previous content\n");
    // Fails late: after the limits, settings and catalogue were read.
    const run = await snapshot({ faults: [{ path: "/api/v2/authorization/divisions", status: 500 }] });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split("\n").pop()).toBe(
      "error: GET /api/v2/authorization/divisions: 500 server error after 3 attempt(s) (internal.server.error: The server encountered an unexpected condition.). Nothing written; try again later.",
    );
    expect(server!.requestsTo("/api/v2/authorization/divisions")).toHaveLength(3);
    expect(fs.readFileSync(file, "utf8")).toBe("previous content\n");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["test.json"]);
  });

  it("no server at all: a clear error after the retries, exit 1", async () => {
    const dead = await FakeGenesysServer.start();
    const url = dead.url;
    await dead.stop();
    const run = await snapshot({}, { args: ["--env", "test", "--out", path.join(tmp, "org", "test.json"), "--gateway", url] });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split("\n").pop()).toBe(
      "error: POST /oauth/token (the gateway): no answer (ECONNREFUSED) after 3 attempt(s); check the network and --gateway. Nothing written.",
    );
  });

  it("scope names the client may not read (403): null with a note, the rest written", async () => {
    const run = await snapshot({
      faults: [{ path: "/api/v2/oauth/scopes", status: 403, body: errorBody(403, "missing.permissions", "Unable to perform the requested action.") }],
    });
    expect(run.code).toBe(0);
    const org = loadOrgSettings(run.file);
    expect(org.oauthScopes).toBeNull();
    expect(org.provenance.notes).toContain(
      "GET /api/v2/oauth/scopes answered 403 (missing.permissions): the OAuth client may not read the scope names; oauthScopes left null.",
    );
    expect(run.stderr).toBe(
      "note: GET /api/v2/oauth/scopes answered 403 (missing.permissions): the OAuth client may not read the scope names; oauthScopes left null.\n",
    );
    expect(run.stdout).toContain("no scope names");
  });

  it.each([403, 404])("access-policy targets the org does not answer (%i: no ABAC, or no authorization:policy:view): null with a note", async (status) => {
    const run = await snapshot({ faults: [{ path: "/api/v2/authorization/policies/targets", status, body: errorBody(status, "not.found", "Not found.") }] });
    expect(run.code).toBe(0);
    const org = loadOrgSettings(run.file);
    expect(org.accessPolicyTargets).toBeNull();
    expect(org.provenance.notes).toContain(`GET /api/v2/authorization/policies/targets answered ${status} (not.found)`);
    expect(run.stdout).toContain("no access-policy targets");
  });

  it("authentication settings the client may not read (403): the allowlist null with a note", async () => {
    const run = await snapshot({
      faults: [
        {
          path: "/api/v2/organizations/authentication/settings",
          status: 403,
          body: errorBody(403, "missing.permissions", "Unable to perform the requested action."),
        },
      ],
    });
    expect(run.code).toBe(0);
    const org = loadOrgSettings(run.file);
    expect(org.ipAddressAllowlist).toBeNull();
    expect(org.provenance.notes).toContain("GET /api/v2/organizations/authentication/settings answered 403 (missing.permissions)");
  });

  it("a targets answer whose targetAttributes is not an object is an error naming the endpoint and field, nothing written", async () => {
    const run = await snapshot({
      transform: (p, body) => (p === "/api/v2/authorization/policies/targets" ? { targetAttributes: ["authorization:grant:add"] } : body),
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("GET /api/v2/authorization/policies/targets: targetAttributes is not a JSON object; nothing written.");
    expect(fs.existsSync(run.file)).toBe(false);
  });

  it.each([
    ["/api/v2/organizations/me", (b: Record<string, unknown>) => ({ ...b, name: undefined }), 'GET /api/v2/organizations/me: required field "name" is missing'],
    [
      "/api/v2/organizations/limits/namespaces/platform.api",
      (b: Record<string, unknown>) => ({ entities: (b.entities as Record<string, unknown>[]).map((e, i) => (i === 1 ? { key: e.key } : e)) }),
      'GET /api/v2/organizations/limits/namespaces/platform.api: required field "entities[1].value" is missing',
    ],
    [
      "/api/v2/authorization/permissions",
      (b: Record<string, unknown>) => ({ ...b, entities: undefined }),
      'GET /api/v2/authorization/permissions: required field "entities" is missing',
    ],
    [
      "/api/v2/authorization/permissions",
      (b: Record<string, unknown>) => ({ ...b, entities: (b.entities as Record<string, unknown>[]).map((e) => ({ ...e, permissionMap: undefined })) }),
      'GET /api/v2/authorization/permissions: required field "entities[0].permissionMap" is missing',
    ],
    [
      "/api/v2/authorization/divisions",
      (b: Record<string, unknown>) => ({ ...b, entities: (b.entities as Record<string, unknown>[]).map((e) => ({ ...e, id: undefined })) }),
      'GET /api/v2/authorization/divisions: required field "entities[0].id" is missing',
    ],
  ])("a missing required field in %s is reported by name, exit 1, nothing written", async (target, change, message) => {
    const run = await snapshot({ transform: (p, body) => (p === target ? JSON.parse(JSON.stringify(change(body as Record<string, unknown>))) : body) });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(`error: ${message} in the response; nothing written.`);
    expect(fs.existsSync(run.file)).toBe(false);
  });

  it("a platform.api namespace without the per-token limit is not written", async () => {
    const base = defaultOrg();
    server = await FakeGenesysServer.start({ org: { limits: { ...base.limits, "platform.api": { "max.request.payload.bytes": 1 } } } });
    const run = await snapshot();
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      "error: the snapshot would not be a valid org settings file (limits.platform.api.values: needs client.credentials.token.rate.per.minute or token.rate.per.minute); nothing written.",
    );
    expect(fs.existsSync(run.file)).toBe(false);
  });

  it("a namespace other than platform.api that the org lacks (404) is left out with a note", async () => {
    const base = defaultOrg();
    const { recording: _r, ...limits } = base.limits;
    const { recording: _d, ...limitDefaults } = base.limitDefaults;
    server = await FakeGenesysServer.start({ org: { limits, limitDefaults } });
    const run = await snapshot();
    expect(run.code).toBe(0);
    expect(Object.keys(loadOrgSettings(run.file).limits)).toEqual(["auth.api", "auth.api/defaults", "platform.api", "platform.api/defaults"]);
    expect(run.stderr).toContain("note: GET /api/v2/organizations/limits/namespaces/recording answered 404: namespace recording left out.");
  });

  it.each([
    [[], {}, "error: --env NAME is required (see --help)"],
    [["--env", "Test"], {}, 'error: --env: expected lower-case letters, digits and dashes, starting with a letter, got "Test"'],
    [["--env", "test", "--bogus"], {}, "error: Unknown option '--bogus' (see --help)"],
    [
      ["--env", "test"],
      { GENESYSCLOUD_OAUTHCLIENT_SECRET: undefined },
      'error: GENESYSCLOUD_OAUTHCLIENT_SECRET is not set (the Genesys Cloud Terraform provider\'s variable; see README "Org settings snapshot")',
    ],
    [["--env", "test"], { GENESYSCLOUD_REGION: "mars-north-1" }, 'error: GENESYSCLOUD_REGION: unknown region "mars-north-1"; known: '],
    [["--env", "test", "--gateway", "ftp://127.0.0.1:1"], {}, 'error: --gateway: expected an http or https URL, got "ftp:"'],
    [["--env", "test"], { GRG_SNAPSHOT_RETRY_BASE_MS: "soon" }, 'error: GRG_SNAPSHOT_RETRY_BASE_MS: expected a whole number of milliseconds, got "soon"'],
  ])("usage and environment problems: %j %j -> one line, exit 2", async (args, env, message) => {
    server = await FakeGenesysServer.start();
    const run = await snapshot({}, { args: args as string[], env: env as Record<string, string | undefined> });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr).startsWith(message)).toBe(true);
    expect(server.requests).toEqual([]);
  });

  it("refuses credentials of another region than the environment file's", async () => {
    fs.writeFileSync(path.join(tmp, "environments", "test.json"), JSON.stringify({ name: "test", region: "us-east-1" }));
    const run = await snapshot();
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(
      /^error: GENESYSCLOUD_REGION is eu-west-1 but .*test\.json says region us-east-1: these credentials are for another org than environment test$/,
    );
  });

  it("--help prints the usage", async () => {
    server = await FakeGenesysServer.start();
    const run = await snapshot({}, { args: ["--help"] });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: npm run org:snapshot -- --env NAME [--out FILE] [--gateway URL]");
  });

  it("writes config/org/<env>.json by default", async () => {
    server = await FakeGenesysServer.start();
    const orgDir = path.join(tmp, "config-org");
    fs.writeFileSync(path.join(tmp, "environments", "qa.json"), JSON.stringify({ name: "qa" }));
    const run = await snapshot({}, { args: ["--env", "qa", "--gateway", server.url], options: { orgDir } });
    expect(run.code).toBe(0);
    expect(loadOrgSettings(path.join(orgDir, "qa.json")).environment).toBe("qa");
  });
});

describe("acceptance: the stack derives recording_rate_limit from the snapshot", () => {
  function environment(region: string) {
    return {
      name: "test",
      kind: "test",
      region,
      orgSettings: "../org/test.json",
      retention: { policyName: "Snapshot acceptance retention", call: { deleteAfterDays: 30 } },
      divisions: {},
      serviceAccounts: [
        {
          name: "loadtest",
          capabilities: ["recordings:read"],
          divisions: ["*"],
          tokenLifetimeSeconds: 7200,
          run: { durationSeconds: 600, requestsPerSecond: 1, tokens: 2 },
        },
      ],
      trunks: [],
    };
  }

  async function synthRateLimit(
    perMinute: number,
  ): Promise<{ value: unknown; account: unknown; provenance: unknown; description: string; logs: string; out: string[] }> {
    const base = defaultOrg();
    server = await FakeGenesysServer.start({
      org: { limits: { ...base.limits, "platform.api": { "client.credentials.token.rate.per.minute": perMinute, "token.rate.per.minute": 300 } } },
    });
    fs.writeFileSync(path.join(tmp, "environments", "test.json"), JSON.stringify(environment("us-east-1"), null, 2));
    let logs = "";
    const code = await runSnapshot(
      ["--env", "test", "--out", path.join(tmp, "org", "test.json"), "--gateway", server.url],
      { stdout: (t) => (logs += t), stderr: (t) => (logs += t) },
      {
        env: {
          GENESYSCLOUD_OAUTHCLIENT_ID: FAKE_CREDENTIALS.clientId,
          GENESYSCLOUD_OAUTHCLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
          GENESYSCLOUD_REGION: "us-east-1",
        },
        now: NOW,
        retry: FAST_RETRY,
        environmentsDir: path.join(tmp, "environments"),
      },
    );
    expect(code).toBe(0);
    const outdir = path.join(tmp, `cdktf.out-${perMinute}`);
    const { app } = buildApp(path.join(tmp, "environments"), outdir);
    app.synth();
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "test", "cdk.tf.json"), "utf8"));
    await server.stop();
    server = undefined;
    return {
      value: stack.output.recording_rate_limit.value,
      account: (Object.entries(stack.output as Record<string, { value: unknown }>).find(([k]) => k.includes("loadtest")) ?? [])[1]?.value,
      provenance: stack.output.org_settings_provenance.value,
      description: stack.output.recording_rate_limit.description,
      logs,
      out: filesUnder(outdir),
    };
  }

  it("120/min per token gives 2, 300/min gives 5; no secret or token in the file, the logs or the synthesized output", async () => {
    const slow = await synthRateLimit(120);
    expect(slow.value).toBe(2);
    expect(slow.account).toBe(4);
    expect(slow.description).toContain("120/min (client.credentials.token.rate.per.minute)");
    expect(slow.description).toContain("GET /api/v2/organizations/limits/namespaces/platform.api");
    expect(slow.provenance).toBe("snapshot captured 2026-11-22T10:00:00.000Z from org 7f3c1d2e-0000-4000-8000-00000000f00d (us-east-1)");
    const fast = await synthRateLimit(300);
    expect(fast.value).toBe(5);

    const written = [path.join(tmp, "org", "test.json"), ...slow.out, ...fast.out];
    expect(slow.out.length).toBeGreaterThan(0);
    for (const f of written) expectNoSecrets(fs.readFileSync(f, "utf8"));
    expectNoSecrets(slow.logs + fast.logs);
    expectNoSecrets(consoleCalls.join("\n"));
  });
});

describe("staleness", () => {
  const settings = (kind: "snapshot" | "documented-defaults", capturedAt: string) => ({
    file: "config/org/test.json",
    environment: "test",
    provenance: { kind, capturedAt, region: null, orgId: null, orgName: null },
  });

  it("a fresh snapshot: no warning", () => {
    expect(orgSettingsStaleness(settings("snapshot", "2026-11-01T10:00:00Z"), { now: NOW })).toBeUndefined();
    expect(orgSettingsStaleness(settings("snapshot", "2026-10-23T10:00:00Z"), { now: NOW })).toBeUndefined(); // exactly 30 days
  });

  it("a snapshot older than the maximum age warns, with the age and the command", () => {
    expect(orgSettingsStaleness(settings("snapshot", "2026-10-01"), { now: NOW })).toBe(
      "config/org/test.json: snapshot captured 2026-10-01 is 52 days old, older than 30 days: limits, permissions or divisions may have changed since (run npm run org:snapshot -- --env test).",
    );
    expect(orgSettingsStaleness(settings("snapshot", "2026-11-01T10:00:00Z"), { now: NOW, maxAgeDays: 7 })).toMatch(/is 21 days old, older than 7 days/);
  });

  it("documented defaults are flagged as such, whatever their date", () => {
    expect(orgSettingsStaleness(settings("documented-defaults", "2026-11-22"), { now: NOW })).toMatch(
      /^config\/org\/test\.json: using documented defaults, not a snapshot: .*\(run npm run org:snapshot -- --env test\)\.$/,
    );
    const committed = loadOrgSettings(path.join(__dirname, "..", "config", "org", "test.json"));
    expect(orgSettingsStaleness(committed, { now: NOW })).toContain("using documented defaults, not a snapshot");
  });

  it("the maximum age comes from GRG_ORG_MAX_AGE_DAYS, default 30", () => {
    expect(maxAgeDaysFromEnv({})).toBe(DEFAULT_MAX_SNAPSHOT_AGE_DAYS);
    expect(maxAgeDaysFromEnv({ GRG_ORG_MAX_AGE_DAYS: "7" })).toBe(7);
    expect(() => maxAgeDaysFromEnv({ GRG_ORG_MAX_AGE_DAYS: "a week" })).toThrow('GRG_ORG_MAX_AGE_DAYS: expected a positive whole number of days, got "a week"');
    expect(() => maxAgeDaysFromEnv({ GRG_ORG_MAX_AGE_DAYS: "0" })).toThrow("GRG_ORG_MAX_AGE_DAYS");
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterSeconds({ "retry-after": "3" })).toBe(3);
    expect(retryAfterSeconds({ "Retry-After": "0" })).toBe(0);
    expect(retryAfterSeconds({ "retry-after": "Sun, 22 Nov 2026 10:00:05 GMT" }, NOW.getTime())).toBe(5);
    expect(retryAfterSeconds({})).toBeUndefined();
    expect(retryAfterSeconds({ "retry-after": "later" })).toBeUndefined();
  });
});

describe("rule GRG018 permission-not-in-catalogue", () => {
  // The same convention as test/rule-fixtures.test.ts, run with the org rules added.
  const RULES = [...ALL_RULES.filter((r) => !ORG_RULES.some((o) => o.id === r.id)), ...ORG_RULES];
  const dir = path.join(__dirname, "..", "rules", "fixtures", "GRG018");

  function run(which: "fail" | "pass", org: OrgSettings | null = loadOrgSettings(path.join(dir, "org.json"))) {
    const file = path.join(dir, `${which}.tf.json`);
    const config = readTerraformJson(JSON.parse(fs.readFileSync(file, "utf8")), file);
    const intentsFile = [path.join(dir, `${which}.intents.json`), path.join(dir, "intents.json")].find((f) => fs.existsSync(f));
    return audit({ config, org: org ?? undefined, ...(intentsFile ? loadIntents(intentsFile) : {}), rules: RULES });
  }

  it("fires on its failing fixture: the role's unlicensed permissions and the capability the org cannot grant", () => {
    const mine = run("fail").filter((f) => f.ruleId === "GRG018");
    expect(mine.map((f) => [f.address, f.severity, f.httpStatus, f.certainty])).toEqual([
      ["genesyscloud_auth_role.screen_reader", "error", 403, "certain"],
      ["genesyscloud_auth_role.screen_reader", "error", 403, "certain"],
      ["genesyscloud_oauth_client.screen_export", "error", 403, "certain"],
    ]);
    const messages = mine.map((f) => f.message).join("\n");
    expect(messages).toContain(
      "genesyscloud_auth_role.screen_reader: permission_policies[0] grants recording:screenRecording:view, absent from the org's permission catalogue (rules/fixtures/GRG018/org.json, GET /api/v2/authorization/permissions (all pages)): misspelled, or a permission the org cannot grant (licence) gives 403 whatever the role.",
    );
    expect(messages).toContain("permission_policies[1] grants analytics:*:view, absent from");
    expect(messages).toContain(
      "genesyscloud_oauth_client.screen_export intends recordings:read-screen (fetch screen recordings), but the org cannot grant recording:screenRecording:view",
    );
  });

  it("stays quiet on its passing fixture (wildcards that match the catalogue), and nothing there is an error", () => {
    const findings = run("pass");
    expect(findings.filter((f) => f.ruleId === "GRG018")).toEqual([]);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("does not fire without a catalogue (no org settings, or documented defaults)", () => {
    expect(run("fail", null).filter((f) => f.ruleId === "GRG018")).toEqual([]);
    const committed = loadOrgSettings(path.join(__dirname, "..", "config", "org", "test.json"));
    expect(committed.permissionCatalogue).toBeNull();
    expect(run("fail", committed).filter((f) => f.ruleId === "GRG018")).toEqual([]);
  });
});
