// The recording constructs: what Terraform JSON each one declares, and which props it refuses.
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { AuthDivision } from "../.gen/providers/genesyscloud/auth-division";
import { GenesyscloudProvider } from "../.gen/providers/genesyscloud/provider";
import { DataGenesyscloudAuthDivisionHome } from "../.gen/providers/genesyscloud/data-genesyscloud-auth-division-home";
import { ByocTrunk, ByocTrunkProps, TrunkRecordingOptions } from "../constructs/byoc-trunk";
import { ConstructPropsError } from "../constructs/construct-error";
import { RecordingRetentionPolicy, RecordingRetentionPolicyProps } from "../constructs/recording-retention-policy";
import { RecordingServiceAccount, RecordingServiceAccountProps } from "../constructs/recording-service-account";
import { CAPABILITIES, CAPABILITY_NAMES, CapabilityName } from "../genesys/capabilities";
import { TfJson, onlyResource, resourcesOf, synthJson, thrownBy } from "./helpers";

/** Constructs a construct in a fresh stack and returns what it throws. */
function refusal(declare: (scope: Construct) => void): Error {
  return thrownBy(() => declare(new TerraformStack(Testing.app(), "stack")));
}

/** Flattens permission_policies into sorted domain:entity:action strings. */
function grantedPermissions(role: TfJson): string[] {
  return role.permission_policies.flatMap((p: TfJson) => p.action_set.map((action: string) => `${p.domain}:${p.entity_name}:${action}`)).sort();
}

