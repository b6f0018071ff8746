// The environment stacks as `npm run synth` writes them: the acceptance list for the test
// environment, rate limit outputs from the org settings file, and nothing secret or
// machine-specific in cdktf.out.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  ENVIRONMENTS_DIR,
  FIXTURE_ENVIRONMENTS_DIR,
  REPO_ROOT,
  SynthRun,
  TfJson,
  readStack,
  readTree,
  resourcesOf,
  runSynthesize,
  useTempDirs,
  withProcessEnv,
} from "./helpers";

const tempDir = useTempDirs();

// Credentials and a region the provider would read from the environment: none of it may reach the output.
const FAKE_SECRET = "fake-oauth-secret-5f1c9d2e7a";
const FAKE_CLIENT_ID = "fake-oauth-client-id-0b7e44";
const FAKE_TOKEN = "fake-access-token-93aa1c";
withProcessEnv({
  GENESYSCLOUD_OAUTHCLIENT_SECRET: FAKE_SECRET,
  GENESYSCLOUD_OAUTHCLIENT_ID: FAKE_CLIENT_ID,
  GENESYSCLOUD_ACCESS_TOKEN: FAKE_TOKEN,
  GENESYSCLOUD_REGION: "ap-southeast-2",
});

let committed: SynthRun;
let throttled: SynthRun;
let testStack: TfJson;
beforeAll(() => {
  committed = runSynthesize(ENVIRONMENTS_DIR, path.join(tempDir(), "cdktf.out"));
  throttled = runSynthesize(FIXTURE_ENVIRONMENTS_DIR, path.join(tempDir(), "cdktf.out"));
  testStack = readStack(committed.outdir, "test");
});

it("synthesizes the committed environments", () => {
  expect(committed.code).toBe(0);
  expect(fs.readdirSync(path.join(committed.outdir, "stacks")).sort()).toEqual(["prod", "test"]);
});

describe("test environment (acceptance list)", () => {
  it("holds a retention policy whose call policy deletes after 30 days", () => {
    const policies = Object.values(resourcesOf(testStack, "genesyscloud_recording_media_retention_policy"));
    expect(policies).toHaveLength(1);
    expect(policies[0].enabled).toBe(true);
    expect(policies[0].media_policies.call_policy.actions.retention_duration.delete_retention).toEqual({ days: 30 });
  });

  it("holds a role with permission policies in domain recording", () => {
    const roles = resourcesOf(testStack, "genesyscloud_auth_role");
    expect(roles.loadtest_recordings.permission_policies).toEqual([{ domain: "recording", entity_name: "recording", action_set: ["view"] }]);
  });

  it("holds a CLIENT-CREDENTIALS client whose roles reference that role with a division", () => {
    const client = resourcesOf(testStack, "genesyscloud_oauth_client").loadtest;
    expect(client.authorized_grant_type).toBe("CLIENT-CREDENTIALS");
    expect(client.roles).toEqual([
      { role_id: "${genesyscloud_auth_role.loadtest_recordings.id}", division_id: "${data.genesyscloud_auth_division_home.home.id}" },
      { role_id: "${genesyscloud_auth_role.loadtest_recordings.id}", division_id: "${genesyscloud_auth_division.recording_qa.id}" },
    ]);
    expect(resourcesOf(testStack, "genesyscloud_auth_division").recording_qa.name).toBe("Recording QA");
    expect(testStack.data.genesyscloud_auth_division_home).toHaveProperty("home");
  });

  it("grants the all-divisions account with division '*'", () => {
    const client = resourcesOf(testStack, "genesyscloud_oauth_client").retention_admin;
    expect(client.roles).toEqual([{ role_id: "${genesyscloud_auth_role.retention_admin_recordings.id}", division_id: "*" }]);
  });

  it("holds trunk base settings that turn line recording on", () => {
    const settings = resourcesOf(testStack, "genesyscloud_telephony_providers_edges_trunkbasesettings").byoc_test_carrier;
    const properties = JSON.parse(settings.properties);
    expect(properties.trunk_recording_enabled).toEqual({ value: { instance: true } });
    expect(properties.trunk_recording_dualChannel).toEqual({ value: { instance: true } });
    expect(settings.trunk_meta_base_id).toBe("external_sip_pcv_byoc_carrier.json");
    // The inbound site is looked up by name.
    expect(settings.inbound_site_id).toBe("${data.genesyscloud_telephony_providers_edges_site.byoc_test_carrier.id}");
    expect(testStack.data.genesyscloud_telephony_providers_edges_site.byoc_test_carrier.name).toBe("Test Site");
  });

  it("outputs recording_rate_limit = 5 requests per second from the default org settings (300/min)", () => {
    expect(testStack.output.recording_rate_limit.value).toBe(5);
    expect(testStack.output.recording_rate_limit.description).toContain("300/min");
    expect(testStack.output.rate_limit_loadtest.value).toBe(5);
  });

  it("writes the service accounts' intents next to the stack for the audit", () => {
    const intents = JSON.parse(fs.readFileSync(path.join(committed.outdir, "stacks", "test", "intents.json"), "utf8"));
    expect(Object.keys(intents.principals).sort()).toEqual(["genesyscloud_oauth_client.loadtest", "genesyscloud_oauth_client.retention_admin"]);
    expect(intents.principals["genesyscloud_oauth_client.loadtest"]).toMatchObject({
      capabilities: ["recordings:read"],
      divisions: ["home", "genesyscloud_auth_division.recording_qa"],
      run: { durationSeconds: 3600, requestsPerSecond: 4, tokens: 1 },
      readsRecordingsUpToDays: 7,
    });
  });
});

