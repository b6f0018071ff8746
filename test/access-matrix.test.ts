// The recording access matrix: capabilities per principal and division from the real grants,
// trunk recording settings, retention policies and their overlaps; JSON and Markdown output.
import * as fs from "fs";
import * as path from "path";
import { parseIntents } from "../readers/intents";
import { audit } from "../engine/engine";
import { buildAccessMatrix, formatAccessMatrixJson, type AccessMatrix, type CapabilityCell, type PrincipalAccess } from "../reporters/access-matrix";
import { formatAccessMatrixMarkdown } from "../reporters/access-matrix-markdown";
import type { ReportContext } from "../reporters/report-context";
import { readTerraformJson } from "../readers/terraform/tf-json";

const FIXTURES = path.join(__dirname, "..", "rules", "fixtures");

function context(doc: object, intents?: object): ReportContext {
  const config = readTerraformJson(doc, "main.tf.json");
  const parsed = intents ? parseIntents(intents, "intents.json") : undefined;
  return { findings: audit({ config, intents: parsed }), inputs: [], config, intents: parsed };
}

function fixture(ruleId: string): ReportContext {
  const dir = path.join(FIXTURES, ruleId);
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
  return context(read("fail.tf.json"), fs.existsSync(path.join(dir, "intents.json")) ? read("intents.json") : undefined);
}

function principal(m: AccessMatrix, address: string): PrincipalAccess {
  const p = m.principals.find((x) => x.address === address);
  if (!p) throw new Error(`no principal ${address} in the matrix`);
  return p;
}

function cell(cells: readonly CapabilityCell[], capability: string): CapabilityCell {
  const c = cells.find((x) => x.capability === capability);
  if (!c) throw new Error(`no cell for ${capability}`);
  return c;
}

function division(p: PrincipalAccess, key: string) {
  const d = p.divisions.find((x) => x.key === key);
  if (!d) throw new Error(`no division ${key} for ${p.address}; have ${p.divisions.map((x) => x.key).join(", ")}`);
  return d;
}

const role = (name: string, policies: object[]) => ({ name, permission_policies: policies });
const client = (roles: object[], extra: object = {}) => ({ name: "client", authorized_grant_type: "CLIENT-CREDENTIALS", roles, ...extra });