describe("RecordingRetentionPolicy", () => {
  const policyOf = (props: RecordingRetentionPolicyProps) =>
    onlyResource(
      synthJson((scope) => new RecordingRetentionPolicy(scope, "retention", props)),
      "genesyscloud_recording_media_retention_policy",
    );
  it("declares one enabled policy with retain and delete_retention days for every media type", () => {
    const policy = policyOf({
      policyName: "Test retention",
      description: "delete after a month",
      call: { deleteAfterDays: 30 },
      chat: { deleteAfterDays: 31 },
      email: { deleteAfterDays: 32 },
      message: { deleteAfterDays: 33 },
    });
    expect(policy).toMatchObject({ name: "Test retention", description: "delete after a month", enabled: true, order: 1 });
    const expected = (days: number) => ({
      actions: {
        retain_recording: true,
        delete_recording: false,
        always_delete: false,
        retention_duration: { delete_retention: { days } },
      },
    });
    expect(policy.media_policies).toEqual({
      call_policy: expected(30),
      chat_policy: expected(31),
      email_policy: expected(32),
      message_policy: expected(33),
    });
  });

  it("declares only the media types it is given", () => {
    const policy = policyOf({ policyName: "Chat only", chat: { deleteAfterDays: 10 } });
    expect(Object.keys(policy.media_policies)).toEqual(["chat_policy"]);
  });

  it("keeps recordings (no delete_retention) when no deletion period is given", () => {
    const policy = policyOf({ policyName: "Keep", call: { archiveAfterDays: 90 } });
    expect(policy.media_policies.call_policy.actions.retention_duration).toEqual({
      archive_retention: { days: 90, storage_medium: "CLOUDARCHIVE" },
    });
  });

  it("archives to CLOUDARCHIVE before deleting", () => {
    const policy = policyOf({ policyName: "Archive", email: { archiveAfterDays: 90, deleteAfterDays: 2555 } });
    expect(policy.media_policies.email_policy.actions.retention_duration).toEqual({
      archive_retention: { days: 90, storage_medium: "CLOUDARCHIVE" },
      delete_retention: { days: 2555 },
    });
  });

  it("honours order and enabled", () => {
    expect(policyOf({ policyName: "Off", order: 5, enabled: false, call: { deleteAfterDays: 1 } })).toMatchObject({ order: 5, enabled: false });
  });

  it("puts screen recording under the call policy only", () => {
    const policy = policyOf({
      policyName: "Screens",
      call: { deleteAfterDays: 400 },
      chat: { deleteAfterDays: 30 },
      screen: { archiveAfterDays: 30, deleteAfterDays: 365, recordAfterCallWork: true },
    });
    expect(policy.media_policies.call_policy.actions.initiate_screen_recording).toEqual({
      record_acw: true,
      archive_retention: { days: 30, storage_medium: "CLOUDARCHIVE" },
      delete_retention: { days: 365 },
    });
    expect(policy.media_policies.chat_policy.actions).not.toHaveProperty("initiate_screen_recording");
  });

  it("does not record after-call work on screen unless asked", () => {
    const policy = policyOf({ policyName: "Screens", call: { deleteAfterDays: 30 }, screen: { deleteAfterDays: 30 } });
    expect(policy.media_policies.call_policy.actions.initiate_screen_recording.record_acw).toBe(false);
  });

  it.each<[string, RecordingRetentionPolicyProps, string]>([
    ["negative days", { policyName: "p", call: { deleteAfterDays: -30 } }, "call.deleteAfterDays: must be a positive whole number of days, got -30"],
    ["zero days", { policyName: "p", chat: { archiveAfterDays: 0 } }, "chat.archiveAfterDays: must be a positive whole number of days, got 0"],
    ["fractional days", { policyName: "p", message: { deleteAfterDays: 7.5 } }, "message.deleteAfterDays: must be a positive whole number of days, got 7.5"],
    ["archive on the deletion day", { policyName: "p", call: { archiveAfterDays: 30, deleteAfterDays: 30 } }, "call.archiveAfterDays: archiving after 30 days"],
    ["archive after deletion", { policyName: "p", email: { archiveAfterDays: 60, deleteAfterDays: 30 } }, "email.archiveAfterDays: archiving after 60 days"],
    [
      "screen kept longer than a year",
      { policyName: "p", call: { deleteAfterDays: 30 }, screen: { deleteAfterDays: 366 } },
      "screen.deleteAfterDays: Genesys Cloud keeps screen recordings at most 365 days, got 366",
    ],
    [
      "screen archived after a year",
      { policyName: "p", call: { deleteAfterDays: 30 }, screen: { archiveAfterDays: 400, deleteAfterDays: 365 } },
      "screen.archiveAfterDays",
    ],
    ["screen without deletion", { policyName: "p", call: { deleteAfterDays: 30 }, screen: { recordAfterCallWork: true } }, "screen.deleteAfterDays: required"],
    [
      "screen without call",
      { policyName: "p", chat: { deleteAfterDays: 30 }, screen: { deleteAfterDays: 30 } },
      "screen: screen recordings are started by the call policy",
    ],
    ["no media", { policyName: "p" }, "call|chat|email|message: declare retention for at least one media type"],
    ["no name", { policyName: "", call: { deleteAfterDays: 30 } }, "policyName: must not be empty"],
  ])("refuses %s, naming the prop", (_, props, message) => {
    const err = refusal((scope) => new RecordingRetentionPolicy(scope, "retention", props));
    expect(err).toBeInstanceOf(ConstructPropsError);
    expect(err.message).toMatch(/^stack\/retention: /);
    expect(err.message).toContain(message);
    expect(err.message).not.toContain("\n");
  });

  it("accepts screen retention of exactly one year", () => {
    const policy = policyOf({ policyName: "p", call: { deleteAfterDays: 30 }, screen: { deleteAfterDays: 365 } });
    expect(policy.media_policies.call_policy.actions.initiate_screen_recording.delete_retention).toEqual({ days: 365 });
  });
});

