// Unit tests for the resource rules (GRG010-GRG016) beyond their fixtures.
import { audit } from "../engine/engine";
import type { Rule } from "../core/rule";
import { RESOURCE_RULES } from "../rules/pack-resources";
import { parseIntents } from "../readers/intents";
import { readTerraformJson } from "../readers/terraform/tf-json";

const rule = (id: string): Rule => RESOURCE_RULES.find((r) => r.id === id)!;

function run(id: string, doc: unknown, options: { intents?: unknown; environmentKind?: "test" | "production" } = {}) {
  return audit({
    config: readTerraformJson(doc, "main.tf.json"),
    rules: [rule(id)],
    intents: options.intents ? parseIntents(options.intents, "intents.json") : undefined,
    environmentKind: options.environmentKind,
  });
}

const reads = (capabilities: string[], extra: Record<string, unknown> = {}) => ({
  principals: { "genesyscloud_oauth_client.reader": { capabilities, ...extra } },
});

describe("RESOURCE_RULES", () => {
  it("holds GRG010-GRG016, GRG028 and GRG034 with full metadata", () => {
    expect(RESOURCE_RULES.map((r) => r.id)).toEqual(["GRG010", "GRG011", "GRG012", "GRG013", "GRG014", "GRG015", "GRG016", "GRG028", "GRG034"]);
    for (const r of RESOURCE_RULES) {
      expect(r.explanation).toMatch(/certain|likely/i);
      expect(r.sources.length).toBeGreaterThan(0);
      // Vendored Genesys facts, or (GRG028, about module calls) Terraform's documented behaviour.
      for (const s of r.sources) expect(s).toMatch(/genesys\/README\.md|provider schema|genesys\/recording-endpoints\.json|^Terraform: /);
    }
  });
});

describe("GRG010 trunk-records-nothing", () => {
  const trunk = (body: Record<string, unknown>) => ({
    resource: {
      genesyscloud_telephony_providers_edges_trunkbasesettings: {
        t: { name: "t", trunk_meta_base_id: "external_sip_pcv_byoc_carrier.json", trunk_type: "EXTERNAL", ...body },
      },
    },
  });
  const props = (o: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { value: { instance: v } }])));

  it("warns when recording is off and there is no intent to read", () => {
    const [f] = run("GRG010", trunk({ properties: props({ trunk_recording_enabled: false }) }));
    expect(f).toMatchObject({ severity: "warning", httpStatus: null });
    expect(f.message).toMatch(/sets trunk_recording_enabled to false/);
  });

  it("treats unset properties as recording off (the default)", () => {
    const [f] = run("GRG010", trunk({}));
    expect(f.message).toMatch(/off by default/);
  });

  it("makes recording off an error when an intent reads recordings", () => {
    const [f] = run("GRG010", trunk({}), { intents: reads(["recordings:read"]) });
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/cannot be met/);
  });

  it("does not count screen-recording readers (screen recordings do not come from the trunk)", () => {
    const [f] = run("GRG010", trunk({}), { intents: reads(["recordings:read-screen"]) });
    expect(f.severity).toBe("warning");
  });

  it("is unknown when properties is an unresolvable interpolation", () => {
    const [f] = run("GRG010", trunk({ properties: "${jsonencode(local.trunk_properties)}" }));
    expect(f.severity).toBe("unknown");
  });

  it("resolves properties from a variable default", () => {
    const doc = { variable: { p: { default: props({ trunk_recording_enabled: true }) } }, ...trunk({ properties: "${var.p}" }) };
    expect(run("GRG010", doc)).toEqual([]);
  });

  it("warns about consent required", () => {
    const [f] = run("GRG010", trunk({ properties: props({ trunk_recording_enabled: true, trunk_recording_consent_required: true }) }));
    expect(f.message).toMatch(/Enable Participant Recording/);
  });

  it("ignores non-BYOC trunks and trunk data sources", () => {
    const doc = {
      resource: { genesyscloud_telephony_providers_edges_trunkbasesettings: { p: { name: "p", trunk_meta_base_id: "phone_trunk.json", trunk_type: "PHONE" } } },
      data: { genesyscloud_telephony_providers_edges_trunkbasesettings: { d: { name: "d" } } },
    };
    expect(run("GRG010", doc)).toEqual([]);
  });
});