describe("rate limit outputs follow the org settings file", () => {
  // test/fixtures/environments/throttled.json uses an org whose client-credentials tokens get 120/min.
  const stack = () => readStack(throttled.outdir, "throttled");

  it("gives recording_rate_limit = 2 for 120 requests per minute", () => {
    expect(throttled.code).toBe(0);
    expect(stack().output.recording_rate_limit.value).toBe(2);
    expect(stack().output.recording_rate_limit.description).toContain("120/min (client.credentials.token.rate.per.minute)");
  });

  it("scales each account's output with the tokens its run uses", () => {
    expect(stack().output.rate_limit_loadtest.value).toBe(6); // 3 tokens
    expect(stack().output.rate_limit_reader.value).toBe(2); // no run: 1 token
  });

  it("says where the org settings come from", () => {
    expect(stack().output.org_settings_provenance.value).toBe("snapshot captured 2026-11-20 from org 00000000-0000-4000-8000-000000000120 (eu-west-1)");
  });
});

describe("provider and backend", () => {
  const stacks = () => [readStack(committed.outdir, "test"), readStack(committed.outdir, "prod"), readStack(throttled.outdir, "throttled")];

  it("takes aws_region from the environment file and no credentials at all", () => {
    expect(stacks().map((s) => s.provider.genesyscloud)).toEqual([[{ aws_region: "us-east-1" }], [{ aws_region: "us-east-1" }], [{ aws_region: "eu-west-1" }]]);
  });

  it("leaves the credentials in the environment out of every synthesized file", () => {
    for (const outdir of [committed.outdir, throttled.outdir]) {
      for (const [file, bytes] of readTree(outdir)) {
        const text = bytes.toString("utf8");
        for (const secret of [FAKE_SECRET, FAKE_CLIENT_ID, FAKE_TOKEN, "ap-southeast-2"]) {
          expect({ file, leaks: text.includes(secret) }).toEqual({ file, leaks: false });
        }
        // access_token" and not access_token_validity_seconds, which the OAuth clients rightly set.
        const credentialKeys = text.match(/"(oauthclient_id|oauthclient_secret|access_token|client_secret|expose_client_secret)"/g) ?? [];
        expect({ file, credentialKeys }).toEqual({ file, credentialKeys: [] });
      }
    }
  });

  it("uses a local backend with a relative state path", () => {
    const backends = stacks().map((s) => s.terraform.backend);
    expect(backends).toEqual([
      { local: { path: "terraform.test.tfstate" } },
      { local: { path: "terraform.prod.tfstate" } },
      { local: { path: "terraform.throttled.tfstate" } },
    ]);
  });

  it("writes no absolute path of the build machine anywhere in the output", () => {
    const machinePaths = new Set<string>();
    for (const p of [process.cwd(), os.homedir(), os.tmpdir(), __dirname, REPO_ROOT, committed.outdir]) {
      machinePaths.add(p);
      machinePaths.add(fs.realpathSync(p));
    }
    const needles = [...machinePaths].filter((p) => p.length > 1);
    for (const outdir of [committed.outdir, throttled.outdir]) {
      for (const [file, bytes] of readTree(outdir)) {
        const text = bytes.toString("utf8");
        const found = needles.filter((p) => text.includes(p));
        expect({ file, found }).toEqual({ file, found: [] });
      }
    }
  });
});