describe("RecordingServiceAccount", () => {
  const base: RecordingServiceAccountProps = { name: "loadtest", capabilities: ["recordings:read"], divisions: [{ kind: "all" }] };

  function declare(props: Partial<RecordingServiceAccountProps>) {
    let account!: RecordingServiceAccount;
    const json = synthJson((scope) => {
      account = new RecordingServiceAccount(scope, "account", { ...base, ...props });
    });
    return {
      account,
      json,
      role: onlyResource(json, "genesyscloud_auth_role"),
      client: onlyResource(json, "genesyscloud_oauth_client"),
    };
  }
  const refused = (props: Partial<RecordingServiceAccountProps>) => refusal((scope) => new RecordingServiceAccount(scope, "account", { ...base, ...props }));

  it("refuses at synth an escape hatch that turns its client into an implicit-grant (TOKEN) client", () => {
    const stackWithProvider = (app: ReturnType<typeof Testing.app>) => {
      const stack = new TerraformStack(app, "stack");
      new GenesyscloudProvider(stack, "genesyscloud", { awsRegion: "us-east-1" } as never);
      return stack;
    };
    const app = Testing.app();
    const account = new RecordingServiceAccount(stackWithProvider(app), "account", base);
    account.client.addOverride("authorized_grant_type", "TOKEN");
    expect(() => app.synth()).toThrow(/stack\/account: authorized_grant_type: the implicit grant \(TOKEN\) can no longer be created/);
    // Left as declared (CLIENT-CREDENTIALS), the same app synthesizes.
    const fine = Testing.app();
    new RecordingServiceAccount(stackWithProvider(fine), "account", base);
    expect(() => fine.synth()).not.toThrow();
  });

  it("grants exactly recording:recording:view for recordings:read", () => {
    expect(declare({ capabilities: ["recordings:read"] }).role.permission_policies).toEqual([
      { domain: "recording", entity_name: "recording", action_set: ["view"] },
    ]);
  });

  it("groups the bulk-job and retention-policy permissions by domain and entity, actions sorted", () => {
    const { role } = declare({ capabilities: ["recordings:bulk-jobs", "recordings:manage-retention-policies"] });
    expect(role.permission_policies).toEqual([
      { domain: "quality", entity_name: "evaluationForm", action_set: ["view"] },
      { domain: "quality", entity_name: "surveyForm", action_set: ["view"] },
      { domain: "recording", entity_name: "job", action_set: ["add", "delete", "edit", "view"] },
      { domain: "recording", entity_name: "recording", action_set: ["editRetention"] },
      { domain: "recording", entity_name: "retentionPolicy", action_set: ["add", "delete", "edit", "view"] },
      { domain: "recording", entity_name: "screenRecording", action_set: ["editRetention"] },
      { domain: "recording", entity_name: "snippetRecording", action_set: ["editRetention"] },
    ]);
  });

  it("merges overlapping capabilities without duplicate actions", () => {
    const { role } = declare({ capabilities: ["recordings:read", "recordings:read-sensitive", "recordings:write"] });
    expect(role.permission_policies).toEqual([
      { domain: "recording", entity_name: "recording", action_set: ["editRetention", "restore", "view", "viewSensitiveData"] },
    ]);
  });

  const standalone = CAPABILITY_NAMES.filter((c) => !CAPABILITIES[c].needsAlso);
  it.each(standalone)("grants exactly the permissions the capability table lists for %s", (capability) => {
    const { role } = declare({ capabilities: [capability] });
    expect(grantedPermissions(role)).toEqual([...CAPABILITIES[capability].grants].sort());
  });

  it("grants annotation permissions together with the view permission it relies on", () => {
    const { role } = declare({ capabilities: ["recordings:read", "recordings:annotate"] });
    expect(grantedPermissions(role)).toEqual(
      ["recording:annotation:add", "recording:annotation:delete", "recording:annotation:edit", "recording:annotation:view", "recording:recording:view"].sort(),
    );
  });

  it("names the role after the account and lists its capabilities", () => {
    const { role } = declare({ capabilities: ["recordings:read", "recordings:upload"] });
    expect(role.name).toBe("Recording Guard loadtest");
    expect(role.description).toContain("recordings:read, recordings:upload");
  });

  it("declares an active CLIENT-CREDENTIALS client", () => {
    const { client } = declare({ description: "reads recordings" });
    expect(client).toMatchObject({
      name: "Recording Guard loadtest",
      description: "reads recordings",
      authorized_grant_type: "CLIENT-CREDENTIALS",
      state: "active",
    });
  });

  it("grants the role once per division: '*' for all, the home data source id, a managed division's id", () => {
    let account!: RecordingServiceAccount;
    const json = synthJson((scope) => {
      const home = new DataGenesyscloudAuthDivisionHome(scope, "home");
      home.overrideLogicalId("home");
      const qa = new AuthDivision(scope, "qa", { name: "QA" });
      qa.overrideLogicalId("qa");
      account = new RecordingServiceAccount(scope, "account", {
        ...base,
        divisions: [{ kind: "all" }, { kind: "home", id: home.id }, { kind: "division", id: qa.id, address: "genesyscloud_auth_division.qa" }],
      });
    });
    const client = onlyResource(json, "genesyscloud_oauth_client");
    const role = "${genesyscloud_auth_role.loadtest_recordings.id}";
    expect(Object.keys(resourcesOf(json, "genesyscloud_auth_role"))).toEqual(["loadtest_recordings"]);
    expect(client.roles).toEqual([
      { role_id: role, division_id: "*" },
      { role_id: role, division_id: "${data.genesyscloud_auth_division_home.home.id}" },
      { role_id: role, division_id: "${genesyscloud_auth_division.qa.id}" },
    ]);
    expect(account.intent.divisions).toEqual(["*", "home", "genesyscloud_auth_division.qa"]);
  });

  it("is addressable as genesyscloud_oauth_client.<name> with dashes made Terraform-safe", () => {
    const { account, json } = declare({ name: "retention-admin" });
    expect(Object.keys(resourcesOf(json, "genesyscloud_oauth_client"))).toEqual(["retention_admin"]);
    expect(Object.keys(resourcesOf(json, "genesyscloud_auth_role"))).toEqual(["retention_admin_recordings"]);
    expect(account.address).toBe("genesyscloud_oauth_client.retention_admin");
  });

  it("uses the documented default token lifetime of 86400 s", () => {
    expect(declare({}).client.access_token_validity_seconds).toBe(86400);
  });

  it.each([300, 7200, 172800])("accepts a token lifetime of %d s", (seconds) => {
    expect(declare({ tokenLifetimeSeconds: seconds }).client.access_token_validity_seconds).toBe(seconds);
  });

  it.each([299, 172801, 0, 3600.5])("refuses a token lifetime of %d s", (seconds) => {
    const err = refused({ tokenLifetimeSeconds: seconds });
    expect(err).toBeInstanceOf(ConstructPropsError);
    expect(err.message).toBe(`stack/account: tokenLifetimeSeconds: must be a whole number from 300 to 172800, got ${seconds}`);
  });

  it("refuses annotate without a view permission", () => {
    const err = refused({ capabilities: ["recordings:annotate"] });
    expect(err).toBeInstanceOf(ConstructPropsError);
    expect(err.message).toBe("stack/account: capabilities: recordings:annotate also needs recordings:read (its endpoints require a view permission)");
  });

  it("accepts annotate when another capability grants recording:recording:view", () => {
    const { role } = declare({ capabilities: ["recordings:read-sensitive", "recordings:annotate"] });
    expect(grantedPermissions(role)).toContain("recording:annotation:add");
  });

  it.each<[string, Partial<RecordingServiceAccountProps>, string]>([
    ["no capabilities", { capabilities: [] }, "capabilities: name at least one capability"],
    ["an unknown capability (from JS)", { capabilities: ["recordings:delete" as CapabilityName] }, 'capabilities: unknown capability "recordings:delete"'],
    ["no divisions", { divisions: [] }, "divisions: name at least one division"],
    ["an upper-case name", { name: "LoadTest" }, 'name: expected lower-case letters, digits and dashes, got "LoadTest"'],
    ["a run without duration", { run: { durationSeconds: 0, requestsPerSecond: 1 } }, "run.durationSeconds: must be positive"],
    ["a run without rate", { run: { durationSeconds: 60, requestsPerSecond: -1 } }, "run.requestsPerSecond: must be positive"],
    ["a run with zero tokens", { run: { durationSeconds: 60, requestsPerSecond: 1, tokens: 0 } }, "run.tokens: must be a whole number, at least 1"],
  ])("refuses %s, naming the prop", (_, props, message) => {
    const err = refused(props);
    expect(err).toBeInstanceOf(ConstructPropsError);
    expect(err.message).toContain(`stack/account: ${message}`);
  });

  it("records the intent the policy engine checks", () => {
    const { account } = declare({
      capabilities: ["recordings:read", "recordings:read-screen"],
      queues: ["queue-1"],
      run: { durationSeconds: 3600, requestsPerSecond: 4 },
      readsRecordingsUpToDays: 7,
    });
    expect(account.intent).toEqual({
      capabilities: ["recordings:read", "recordings:read-screen"],
      divisions: ["*"],
      queues: ["queue-1"],
      run: { durationSeconds: 3600, requestsPerSecond: 4, tokens: 1 },
      readsRecordingsUpToDays: 7,
      declaredBy: "stack/account",
    });
  });

  it("leaves optional intent fields out when they are not given", () => {
    expect(declare({}).account.intent).toEqual({ capabilities: ["recordings:read"], divisions: ["*"], declaredBy: "stack/account" });
  });

  it("never puts a client secret into the configuration", () => {
    const { client, json } = declare({ capabilities: ["recordings:read", "recordings:bulk-jobs"] });
    expect(client).not.toHaveProperty("client_secret");
    expect(client).not.toHaveProperty("expose_client_secret");
    expect(client).not.toHaveProperty("directory_client_secret");
    expect(JSON.stringify(json)).not.toMatch(/secret/i);
  });
});