describe("access matrix: principals", () => {
  it("shows read where the role is granted (home) and not in a division it is not granted in (sales)", () => {
    const m = buildAccessMatrix(fixture("GRG003"));
    const p = principal(m, "genesyscloud_oauth_client.loadtest");
    expect(p.access).toBe("own-grants");
    expect(p.grants).toEqual([
      {
        role: "genesyscloud_auth_role.reader",
        roleReadable: true,
        roleName: "Role reader",
        division: "the home division (division unset)",
        divisionKey: "home",
        conditions: [],
      },
    ]);
    expect(p.divisions.map((d) => d.key)).toEqual(["home", "genesyscloud_auth_division.sales"]);

    const home = division(p, "home");
    expect(home).toMatchObject({ granted: true, intended: false, roles: ["genesyscloud_auth_role.reader"] });
    expect(cell(home.capabilities, "recordings:read")).toMatchObject({ status: "granted", via: ["genesyscloud_auth_role.reader"] });

    const sales = division(p, "genesyscloud_auth_division.sales");
    expect(sales).toMatchObject({ granted: false, intended: true, roles: [] });
    const read = cell(sales.capabilities, "recordings:read");
    expect(read).toMatchObject({ status: "not-granted", intended: true });
    expect(read.missing[0]).toMatchObject({ requires: "ANY", endpoint: "GET /api/v2/conversations/{conversationId}/recordings", certainty: "certain" });
    expect(read.missing[0].permissions).toContain("recording:recording:view");
    expect(cell(sales.capabilities, "recordings:read-screen")).toMatchObject({ status: "not-granted", intended: false, missing: [] });

    expect(p.intent?.unmet).toEqual([{ capability: "recordings:read", division: "genesyscloud_auth_division.sales", status: "not-granted" }]);
    expect(cell(p.anywhere, "recordings:read").status).toBe("granted");
  });

  it("counts wildcard entities and actions", () => {
    const m = buildAccessMatrix(
      context({
        resource: {
          genesyscloud_auth_role: {
            everything: role("All recording", [{ domain: "recording", entity_name: "*", action_set: ["*"] }]),
            recording_any_action: role("Any action on recordings", [{ domain: "recording", entity_name: "recording", action_set: ["*"] }]),
          },
          genesyscloud_oauth_client: {
            all: client([{ role_id: "${genesyscloud_auth_role.everything.id}", division_id: "*" }]),
            some: client([{ role_id: "${genesyscloud_auth_role.recording_any_action.id}" }]),
          },
        },
      }),
    );
    const all = principal(m, "genesyscloud_oauth_client.all");
    const star = division(all, "*");
    expect(star.label).toBe('all divisions ("*")');
    for (const c of [
      "recordings:read",
      "recordings:read-screen",
      "recordings:read-sensitive",
      "recordings:write",
      "recordings:annotate",
      "recordings:upload",
      "recordings:bulk-jobs",
    ]) {
      expect([c, cell(star.capabilities, c).status]).toEqual([c, "granted"]);
    }
    // Managing retention policies also needs quality:* permissions, which recording:*:* does not give.
    expect(cell(star.capabilities, "recordings:manage-retention-policies").status).toBe("not-granted");

    const some = principal(m, "genesyscloud_oauth_client.some");
    const home = division(some, "home");
    expect(cell(home.capabilities, "recordings:read").status).toBe("granted");
    expect(cell(home.capabilities, "recordings:read-sensitive").status).toBe("granted");
    expect(cell(home.capabilities, "recordings:write").status).toBe("granted");
    expect(cell(home.capabilities, "recordings:read-screen").status).toBe("not-granted");
  });

  it("marks capabilities unknown when a role cannot be read", () => {
    const m = buildAccessMatrix(
      context({
        data: { genesyscloud_auth_role: { builtin: { name: "Supervisor" } } },
        resource: { genesyscloud_oauth_client: { opaque: client([{ role_id: "${data.genesyscloud_auth_role.builtin.id}" }]) } },
      }),
    );
    const p = principal(m, "genesyscloud_oauth_client.opaque");
    expect(p.grants[0]).toMatchObject({ role: "data.genesyscloud_auth_role.builtin", roleReadable: false, roleName: null });
    for (const c of p.anywhere) expect([c.capability, c.status]).toEqual([c.capability, "unknown"]);
    expect(cell(division(p, "home").capabilities, "recordings:read")).toMatchObject({
      status: "unknown",
      note: "cannot read role data.genesyscloud_auth_role.builtin",
    });
  });

  it("tells granted from granted only under conditions, and describes the conditions", () => {
    const m = buildAccessMatrix(fixture("GRG004"));
    const p = principal(m, "genesyscloud_oauth_client.loadtest");
    expect(cell(division(p, "*").capabilities, "recordings:read")).toMatchObject({ status: "granted-with-conditions", intended: true });
    expect(p.grants[0].conditions).toEqual([
      { permission: "recording:recording:view", conditions: "Conversation.queues IN [5c2a4e1f-0000-4000-8000-00000000bbbb]" },
    ]);
  });

  it("reports token lifetime (default marked), state and scopes of OAuth clients", () => {
    const m = buildAccessMatrix(
      context({
        resource: {
          genesyscloud_auth_role: { reader: role("Reader", [{ domain: "recording", entity_name: "recording", action_set: ["view"] }]) },
          genesyscloud_oauth_client: {
            defaults: client([{ role_id: "${genesyscloud_auth_role.reader.id}" }]),
            short: client([{ role_id: "${genesyscloud_auth_role.reader.id}" }], { access_token_validity_seconds: 7200, state: "inactive" }),
          },
        },
      }),
    );
    expect(principal(m, "genesyscloud_oauth_client.defaults")).toMatchObject({
      tokenLifetime: { seconds: 86400, text: null, default: true },
      state: { value: "active", default: true },
      scopes: [],
    });
    expect(principal(m, "genesyscloud_oauth_client.short")).toMatchObject({
      tokenLifetime: { seconds: 7200, default: false },
      state: { value: "inactive", default: false },
    });
  });

  it("says that a user-grant client acts with the signed-in user's roles, limited by its scopes", () => {
    const m = buildAccessMatrix(fixture("GRG005"));
    const p = principal(m, "genesyscloud_oauth_client.portal");
    expect(p).toMatchObject({ access: "signed-in-user", grantType: "CODE", recordingScopes: [], divisions: [] });
    expect(p.accessNote).toContain("signed-in user's roles limited by the client's scopes");
    expect(cell(p.anywhere, "recordings:read")).toMatchObject({ status: "scope-missing", intended: true });

    const readonly = buildAccessMatrix(
      context({ resource: { genesyscloud_oauth_client: { ui: { name: "ui", authorized_grant_type: "CODE", scopes: ["recordings:readonly", "users"] } } } }),
    ).principals[0];
    expect(readonly.recordingScopes).toEqual(["recordings:readonly"]);
    expect(cell(readonly.anywhere, "recordings:read").status).toBe("user-roles-decide");
    expect(cell(readonly.anywhere, "recordings:write").status).toBe("scope-missing");
  });

  it("covers user and group roles with several divisions", () => {
    const m = buildAccessMatrix(
      context({
        resource: {
          genesyscloud_auth_division: { sales: { name: "Sales" }, support: { name: "Support" } },
          genesyscloud_auth_role: { reader: role("Reader", [{ domain: "recording", entity_name: "recording", action_set: ["view"] }]) },
          genesyscloud_group_roles: {
            qa: {
              group_id: "${genesyscloud_group.qa.id}",
              roles: [{ role_id: "${genesyscloud_auth_role.reader.id}", division_ids: ["${genesyscloud_auth_division.support.id}"] }],
            },
          },
        },
      }),
    );
    const p = principal(m, "genesyscloud_group_roles.qa");
    expect(p).toMatchObject({ kind: "group_roles", subject: "${genesyscloud_group.qa.id}", grantType: null, tokenLifetime: null, state: null, intent: null });
    expect(p.divisions.map((d) => d.key)).toEqual(["genesyscloud_auth_division.support"]);
    expect(cell(p.divisions[0].capabilities, "recordings:read").status).toBe("granted");
  });
});

