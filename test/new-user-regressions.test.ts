// Configurations a new user wrote while trying the audit (none of them from the fixtures), kept
// as regression tests: no false error on a valid configuration, the right outcome on a broken
// one, and exit 2 with one line on bad input.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const HEADER = `data "genesyscloud_auth_division_home" "home" {}\n`;
const READER_ROLE = `resource "genesyscloud_auth_role" "reader" {
  name = "Recording reader"
  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["view"]
  }
}
`;

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-newuser-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function audit(dir: string, ...extra: string[]) {
  let stdout = "";
  let stderr = "";
  const intents = path.join(dir, "intents.json");
  const args = [path.join(dir, "main.tf"), ...(fs.existsSync(intents) ? ["--intents", intents] : []), "--format", "json", ...extra];
  const code = await runAudit(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  const findings = code === 2 ? [] : (JSON.parse(stdout).findings as { ruleId: string; severity: string; httpStatus: number | null; message: string }[]);
  return { code, findings, stderr, ids: findings.map((f) => `${f.ruleId}:${f.severity}`) };
}

/** Bad input: exit 2 and one line on stderr matching `pattern`. */
async function expectBad(args: string[], pattern: RegExp) {
  let stderr = "";
  const code = await runAudit(args, { stdout: () => {}, stderr: (t) => (stderr += t) });
  expect(code).toBe(2);
  expect(stderr).toMatch(pattern);
  expect(stderr.trim().split("\n")).toHaveLength(1);
}

const intent = (body: object) => JSON.stringify({ principals: { "genesyscloud_oauth_client.reader": { capabilities: ["recordings:read"], ...body } } });

describe("valid configurations give no false error", () => {
  it("queue conditions through a literal local are read: allowed queue, no finding; other queue, 403 likely", async () => {
    const dir = workspace({
      "main.tf": `${HEADER}locals { q = "5a1c0000-0000-4000-8000-000000000001" }
resource "genesyscloud_auth_role" "reader" {
  name = "Queue reader"
  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["view"]
    conditions {
      conjunction = "OR"
      terms {
        variable_name = "Conversation.queues"
        operator      = "EQ"
        operands {
          type     = "QUEUE"
          queue_id = local.q
        }
      }
    }
  }
}
resource "genesyscloud_oauth_client" "reader" {
  name                  = "Reader"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = "*"
  }
}
`,
      "intents.json": intent({ divisions: ["*"], queues: ["5a1c0000-0000-4000-8000-000000000001"] }),
    });
    const r = await audit(dir);
    expect(r.ids).toEqual([]);
    expect(r.code).toBe(0);

    fs.writeFileSync(path.join(dir, "intents.json"), intent({ divisions: ["*"], queues: ["5a1c0000-0000-4000-8000-000000000002"] }));
    const other = await audit(dir);
    expect(other.ids).toEqual(["GRG004:error"]);
    expect(other.findings[0].httpStatus).toBe(403);
    expect(other.code).toBe(1);
  });

  it("a queue condition through a local that is not a literal stays unknown, not a 403", async () => {
    const dir = workspace({
      "main.tf": `${HEADER}variable "queues" {}
locals { q = "\${var.queues}-x" }
${READER_ROLE.replace('action_set  = ["view"]', `action_set  = ["view"]
    conditions {
      conjunction = "OR"
      terms {
        variable_name = "Conversation.queues"
        operator      = "EQ"
        operands {
          type     = "QUEUE"
          queue_id = local.q
        }
      }
    }`)}resource "genesyscloud_oauth_client" "reader" {
  name                  = "Reader"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = "*"
  }
}
`,
      "intents.json": intent({ divisions: ["*"], queues: ["5a1c0000-0000-4000-8000-000000000001"] }),
    });
    const r = await audit(dir);
    expect(r.ids).toEqual(["GRG004:unknown"]);
    expect(r.code).toBe(0);
  });



  it("roles written as a dynamic block: the role counts, the divisions are unknown", async () => {
    const dir = workspace({
      "main.tf": `${HEADER}${READER_ROLE}variable "divisions" {
  type    = list(string)
  default = ["*"]
}
resource "genesyscloud_oauth_client" "reader" {
  name                  = "Reader"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  dynamic "roles" {
    for_each = toset(var.divisions)
    content {
      role_id     = genesyscloud_auth_role.reader.id
      division_id = roles.value
    }
  }
}
`,
      "intents.json": intent({ divisions: ["home"] }),
    });
    const r = await audit(dir);
    expect(r.ids).toEqual(["GRG003:unknown"]);
    expect(r.code).toBe(0);
  });

  it("a real provider type outside the vendored schema is 'cannot verify' and does not fail", async () => {
    const dir = workspace({ "main.tf": `resource "genesyscloud_routing_queue" "billing" {\n  name = "Billing"\n}\n` });
    const r = await audit(dir);
    expect(r.ids).toEqual(["GRG012:unknown"]);
    expect(r.code).toBe(0);
  });

  it("a numeric variable with a default is resolved", async () => {
    const main = (seconds: number) => `${HEADER}${READER_ROLE}variable "ttl" {
  default = ${seconds}
}
resource "genesyscloud_oauth_client" "reader" {
  name                          = "Reader"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = var.ttl
  roles {
    role_id = genesyscloud_auth_role.reader.id
  }
}
`;
    const run = { durationSeconds: 3600, requestsPerSecond: 1, tokens: 1 };
    expect((await audit(workspace({ "main.tf": main(43200), "intents.json": intent({ run }) }))).ids).toEqual([]);
    expect((await audit(workspace({ "main.tf": main(1800), "intents.json": intent({ run }) }))).ids).toEqual(["GRG007:error"]);
  });
});

describe("values the provider rejects at plan time", () => {
  const client = (attrs: string) => `${HEADER}${READER_ROLE}resource "genesyscloud_oauth_client" "reader" {
  name = "Reader"
${attrs}
  roles {
    role_id = genesyscloud_auth_role.reader.id
  }
}
`;

  it("a misspelt grant type is a schema error with the right value, not a scope problem", async () => {
    const r = await audit(workspace({ "main.tf": client(`  authorized_grant_type = "CLIENT_CREDENTIALS"`), "intents.json": intent({}) }));
    expect(r.ids).toEqual(["GRG012:error"]);
    expect(r.findings[0].message).toContain('did you mean "CLIENT-CREDENTIALS"?');
  });

  it('state = "Inactive" is a schema error, not a 401', async () => {
    const r = await audit(workspace({ "main.tf": client(`  authorized_grant_type = "CLIENT-CREDENTIALS"\n  state = "Inactive"`) }));
    expect(r.ids).toEqual(["GRG012:error"]);
  });

  it("a token lifetime below 300 s fails plan; above 48 h is likely refused at apply", async () => {
    const short = await audit(workspace({ "main.tf": client(`  authorized_grant_type = "CLIENT-CREDENTIALS"\n  access_token_validity_seconds = 120`) }));
    expect(short.ids).toEqual(["GRG012:error"]);
    const long = await audit(workspace({ "main.tf": client(`  authorized_grant_type = "CLIENT-CREDENTIALS"\n  access_token_validity_seconds = 259200`) }));
    expect(long.ids).toEqual(["GRG027:warning"]);
  });
});

describe("bad input exits 2 with one line", () => {
  it("a directory without Terraform files", async () => {
    await expectBad([workspace({ "notes.txt": "hello" })], /no Terraform files here .*nothing to audit/);
  });

  it("plan JSON whose resources are not an array", async () => {
    const dir = workspace({ "plan.json": JSON.stringify({ format_version: "1.2", terraform_version: "1.9.0", planned_values: { root_module: { resources: "oops" } } }) });
    await expectBad([path.join(dir, "plan.json")], /plan\.json: planned_values\.root_module\.resources: expected an array/);
  });

  it("an impossible --today date", async () => {
    await expectBad(["--today", "2026-13-45", "x.tf"], /--today: expected a date YYYY-MM-DD, got "2026-13-45"/);
  });

  it("an intents key that is not a principal address says what is expected", async () => {
    const dir = workspace({ "main.tf": client0(), "intents.json": JSON.stringify({ principals: { "genesyscloud_oauth_clients.x": { capabilities: ["recordings:read"] } } }) });
    await expectBad([path.join(dir, "main.tf"), "--intents", path.join(dir, "intents.json")], /principals\.genesyscloud_oauth_clients\.x: not a valid key: expected an address such as genesyscloud_oauth_client\.loadtest/);
  });

  it("malformed intents JSON names the line and column", async () => {
    const dir = workspace({ "main.tf": client0(), "intents.json": '{"principals": {\n  "x": [\n}' });
    await expectBad([path.join(dir, "main.tf"), "--intents", path.join(dir, "intents.json")], /intents\.json: line 3, column 1: not valid JSON/);
  });
});

it("accepts intents for principals inside modules", async () => {
  const dir = workspace({ "main.tf": client0(), "intents.json": JSON.stringify({ principals: { "module.rec.genesyscloud_oauth_client.reader": { capabilities: ["recordings:read"] } } }) });
  const r = await audit(dir);
  expect(r.code).toBe(1);
  expect(r.ids).toEqual(["GRG017:error"]); // the module is not part of this input: said plainly
});

function client0(): string {
  return `${HEADER}${READER_ROLE}resource "genesyscloud_oauth_client" "reader" {
  name                  = "Reader"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  roles {
    role_id = genesyscloud_auth_role.reader.id
  }
}
`;
}

// The second trial: count, for_each, dynamic blocks, locals and per-instance plan JSON.
describe("count, for_each, dynamic and locals", () => {
  const CLIENT = (body: string) => `resource "genesyscloud_oauth_client" "reader" {
  name                          = "Reader"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = 3600
${body}}
`;
  const ROLES = (roleId: string) => `  roles {\n    role_id     = ${roleId}\n    division_id = "*"\n  }\n`;
  const readAll = intent({ divisions: ["*"] });

  it("a dynamic permission_policies block over a literal list grants its content: no false 403", async () => {
    const role = `resource "genesyscloud_auth_role" "reader" {
  name = "Reader"
  dynamic "permission_policies" {
    for_each = ["recording"]
    content {
      domain      = "recording"
      entity_name = "recording"
      action_set  = ["view"]
    }
  }
}
`;
    const granted = await audit(workspace({ "main.tf": `${role}${CLIENT(ROLES("genesyscloud_auth_role.reader.id"))}`, "intents.json": readAll }));
    expect(granted.ids).toEqual([]);
    const empty = await audit(workspace({ "main.tf": `${role.replace('["recording"]', "[]")}${CLIENT(ROLES("genesyscloud_auth_role.reader.id"))}`, "intents.json": readAll }));
    expect(empty.ids).toEqual(["GRG002:error"]); // no instance of the block: nothing granted
  });

  it("dynamic permission_policies built from the iterator are unknown (never a certain 403), and say why", async () => {
    const role = `locals {
  perms = [{ domain = "recording", entity = "recording", actions = ["view"] }]
}
resource "genesyscloud_auth_role" "reader" {
  name = "Reader"
  dynamic "permission_policies" {
    for_each = local.perms
    content {
      domain      = permission_policies.value.domain
      entity_name = permission_policies.value.entity
      action_set  = permission_policies.value.actions
    }
  }
}
`;
    const r = await audit(workspace({ "main.tf": `${role}${CLIENT(ROLES("genesyscloud_auth_role.reader.id"))}`, "intents.json": readAll }));
    expect(r.ids).toEqual(["GRG002:unknown"]);
    expect(r.findings[0].message).toContain('genesyscloud_auth_role.reader: dynamic "permission_policies"');
    expect(r.code).toBe(0);
  });

  it("blocks with count = 0, an empty for_each or a feature flag that is off create nothing: no findings", async () => {
    const secret = (meta: string) => `resource "genesyscloud_oauth_client" "legacy" {
  ${meta}
  name                          = "Legacy exporter"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = 3600
  expose_client_secret          = true
}
`;
    const flag = `variable "enable_legacy" {\n  type    = bool\n  default = false\n}\n`;
    for (const meta of ["count = 0", "for_each = {}", "count = var.enable_legacy ? 1 : 0"]) {
      const r = await audit(workspace({ "main.tf": `${flag}${secret(meta)}` }));
      expect({ meta, ids: r.ids }).toEqual({ meta, ids: [] });
    }
    // The same flag on: the hard GRG016 (secret in state) and GRG001 (no roles) are back.
    const on = await audit(workspace({ "main.tf": `${flag.replace("false", "true")}${secret("count = var.enable_legacy ? 1 : 0")}` }));
    expect(on.ids).toEqual(["GRG001:error", "GRG016:warning"]);
    // A count the configuration does not state is not zero: the block is checked.
    const unknownCount = await audit(workspace({ "main.tf": `variable "n" {}\n${secret("count = var.n")}` }));
    expect(unknownCount.ids).toEqual(["GRG001:error", "GRG016:warning"]);
  });

  it("references to count and for_each instances resolve to the role block", async () => {
    const role = (meta: string, action: string) => `resource "genesyscloud_auth_role" "reader" {
  ${meta}
  name = "Reader"
  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["${action}"]
  }
}
`;
    const cases: [string, string][] = [
      ["count = 2", "genesyscloud_auth_role.reader[0].id"],
      ['for_each = toset(["a", "b"])', 'genesyscloud_auth_role.reader["a"].id'],
    ];
    for (const [meta, ref] of cases) {
      const clean = await audit(workspace({ "main.tf": `${role(meta, "view")}${CLIENT(ROLES(ref))}`, "intents.json": readAll }));
      expect({ ref, ids: clean.ids }).toEqual({ ref, ids: [] });
      const broken = await audit(workspace({ "main.tf": `${role(meta, "upload")}${CLIENT(ROLES(ref))}`, "intents.json": readAll }));
      expect({ ref, ids: broken.ids }).toEqual({ ref, ids: ["GRG002:error"] });
    }
    // Per-instance roles whose actions come from for_each cannot be read: unknown, not 403.
    const perInstance = await audit(
      workspace({ "main.tf": `${role('for_each = toset(["view"])', "${each.value}")}${CLIENT(ROLES("genesyscloud_auth_role.reader[\"view\"].id"))}`, "intents.json": readAll }),
    );
    expect(perInstance.ids).toEqual(["GRG002:unknown"]);
  });

  it("literal locals are read like variable defaults (token lifetime -> 401)", async () => {
    const r = await audit(
      workspace({
        "main.tf": `locals {\n  ttl = 900\n}\n${READER_ROLE}${CLIENT(ROLES("genesyscloud_auth_role.reader.id")).replace("3600", "local.ttl")}`,
        "intents.json": intent({ divisions: ["*"], run: { durationSeconds: 3600, requestsPerSecond: 1, tokens: 1 } }),
      }),
    );
    expect(r.ids).toEqual(["GRG007:error"]);
    expect(r.findings[0].httpStatus).toBe(401);
  });

  it("an intent on a counted client in HCL says to name the block, not the instance", async () => {
    const dir = workspace({
      "main.tf": `${READER_ROLE}${CLIENT(`  count = 2\n${ROLES("genesyscloud_auth_role.reader.id")}`)}`,
      "intents.json": JSON.stringify({ principals: { "genesyscloud_oauth_client.reader[0]": { capabilities: ["recordings:read"], divisions: ["*"] } } }),
    });
    const r = await audit(dir);
    expect(r.ids).toEqual(["GRG017:error"]);
    expect(r.findings[0].message).toContain("name the intent genesyscloud_oauth_client.reader (plan JSON lists each instance)");
  });
});

describe("plan JSON with count and for_each instances", () => {
  const instance = (key: string, values: object) => ({
    address: `genesyscloud_oauth_client.team[${JSON.stringify(key)}]`,
    mode: "managed",
    type: "genesyscloud_oauth_client",
    name: "team",
    index: key,
    values: { name: `Team ${key}`, authorized_grant_type: "CLIENT-CREDENTIALS", access_token_validity_seconds: 600, state: "active", roles: [{ division_id: "*", role_id: "role-1" }], ...values },
  });
  const plan = {
    format_version: "1.2",
    planned_values: { root_module: { resources: [instance("sales", { scopes: ["recordings"] }), instance("support", { scopes: null })] } },
    resource_changes: [],
    configuration: {
      root_module: {
        resources: [
          {
            address: "genesyscloud_oauth_client.team",
            mode: "managed",
            type: "genesyscloud_oauth_client",
            name: "team",
            for_each_expression: { references: ["local.teams"] },
            expressions: { scopes: { references: ["each.value.scopes", "each.value"] }, access_token_validity_seconds: { constant_value: 600 } },
          },
        ],
      },
    },
  };

  async function auditPlan(intents?: object) {
    const dir = workspace({ "plan.json": JSON.stringify(plan), ...(intents ? { "intents.json": JSON.stringify(intents) } : {}) });
    let stdout = "";
    const args = [path.join(dir, "plan.json"), ...(intents ? ["--intents", path.join(dir, "intents.json")] : []), "--format", "json"];
    const code = await runAudit(args, { stdout: (t) => (stdout += t), stderr: () => undefined });
    const findings = JSON.parse(stdout).findings as { ruleId: string; address: string }[];
    return { code, ids: findings.map((f) => `${f.ruleId} ${f.address}`) };
  }

  it("a planned null is unset, not the configuration's expression: no scopes warning for that instance", async () => {
    expect((await auditPlan()).ids).toEqual(['GRG006 genesyscloud_oauth_client.team["sales"]']);
  });

  it("an intent on the block covers every instance; an intent on one instance covers that one", async () => {
    const run = { durationSeconds: 3600, requestsPerSecond: 1, tokens: 1 };
    const block = await auditPlan({ principals: { "genesyscloud_oauth_client.team": { capabilities: ["recordings:read"], divisions: ["*"], run } } });
    expect(block.ids.filter((id) => id.startsWith("GRG007"))).toEqual(['GRG007 genesyscloud_oauth_client.team["sales"]', 'GRG007 genesyscloud_oauth_client.team["support"]']);
    expect(block.ids.filter((id) => id.startsWith("GRG017"))).toEqual([]);
    const one = await auditPlan({ principals: { 'genesyscloud_oauth_client.team["support"]': { capabilities: ["recordings:read"], divisions: ["*"], run } } });
    expect(one.ids.filter((id) => id.startsWith("GRG007"))).toEqual(['GRG007 genesyscloud_oauth_client.team["support"]']);
  });
});

describe("module calls in HCL", () => {
  const MODULE_MAIN = `variable "division" {}
resource "genesyscloud_auth_role" "reader" {
  name = "Module reader"
  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["view"]
  }
}
resource "genesyscloud_oauth_client" "c" {
  name                          = "Exporter"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = 1800
  expose_client_secret          = true
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = var.division
  }
}
`;
  function layout(intents?: object): string {
    const dir = workspace({
      "main.tf": `${READER_ROLE}module "export" {\n  source   = "./modules/export"\n  division = "*"\n}\nmodule "registry" {\n  source = "mypurecloud/recording/genesyscloud"\n}\n`,
      ...(intents ? { "intents.json": JSON.stringify(intents) } : {}),
    });
    fs.mkdirSync(path.join(dir, "modules", "export"), { recursive: true });
    fs.writeFileSync(path.join(dir, "modules", "export", "main.tf"), MODULE_MAIN);
    return dir;
  }

  async function auditDir(target: string, intents?: string) {
    let stdout = "";
    let stderr = "";
    const code = await runAudit([target, ...(intents ? ["--intents", intents] : []), "--format", "json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    const report = code === 2 ? undefined : JSON.parse(stdout);
    return { code, stderr, report, ids: (report?.findings ?? []).map((f: { ruleId: string; severity: string; address: string }) => `${f.ruleId}:${f.severity} ${f.address}`) };
  }

  it("a root that calls a local module is audited without the module's files, and says the module is not audited", async () => {
    const dir = layout();
    const r = await auditDir(dir);
    expect(r.code).toBe(0); // the root and the module both declare genesyscloud_auth_role.reader: no "declared again"
    expect(r.ids).toEqual(["GRG028:unknown module.export", "GRG028:unknown module.registry"]);
    expect(r.report.inputs.map((i: { file: string }) => path.basename(i.file))).toEqual(["main.tf"]);
    expect(r.report.findings[0].message).toContain("its directory was left out of the walk");
    expect(r.report.findings[1].message).not.toContain("left out");
  });

  it("an intent on a principal inside the module is 'cannot verify', not a failing error", async () => {
    const dir = layout({ principals: { "module.export.genesyscloud_oauth_client.c": { capabilities: ["recordings:read"], divisions: ["*"] } } });
    const r = await auditDir(dir, path.join(dir, "intents.json"));
    expect(r.code).toBe(0);
    expect(r.ids).toContain("GRG017:unknown module.export.genesyscloud_oauth_client.c");
  });

  it("the module's directory audited on its own is checked", async () => {
    const dir = layout();
    const r = await auditDir(path.join(dir, "modules", "export"));
    expect(r.ids).toContain("GRG016:warning genesyscloud_oauth_client.c");
  });
});

describe("intents files: what JSON would drop silently, and instances", () => {
  it("a principal written twice in an intents file is bad input (exit 2, the line of the second)", async () => {
    const dir = workspace({
      "main.tf": client0(),
      "intents.json": '{"principals": {\n  "genesyscloud_oauth_client.reader": {"capabilities": ["recordings:read"]},\n  "genesyscloud_oauth_client.reader": {"capabilities": ["recordings:write"]}\n}}\n',
    });
    await expectBad([path.join(dir, "main.tf"), "--intents", path.join(dir, "intents.json")], /intents\.json: line 3, column 3: duplicate key "genesyscloud_oauth_client\.reader": JSON keeps only the last one; write it once\n?$/);
  });

  it("an acknowledgement on a block covers the findings of its plan instances", async () => {
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: ["sales", "support"].map((key) => ({
            address: `genesyscloud_oauth_client.team["${key}"]`,
            mode: "managed",
            type: "genesyscloud_oauth_client",
            name: "team",
            index: key,
            values: { name: key, authorized_grant_type: "CLIENT-CREDENTIALS", access_token_validity_seconds: 3600, state: "inactive", roles: [{ role_id: "r", division_id: "*" }] },
          })),
        },
      },
    };
    const ack = { ruleId: "GRG008", target: "genesyscloud_oauth_client.team", reason: "Both team clients stay disabled until the pilot", owner: "platform", expires: "2099-01-01" };
    const dir = workspace({ "plan.json": JSON.stringify(plan), "intents.json": JSON.stringify({ principals: {}, acknowledgements: [ack] }) });
    let stdout = "";
    const code = await runAudit([path.join(dir, "plan.json"), "--intents", path.join(dir, "intents.json"), "--format", "json"], { stdout: (t) => (stdout += t), stderr: () => undefined });
    const findings = JSON.parse(stdout).findings as { ruleId: string; acknowledged: unknown }[];
    expect(code).toBe(0);
    expect(findings.map((f) => [f.ruleId, f.acknowledged !== null])).toEqual([
      ["GRG008", true],
      ["GRG008", true],
    ]);
  });
});