describe("ByocTrunk", () => {
  const base: ByocTrunkProps = { name: "byoc-carrier", inboundSiteId: "site-1", recording: { enabled: true } };

  function declare(props: Partial<ByocTrunkProps>) {
    const json = synthJson((scope) => new ByocTrunk(scope, "trunk", { ...base, ...props }));
    const settings = onlyResource(json, "genesyscloud_telephony_providers_edges_trunkbasesettings");
    return { json, settings, properties: JSON.parse(settings.properties) };
  }
  const refused = (props: Partial<ByocTrunkProps>) => refusal((scope) => new ByocTrunk(scope, "trunk", { ...base, ...props }));

  it("declares BYOC Carrier trunk base settings on the inbound site", () => {
    const { settings } = declare({ description: "carrier" });
    expect(settings).toMatchObject({
      name: "byoc-carrier",
      description: "carrier",
      trunk_meta_base_id: "external_sip_pcv_byoc_carrier.json",
      trunk_type: "EXTERNAL",
      inbound_site_id: "site-1",
    });
  });

  it("turns line recording on with trunk_recording_enabled", () => {
    expect(declare({}).properties).toEqual({ trunk_recording_enabled: { value: { instance: true } } });
  });

  it("keeps line recording off when told so", () => {
    expect(declare({ recording: { enabled: false } }).properties).toEqual({ trunk_recording_enabled: { value: { instance: false } } });
  });

  it("maps every recording option to its trunk_recording_* key", () => {
    const recording: TrunkRecordingOptions = {
      enabled: true,
      consentRequired: true,
      dualChannel: true,
      audioFormat: "audio/opus",
      consultRecordingEnabled: false,
      disallowRecordingDuringHold: true,
      levelControlEnabled: true,
      externalTransfersEnabled: false,
      beep: { enabled: true, amplitude: 0.5, duration: 200, frequency: 1400, interval: 15, tone2Amplitude: 0.25, tone2Frequency: 900 },
    };
    const v = (instance: unknown) => ({ value: { instance } });
    expect(declare({ recording }).properties).toEqual({
      trunk_recording_enabled: v(true),
      trunk_recording_consent_required: v(true),
      trunk_recording_dualChannel: v(true),
      trunk_recording_audioFormat: v("audio/opus"),
      trunk_consult_recording_enabled: v(false),
      trunk_disallow_recording_during_hold: v(true),
      trunk_recording_levelControlEnabled: v(true),
      trunk_recording_externalTransfersEnabled: v(false),
      trunk_recording_beep_enabled: v(true),
      trunk_recording_beep_amplitude: v(0.5),
      trunk_recording_beep_duration: v(200),
      trunk_recording_beep_frequency: v(1400),
      trunk_recording_beep_interval: v(15),
      trunk_recording_beep_tone2_amplitude: v(0.25),
      trunk_recording_beep_tone2_frequency: v(900),
    });
  });

  it("writes the properties JSON with sorted keys, whatever the option order", () => {
    const a = declare({ recording: { dualChannel: true, enabled: true, audioFormat: "audio/opus" } }).settings.properties;
    const b = declare({ recording: { audioFormat: "audio/opus", enabled: true, dualChannel: true } }).settings.properties;
    expect(a).toBe(b);
    expect(Object.keys(JSON.parse(a))).toEqual(["trunk_recording_audioFormat", "trunk_recording_dualChannel", "trunk_recording_enabled"]);
  });

  it("declares no trunk without an edge group", () => {
    expect(resourcesOf(declare({}).json, "genesyscloud_telephony_providers_edges_trunk")).toEqual({});
  });

  it("puts the trunk on the edge group when given one", () => {
    const { json } = declare({ edgeGroupId: "edge-group-1" });
    expect(resourcesOf(json, "genesyscloud_telephony_providers_edges_trunk")).toEqual({
      byoc_carrier: {
        edge_group_id: "edge-group-1",
        trunk_base_settings_id: "${genesyscloud_telephony_providers_edges_trunkbasesettings.byoc_carrier.id}",
      },
    });
  });

  it.each<[string, Partial<ByocTrunkProps>, string]>([
    // Props as plain JavaScript would pass them: the type system cannot stop these.
    [
      "a made-up capability tag",
      { recording: { enabled: true, tags: ["recording:consent"] } as unknown as TrunkRecordingOptions },
      "recording.tags: unknown recording option",
    ],
    [
      "a snake_case option",
      { recording: { enabled: true, dual_channel: true } as unknown as TrunkRecordingOptions },
      "recording.dual_channel: unknown recording option",
    ],
    [
      "an unknown beep option",
      { recording: { enabled: true, beep: { enabled: true, volume: 3 } } as unknown as TrunkRecordingOptions },
      "recording.beep.volume: unknown beep option",
    ],
    ["a string where a boolean belongs", { recording: { enabled: "yes" } as unknown as TrunkRecordingOptions }, "recording.enabled: expected a boolean"],
    [
      "a boolean audio format",
      { recording: { enabled: true, audioFormat: true } as unknown as TrunkRecordingOptions },
      "recording.audioFormat: expected a string",
    ],
    ["recording without enabled", { recording: { dualChannel: true } as unknown as TrunkRecordingOptions }, "recording.enabled: required"],
    ["no inbound site", { inboundSiteId: "" }, "inboundSiteId: BYOC Carrier trunks need the inbound site"],
  ])("refuses %s, naming the option", (_, props, message) => {
    const err = refused(props);
    expect(err).toBeInstanceOf(ConstructPropsError);
    expect(err.message).toContain(`stack/trunk: ${message}`);
  });
});