describe("access matrix: trunks and retention", () => {
  const trunk = (properties?: unknown) => ({
    name: "carrier",
    trunk_type: "EXTERNAL",
    trunk_meta_base_id: "external_sip_pcv_byoc_carrier.json",
    ...(properties === undefined ? {} : { properties: typeof properties === "string" ? properties : JSON.stringify(properties) }),
  });
  const prop = (value: unknown) => ({ value: { instance: value } });

  it("reads trunk recording settings; recording is off by default", () => {
    const m = buildAccessMatrix(
      context({
        variable: { props: {} },
        resource: {
          genesyscloud_telephony_providers_edges_trunkbasesettings: {
            a_unset: trunk(),
            b_absent: trunk({ trunk_recording_dualChannel: prop(true) }),
            c_on: trunk({
              trunk_recording_enabled: prop(true),
              trunk_recording_consent_required: prop(true),
              trunk_recording_dualChannel: prop(false),
              trunk_recording_audioFormat: prop("audio/opus"),
            }),
            d_var: trunk("${var.props}"),
          },
        },
      }),
    );
    const [unset, absent, on, unknown] = m.trunks;
    expect(unset).toMatchObject({ properties: "unset", recording: "off", recordingDefault: true });
    expect(absent).toMatchObject({ recording: "off", recordingDefault: true, dualChannel: true, consentRequired: null });
    expect(on).toMatchObject({
      recording: "on",
      recordingDefault: false,
      consentRequired: true,
      dualChannel: false,
      audioFormat: "audio/opus",
      trunkType: "EXTERNAL",
    });
    expect(on.recordingKeys.map((k) => k.key)).toEqual([
      "trunk_recording_audioFormat",
      "trunk_recording_consent_required",
      "trunk_recording_dualChannel",
      "trunk_recording_enabled",
    ]);
    expect(unknown).toMatchObject({ properties: "unknown", recording: "unknown" });
  });

  const callPolicy = (order: number, actions: object, enabled: boolean | null = true) => ({
    name: `policy ${order}`,
    order,
    ...(enabled === null ? {} : { enabled }),
    media_policies: [{ call_policy: [{ actions: [actions], conditions: [{ directions: ["INBOUND"] }] }] }],
  });
  const keep = (deleteDays: number, archiveDays?: number) => ({
    retain_recording: true,
    retention_duration: [
      { ...(archiveDays ? { archive_retention: [{ days: archiveDays, storage_medium: "CLOUDARCHIVE" }] } : {}), delete_retention: [{ days: deleteDays }] },
    ],
  });

  it("lists retention per media and the overlapping enabled policies, longest retention winning", () => {
    const m = buildAccessMatrix(
      context({
        resource: {
          genesyscloud_recording_media_retention_policy: {
            short: callPolicy(1, keep(30, 10)),
            long: callPolicy(2, { ...keep(90), initiate_screen_recording: [{ record_acw: true, delete_retention: [{ days: 60 }] }] }, null),
            off: callPolicy(3, keep(1), false),
            chats: { name: "chats", order: 4, media_policies: [{ chat_policy: [{ actions: [{ always_delete: true }] }] }] },
          },
        },
      }),
    );
    expect(m.retentionPolicies.map((p) => [p.address, p.order, p.enabled])).toEqual([
      ["genesyscloud_recording_media_retention_policy.short", 1, true],
      ["genesyscloud_recording_media_retention_policy.long", 2, true],
      ["genesyscloud_recording_media_retention_policy.off", 3, false],
      ["genesyscloud_recording_media_retention_policy.chats", 4, true],
    ]);
    const [short, long, off, chats] = m.retentionPolicies;
    expect(short.media).toEqual([
      {
        media: "call",
        where: "media_policies[0].call_policy[0].actions[0]",
        conditions: 'directions: ["INBOUND"]',
        retain: true,
        deleteRecording: null,
        alwaysDelete: null,
        archiveDays: 10,
        deleteDays: 30,
        screenRecording: null,
        deletes: "after 30 day(s) (retention_duration.delete_retention.days)",
      },
    ]);
    expect(long).toMatchObject({ enabledDefault: true, media: [{ deleteDays: 90, screenRecording: { recordAcw: true, archiveDays: null, deleteDays: 60 } }] });
    expect(chats.media[0]).toMatchObject({ media: "chat", alwaysDelete: true, deletes: "at once (always_delete)" });
    expect(short.overlapsWith).toEqual(["genesyscloud_recording_media_retention_policy.long"]);
    expect(long.overlapsWith).toEqual(["genesyscloud_recording_media_retention_policy.short"]);
    expect(off.overlapsWith).toEqual([]);
    expect(chats.overlapsWith).toEqual([]);
    expect(m.retentionOverlaps).toEqual([
      {
        configuration: null,
        media: "call",
        policies: [
          { address: "genesyscloud_recording_media_retention_policy.long", deletes: "after 90 day(s) (retention_duration.delete_retention.days)", days: 90 },
          { address: "genesyscloud_recording_media_retention_policy.short", deletes: "after 30 day(s) (retention_duration.delete_retention.days)", days: 30 },
        ],
        resolution: "longest-wins",
        winner: "genesyscloud_recording_media_retention_policy.long",
        winnerDays: 90,
        note: expect.stringContaining("the longest retention wins"),
      },
    ]);
  });

  it("leaves the overlap undetermined when a policy sets no deletion period", () => {
    const m = buildAccessMatrix(
      context({ resource: { genesyscloud_recording_media_retention_policy: { a: callPolicy(1, keep(30)), b: callPolicy(2, { retain_recording: true }) } } }),
    );
    expect(m.retentionOverlaps).toHaveLength(1);
    expect(m.retentionOverlaps[0]).toMatchObject({ media: "call", resolution: "undetermined", winner: null });
    expect(m.retentionOverlaps[0].note).toContain("genesyscloud_recording_media_retention_policy.b sets no deletion period");
  });

  it("lists policies for disjoint queues apart: they never match one conversation", () => {
    const forQueues = (order: number, days: number, queues: string[]) => ({
      name: `p${order}`,
      order,
      media_policies: [
        { call_policy: [{ actions: [keep(days)], conditions: [{ for_queue_ids: queues.map((q) => `\${genesyscloud_routing_queue.${q}.id}`) }] }] },
      ],
    });
    const queues = { genesyscloud_routing_queue: { sales: { name: "Sales" }, care: { name: "Care" }, billing: { name: "Billing" } } };
    const matrixOf = (policies: Record<string, unknown>) =>
      buildAccessMatrix(context({ resource: { ...queues, genesyscloud_recording_media_retention_policy: policies } }));
    const m = matrixOf({ sales: forQueues(1, 30, ["sales"]), care: forQueues(2, 2555, ["care"]), salesAndBilling: forQueues(3, 90, ["sales", "billing"]) });
    // sales and salesAndBilling share the Sales queue; care meets neither.
    expect(m.retentionOverlaps.map((o) => [o.media, o.policies.map((p) => p.address.split(".")[1]), o.winner?.split(".")[1]])).toEqual([
      ["call", ["sales", "salesAndBilling"], "salesAndBilling"],
    ]);
    expect(m.retentionPolicies.find((p) => p.address.endsWith(".care"))!.overlapsWith).toEqual([]);
    // A policy for any queue meets them all.
    const withAll = matrixOf({ sales: forQueues(1, 30, ["sales"]), care: forQueues(2, 2555, ["care"]), all: callPolicy(3, keep(60)) });
    // ...two entries: Sales conversations meet all + sales, Care conversations all + care.
    expect(withAll.retentionOverlaps.map((o) => o.policies.map((p) => p.address.split(".")[1]))).toEqual([
      ["all", "care"],
      ["all", "sales"],
    ]);
    // Not transitive: a policy naming Sales and Care does not make Sales-only and Care-only policies meet.
    const bridged = buildAccessMatrix(
      context({
        resource: {
          ...queues,
          genesyscloud_recording_media_retention_policy: {
            a: forQueues(1, 400, ["sales"]),
            b: forQueues(2, 10, ["sales", "care"]),
            c: forQueues(3, 30, ["care"]),
          },
        },
      }),
    );
    expect(bridged.retentionOverlaps.map((o) => [o.policies.map((p) => p.address.split(".")[1]), o.winner!.split(".")[1]])).toEqual([
      [["a", "b"], "a"],
      [["b", "c"], "c"],
    ]);
    expect(bridged.retentionPolicies.find((p) => p.address.endsWith(".a"))!.overlapsWith).toEqual(["genesyscloud_recording_media_retention_policy.b"]);
  });
});