describe("GRG011 retention-deletes-before-read", () => {
  const keep = (days?: number, extra: Record<string, unknown> = {}) => ({
    retain_recording: true,
    ...(days !== undefined ? { retention_duration: { delete_retention: { days } } } : {}),
    ...extra,
  });
  const policy = (name: string, call: unknown, extra: Record<string, unknown> = {}) => ({ name, media_policies: { call_policy: { actions: call } }, ...extra });
  const policies = (o: Record<string, unknown>) => ({ resource: { genesyscloud_recording_media_retention_policy: o } });
  const intent = reads(["recordings:read"], { readsRecordingsUpToDays: 60 });

  it("warns about always_delete without intents", () => {
    const [f] = run("GRG011", policies({ p: policy("p", keep(undefined, { always_delete: true })) }));
    expect(f).toMatchObject({ severity: "warning", httpStatus: 404 });
  });

  it("does not flag a policy that deletes later than the intent reads", () => {
    expect(run("GRG011", policies({ p: policy("p", keep(90)) }), { intents: intent })).toEqual([]);
  });

  it("flags deletion before the read, with 404 likely", () => {
    const [f] = run("GRG011", policies({ p: policy("p", keep(30)) }), { intents: intent });
    expect(f).toMatchObject({ severity: "error", httpStatus: 404, certainty: "likely" });
    expect(f.message).toMatch(/deletes call recordings after 30 day\(s\).*60 days/);
  });

  it("treats delete_recording with retain_recording false as deletion", () => {
    const [f] = run("GRG011", policies({ p: policy("p", { retain_recording: false, delete_recording: true }) }), { intents: intent });
    expect(f.message).toMatch(/at once \(delete_recording/);
  });

  it("does not flag when another enabled policy covering the media keeps recordings long enough", () => {
    expect(run("GRG011", policies({ short: policy("short", keep(30)), long: policy("long", keep(365)) }), { intents: intent })).toEqual([]);
    expect(run("GRG011", policies({ short: policy("short", keep(30)), forever: policy("forever", keep()) }), { intents: intent })).toEqual([]);
  });

  it("flags the longest policy when every covering policy deletes too soon, and says the longest wins", () => {
    const findings = run("GRG011", policies({ a: policy("a", keep(10)), b: policy("b", keep(45)) }), { intents: intent });
    expect(findings).toHaveLength(1);
    expect(findings[0].address).toBe("genesyscloud_recording_media_retention_policy.b");
    expect(findings[0].message).toMatch(/longest retention wins/);
  });

  it("ignores disabled policies", () => {
    expect(run("GRG011", policies({ p: policy("p", keep(1, { always_delete: true }), { enabled: false }) }), { intents: intent })).toEqual([]);
  });

  describe("policies for some queues (conditions)", () => {
    // A call policy whose conditions name queues: it applies to those queues' conversations only.
    const forQueues = (name: string, days: number | undefined, queues: string[], other: Record<string, unknown> = {}) => ({
      name,
      media_policies: {
        call_policy: {
          actions: keep(days),
          conditions: { for_queue_ids: queues.map((q) => `\${genesyscloud_routing_queue.${q}.id}`), ...other },
        },
      },
    });
    const queues = { genesyscloud_routing_queue: { sales: { name: "Sales" }, care: { name: "Customer Care" } } };
    const config = (o: Record<string, unknown>) => ({ resource: { ...queues, genesyscloud_recording_media_retention_policy: o } });
    const salesReader = reads(["recordings:read"], { readsRecordingsUpToDays: 60, queues: ["genesyscloud_routing_queue.sales"] });
    const careReader = reads(["recordings:read"], { readsRecordingsUpToDays: 60, queues: ["genesyscloud_routing_queue.care"] });

    it("a 7-year policy for Customer Care does not keep Sales recordings that a 30-day Sales policy deletes", () => {
      const doc = config({ sales: forQueues("Sales 30 days", 30, ["sales"]), care: forQueues("Care 7 years", 2555, ["care"]) });
      const [f, ...rest] = run("GRG011", doc, { intents: salesReader });
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ address: "genesyscloud_recording_media_retention_policy.sales", severity: "error" });
      expect(f.message).toContain("deletes call recordings of genesyscloud_routing_queue.sales after 30 day(s)");
      // A reader of all queues loses the Sales recordings too.
      expect(run("GRG011", doc, { intents: intent }).map((x) => x.address)).toEqual(["genesyscloud_recording_media_retention_policy.sales"]);
    });

    it("a 30-day policy for Sales does not touch a Customer Care reader's recordings", () => {
      expect(run("GRG011", config({ sales: forQueues("Sales 30 days", 30, ["sales"]) }), { intents: careReader })).toEqual([]);
      // ...but it does delete what a reader of every queue reads.
      expect(run("GRG011", config({ sales: forQueues("Sales 30 days", 30, ["sales"]) }), { intents: intent })).toHaveLength(1);
    });

    it("a policy for every queue, or for a superset of the queues, keeps them", () => {
      expect(run("GRG011", config({ sales: forQueues("Sales 30 days", 30, ["sales"]), all: policy("all", keep(365)) }), { intents: intent })).toEqual([]);
      const both = forQueues("Both 1 year", 365, ["sales", "care"]);
      expect(run("GRG011", config({ sales: forQueues("Sales 30 days", 30, ["sales"]), both }), { intents: intent })).toEqual([]);
    });

    it("a policy narrowed by other conditions protects only a block with the same ones", () => {
      const inbound = { directions: ["INBOUND"] };
      const short = forQueues("Sales 30 days", 30, ["sales"]);
      const longInbound = forQueues("Sales inbound 1 year", 365, ["sales"], inbound);
      // Outbound Sales calls are deleted after 30 days: the inbound-only policy does not keep them.
      expect(run("GRG011", config({ short, longInbound }), { intents: salesReader }).map((x) => x.address)).toEqual([
        "genesyscloud_recording_media_retention_policy.short",
      ]);
      const shortInbound = forQueues("Sales inbound 30 days", 30, ["sales"], inbound);
      expect(run("GRG011", config({ shortInbound, longInbound }), { intents: salesReader })).toEqual([]);
    });

    it("a keeping policy whose queues cannot be resolved makes the finding unknown, not silent; condition lists compare in any order", () => {
      const vip = {
        name: "VIP",
        media_policies: { call_policy: { actions: keep(2555), conditions: { for_queue_ids: ["${var.vip_queue_id}"] } } },
      };
      const doc = { variable: { vip_queue_id: {} }, ...config({ short: policy("short", keep(30)), vip }) };
      expect(run("GRG011", doc, { intents: intent }).map((x) => [x.address, x.severity])).toEqual([
        ["genesyscloud_recording_media_retention_policy.short", "unknown"],
      ]);
      const a = forQueues("Sales 30 days", 30, ["sales"], { directions: ["INBOUND", "OUTBOUND"] });
      const b = forQueues("Sales 1 year", 365, ["sales"], { directions: ["OUTBOUND", "INBOUND"] });
      expect(run("GRG011", config({ a, b }), { intents: salesReader })).toEqual([]);
    });

    it("among too-short policies for the same conversations the one deleting last decides and is the one reported", () => {
      const doc = config({ a: forQueues("Sales 10 days", 10, ["sales"]), b: policy("b", keep(45)) });
      expect(run("GRG011", doc, { intents: salesReader }).map((x) => x.address)).toEqual(["genesyscloud_recording_media_retention_policy.b"]);
    });
  });

  it("reads top-level actions for the media types of their conditions", () => {
    const doc = policies({
      p: { name: "p", actions: { retain_recording: true, retention_duration: { delete_retention: { days: 7 } } }, conditions: { media_types: ["chat"] } },
    });
    const [f] = run("GRG011", doc, { intents: intent });
    expect(f.message).toMatch(/deletes chat recordings after 7/);
  });

  it("is unknown when the deletion period is an interpolation", () => {
    const [f] = run("GRG011", policies({ p: policy("p", keep(undefined, { retention_duration: { delete_retention: { days: "${var.days}" } } })) }), {
      intents: intent,
    });
    expect(f.severity).toBe("unknown");
  });
});