describe("access matrix output", () => {
  const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, "GRG010", "fail.tf.json"), "utf8"));

  it("is JSON-serializable, sorted and byte-stable whatever the resource order", () => {
    const ctx = fixture("GRG010");
    const matrix = buildAccessMatrix(ctx);
    expect(JSON.parse(JSON.stringify(matrix))).toEqual(matrix);
    const reversed = {
      ...doc,
      resource: Object.fromEntries(
        Object.entries(doc.resource as object)
          .reverse()
          .map(([t, byName]) => [t, Object.fromEntries(Object.entries(byName as object).reverse())]),
      ),
    };
    const again = buildAccessMatrix({ ...ctx, config: readTerraformJson(reversed, "main.tf.json") });
    expect(formatAccessMatrixJson(again)).toBe(formatAccessMatrixJson(buildAccessMatrix({ ...ctx, config: readTerraformJson(doc, "main.tf.json") })));
    const json = JSON.parse(formatAccessMatrixJson(matrix));
    expect(json.tool.name).toBe("genesys-recording-guard");
    expect(json.formatVersion).toBe(3);
  });

  it("renders Markdown: a table per principal, a trunk table and a retention table", () => {
    const md = formatAccessMatrixMarkdown(buildAccessMatrix(fixture("GRG003")));
    expect(md).toContain("#### genesyscloud\\_oauth\\_client.loadtest");
    expect(md).toContain("| capability | any division | home division | genesyscloud\\_auth\\_division.sales (intended) |");
    expect(md).toContain("| recordings:read (intended) | yes | yes | **no** (intended) |");
    expect(md).toMatch(/- recordings:read in genesyscloud\\_auth\\_division.sales: no: any one of recording:recording:view/);
    expect(md).toContain("token lifetime: 86400 s (default)");

    const trunks = formatAccessMatrixMarkdown(buildAccessMatrix(fixture("GRG010")), { headingLevel: 3 });
    expect(trunks).toMatch(/^### Recording access matrix/);
    expect(trunks).toContain("| trunk | type / meta base | recording | consent required | dual channel | audio format | note |");
    expect(trunks).toContain("| off (default) |");

    const retention = formatAccessMatrixMarkdown(buildAccessMatrix(fixture("GRG011")));
    expect(retention).toContain(
      "| policy | enabled | order | media | conditions | retain | archive days | delete days | always delete | deletes | screen recording delete days | overlaps with |",
    );
  });

  it("escapes Markdown and HTML in values", () => {
    const m = buildAccessMatrix(
      context({
        resource: {
          genesyscloud_auth_role: { r: role("a | b <img src=x onerror=alert(1)>", [{ domain: "recording", entity_name: "recording", action_set: ["view"] }]) },
          genesyscloud_oauth_client: { c: client([{ role_id: "${genesyscloud_auth_role.r.id}" }], { name: "line\nbreak *bold*" }) },
        },
      }),
    );
    const md = formatAccessMatrixMarkdown(m);
    expect(md).toContain("a \\| b &lt;img src=x onerror=alert(1)&gt;");
    expect(md).toContain("name: line break \\*bold\\*");
    expect(md).not.toContain("<img");
    // Every table row keeps its column count.
    for (const line of md.split("\n").filter((l) => l.startsWith("| genesyscloud_auth_role") || l.startsWith("| genesyscloud\\_auth\\_role"))) {
      expect(line.split(/(?<!\\)\|/).length).toBe(5);
    }
  });
});