describe("GRG012 unknown-to-provider-schema", () => {
  it("reports a type outside the vendored schema as unknown, not as an error", () => {
    const [f] = run("GRG012", { resource: { genesyscloud_quantum_recorder: { q: { name: "q" } } } });
    expect(f.severity).toBe("unknown");
  });

  it("points provider findings at the provider block's file", () => {
    const [f] = run("GRG012", { provider: { genesyscloud: { aws_regoin: "us-east-1" } } });
    expect(f).toMatchObject({ address: "provider.genesyscloud", file: "main.tf.json", severity: "error" });
    expect(f.message).toMatch(/did you mean aws_region\?/);
  });
});

describe("GRG013 trunk-property-key-unknown", () => {
  const trunk = (properties: string) => ({
    resource: {
      genesyscloud_telephony_providers_edges_trunkbasesettings: {
        t: { name: "t", trunk_meta_base_id: "external_sip_pcv_byoc_carrier.json", trunk_type: "EXTERNAL", properties },
      },
    },
  });

  it("leaves keys that are not about recording alone", () => {
    // A key named in the README ("BYOC trunks"); its value here is only a placeholder.
    expect(run("GRG013", trunk(JSON.stringify({ trunk_maxDialTimeout: { value: { instance: "placeholder" } } })))).toEqual([]);
  });

  it("suggests the real key for a near miss", () => {
    const [f] = run("GRG013", trunk(JSON.stringify({ trunk_recording_enabeld: { value: { instance: true } } })));
    expect(f.message).toMatch(/the real key is trunk_recording_enabled/);
  });

  it("flags invented capability tags", () => {
    const messages = run("GRG013", trunk(JSON.stringify({ "analytics:byoc": true, "recording:consent": true }))).map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages.join("\n")).toMatch(/no capability tags/);
  });

  it("reports malformed JSON", () => {
    const [f] = run("GRG013", trunk('{"trunk_recording_enabled": {"value": {"instance": true}}'));
    expect(f.message).toMatch(/not valid JSON/);
  });
});