describe("agrees with the rules on blocks that create nothing and roles that cannot be read", () => {
  const role = (policies: object) => ({ name: "Reader", ...policies });
  const client = (extra: object = {}) => ({
    name: "C",
    authorized_grant_type: "CLIENT-CREDENTIALS",
    roles: [{ role_id: "${genesyscloud_auth_role.r.id}", division_id: "*" }],
    ...extra,
  });

  it("a client with count = 0 is not a principal, and its intent is listed as without a principal", () => {
    const m = buildAccessMatrix(
      context(
        {
          resource: {
            genesyscloud_auth_role: { r: role({ permission_policies: [{ domain: "recording", entity_name: "recording", action_set: ["view"] }] }) },
            genesyscloud_oauth_client: { c: client({ count: 0 }) },
          },
        },
        { principals: { "genesyscloud_oauth_client.c": { capabilities: ["recordings:read"], divisions: ["*"] } } },
      ),
    );
    expect(m.principals.map((p) => p.address)).toEqual([]);
    expect(m.intentsWithoutPrincipal).toEqual(["genesyscloud_oauth_client.c"]);
  });

  it("a role whose policies come from a dynamic block over a variable is not readable: unknown, not 'not granted'", () => {
    const dynamicRole = role({
      dynamic: {
        permission_policies: {
          for_each: "${var.perms}",
          content: { domain: "${permission_policies.value.domain}", entity_name: "recording", action_set: ["view"] },
        },
      },
    });
    const ctx = context(
      { variable: { perms: {} }, resource: { genesyscloud_auth_role: { r: dynamicRole }, genesyscloud_oauth_client: { c: client() } } },
      { principals: { "genesyscloud_oauth_client.c": { capabilities: ["recordings:read"], divisions: ["*"] } } },
    );
    expect(ctx.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(["GRG002:unknown"]);
    const p = principal(buildAccessMatrix(ctx), "genesyscloud_oauth_client.c");
    expect(p.grants.map((g) => g.roleReadable)).toEqual([false]);
    const all = p.divisions.find((d) => d.key === "*")!;
    expect(cell(all.capabilities, "recordings:read")).toMatchObject({
      status: "unknown",
      note: expect.stringContaining('genesyscloud_auth_role.r (dynamic "permission_policies"'),
    });
  });
});