describe("GRG014 permission-not-real", () => {
  const role = (policies: unknown[]) => ({ resource: { genesyscloud_auth_role: { r: { name: "r", permission_policies: policies } } } });

  it("accepts wildcards that match a real permission", () => {
    expect(
      run(
        "GRG014",
        role([
          { domain: "recording", entity_name: "*", action_set: ["view"] },
          { domain: "recording", entity_name: "recording", action_set: ["*"] },
          { domain: "recording", entity_name: "*", action_set: ["*"] },
          { domain: "routing", entity_name: "queue", action_set: ["view"] },
        ]),
      ),
    ).toEqual([]);
  });

  it("flags a wildcard that matches nothing real", () => {
    const [f] = run("GRG014", role([{ domain: "recording", entity_name: "recordings", action_set: ["*"] }]));
    expect(f.message).toMatch(/recording:recordings:\*/);
  });

  it("suggests a near spelling", () => {
    const [f] = run("GRG014", role([{ domain: "recording", entity_name: "recording", action_set: ["veiw"] }]));
    expect(f.message).toMatch(/did you mean recording:recording:view\?/);
  });

  it("flags a wrongly cased domain", () => {
    const [f] = run("GRG014", role([{ domain: "Recording", entity_name: "recording", action_set: ["view"] }]));
    expect(f.message).toMatch(/domain "Recording"/);
  });
});

describe("GRG015 test-retention-never-deletes", () => {
  const policy = (actions: unknown, extra: Record<string, unknown> = {}) => ({
    resource: { genesyscloud_recording_media_retention_policy: { p: { name: "p", media_policies: { call_policy: { actions } }, ...extra } } },
  });

  it("only runs for test environments", () => {
    expect(run("GRG015", policy({ retain_recording: true }), { environmentKind: "production" })).toEqual([]);
    expect(run("GRG015", policy({ retain_recording: true }))).toEqual([]);
    const [f] = run("GRG015", policy({ retain_recording: true }), { environmentKind: "test" });
    expect(f.message).toMatch(/not a 403 cause/);
  });

  it("does not fire without policies", () => {
    expect(run("GRG015", { resource: {} }, { environmentKind: "test" })).toEqual([]);
  });

  it("counts screen-recording deletion and unreadable periods as deleting", () => {
    expect(
      run("GRG015", policy({ retain_recording: true, initiate_screen_recording: { delete_retention: { days: 30 } } }), { environmentKind: "test" }),
    ).toEqual([]);
    expect(
      run("GRG015", policy({ retain_recording: true, retention_duration: { delete_retention: { days: "${var.d}" } } }), { environmentKind: "test" }),
    ).toEqual([]);
  });

  it("fires when the only deleting policy is disabled", () => {
    const doc = policy({ retain_recording: true, retention_duration: { delete_retention: { days: 30 } } }, { enabled: false });
    expect(run("GRG015", doc, { environmentKind: "test" })).toHaveLength(1);
  });
});

describe("GRG016 client-secret-in-state", () => {
  it("flags expose_client_secret = true only", () => {
    const client = (v: unknown) => ({ resource: { genesyscloud_oauth_client: { c: { name: "c", authorized_grant_type: "CODE", expose_client_secret: v } } } });
    expect(run("GRG016", client(true))).toHaveLength(1);
    expect(run("GRG016", client(false))).toEqual([]);
  });
});
