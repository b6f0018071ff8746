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

/** READER_ROLE with its view policy conditioned on one queue (`queueId` as HCL: a quoted id or `local.q`). */
function queueConditionedReader(queueId: string): string {
  return READER_ROLE.replace(
    'action_set  = ["view"]',
    `action_set  = ["view"]
    conditions {
      conjunction = "OR"
      terms {
        variable_name = "Conversation.queues"
        operator      = "EQ"
        operands {
          type     = "QUEUE"
          queue_id = ${queueId}
        }
      }
    }`,
  );
}

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
${queueConditionedReader("local.q")}resource "genesyscloud_oauth_client" "reader" {
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
${queueConditionedReader("local.q")}resource "genesyscloud_oauth_client" "reader" {
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

  it("a real provider type is checked against its schema: a valid queue is clean, a misspelt attribute an error", async () => {
    const ok = workspace({ "main.tf": `resource "genesyscloud_routing_queue" "billing" {\n  name = "Billing"\n}\n` });
    expect((await audit(ok)).ids).toEqual([]);
    const typo = workspace({ "main.tf": `resource "genesyscloud_routing_queue" "billing" {\n  name = "Billing"\n  divison_id = "x"\n}\n` });
    expect((await audit(typo)).ids).toEqual(["GRG012:error"]);
  });

  it("a type newer than every schema known here is 'cannot verify' and does not fail", async () => {
    const dir = workspace({ "main.tf": `resource "genesyscloud_quantum_recorder" "q" {\n  name = "Q"\n}\n` });
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

describe("divisions the configuration creates", () => {
  it("a client granted only in a managed genesyscloud_auth_division cannot read in home: an error, not 'cannot be matched'", async () => {
    const dir = workspace({
      "main.tf": `${HEADER}${READER_ROLE}resource "genesyscloud_auth_division" "sales" {
  name = "Sales"
}
resource "genesyscloud_oauth_client" "reader" {
  name                  = "Reader"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = genesyscloud_auth_division.sales.id
  }
}
`,
      "intents.json": intent({ divisions: ["home"] }),
    });
    const r = await audit(dir);
    expect(r.ids).toEqual(["GRG003:error"]);
    expect(r.code).toBe(1);
  });
});

describe("an intent's queues", () => {
  const QUEUE_IN_SALES = `${HEADER}${READER_ROLE}resource "genesyscloud_auth_division" "sales" {
  name = "Sales"
}
resource "genesyscloud_routing_queue" "support" {
  name        = "Support"
  division_id = genesyscloud_auth_division.sales.id
}
resource "genesyscloud_oauth_client" "reader" {
  name                  = "Reader"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = data.genesyscloud_auth_division_home.home.id
  }
}
`;
  it("reading a queue's recordings needs access in the queue's division, whatever divisions the intent lists", async () => {
    const dir = workspace({
      "main.tf": QUEUE_IN_SALES,
      "intents.json": JSON.stringify({
        principals: { "genesyscloud_oauth_client.reader": { capabilities: ["recordings:read"], queues: ["genesyscloud_routing_queue.support"] } },
      }),
    });
    const r = await audit(dir);
    expect(r.ids).toEqual(["GRG003:error"]);
  });

  it("granted in the queue's division too: nothing", async () => {
    const dir = workspace({
      "main.tf": QUEUE_IN_SALES.replace(
        "division_id = data.genesyscloud_auth_division_home.home.id\n  }",
        "division_id = data.genesyscloud_auth_division_home.home.id\n  }\n  roles {\n    role_id     = genesyscloud_auth_role.reader.id\n    division_id = genesyscloud_auth_division.sales.id\n  }",
      ),
      "intents.json": JSON.stringify({
        principals: { "genesyscloud_oauth_client.reader": { capabilities: ["recordings:read"], queues: ["genesyscloud_routing_queue.support"] } },
      }),
    });
    expect((await audit(dir)).ids).toEqual([]);
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
    const dir = workspace({
      "plan.json": JSON.stringify({ format_version: "1.2", terraform_version: "1.9.0", planned_values: { root_module: { resources: "oops" } } }),
    });
    await expectBad([path.join(dir, "plan.json")], /plan\.json: planned_values\.root_module\.resources: expected an array/);
  });

  it("an impossible --today date", async () => {
    await expectBad(["--today", "2026-13-45", "x.tf"], /--today: expected a date YYYY-MM-DD, got "2026-13-45"/);
  });

  it("an intents key that is not a principal address says what is expected", async () => {
    const dir = workspace({
      "main.tf": client0(),
      "intents.json": JSON.stringify({ principals: { "genesyscloud_oauth_clients.x": { capabilities: ["recordings:read"] } } }),
    });
    await expectBad(
      [path.join(dir, "main.tf"), "--intents", path.join(dir, "intents.json")],
      /principals\.genesyscloud_oauth_clients\.x: not a valid key: expected an address such as genesyscloud_oauth_client\.loadtest/,
    );
  });

  it("malformed intents JSON names the line and column", async () => {
    const dir = workspace({ "main.tf": client0(), "intents.json": '{"principals": {\n  "x": [\n}' });
    await expectBad([path.join(dir, "main.tf"), "--intents", path.join(dir, "intents.json")], /intents\.json: line 3, column 1: not valid JSON/);
  });
});

it("accepts intents for principals inside modules", async () => {
  const dir = workspace({
    "main.tf": client0(),
    "intents.json": JSON.stringify({ principals: { "module.rec.genesyscloud_oauth_client.reader": { capabilities: ["recordings:read"] } } }),
  });
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
    const empty = await audit(
      workspace({ "main.tf": `${role.replace('["recording"]', "[]")}${CLIENT(ROLES("genesyscloud_auth_role.reader.id"))}`, "intents.json": readAll }),
    );
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

  it("blocks with a literal count = 0 or empty for_each create nothing; a count from a variable is audited", async () => {
    const secret = (meta: string) => `resource "genesyscloud_oauth_client" "legacy" {
  ${meta}
  name                          = "Legacy exporter"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = 3600
  expose_client_secret          = true
}
`;
    for (const meta of ["count = 0", 'count = "0"', "for_each = {}", "for_each = []"]) {
      const r = await audit(workspace({ "main.tf": secret(meta) }));
      expect({ meta, ids: r.ids }).toEqual({ meta, ids: [] });
    }
    // A feature flag off by default, or a map that tfvars fill: the default is not what every plan
    // uses, so the block is audited as if it created instances (never silently skipped).
    const flag = `variable "enable_legacy" {
  type    = bool
  default = false
}
variable "clients" {
  default = {}
}
`;
    for (const meta of ["count = var.enable_legacy ? 1 : 0", "for_each = var.clients", "count = var.n"]) {
      const r = await audit(
        workspace({
          "main.tf": `${flag}variable "n" {}
${secret(meta)}`,
        }),
      );
      expect({ meta, ids: r.ids }).toEqual({ meta, ids: ["GRG001:error", "GRG016:warning"] });
    }
  });

  it("an intent on a block with no instances says so", async () => {
    const dir = workspace({
      "main.tf": `${READER_ROLE}${CLIENT(`  count = 0
${ROLES("genesyscloud_auth_role.reader.id")}`)}`,
      "intents.json": readAll,
    });
    const r = await audit(dir);
    expect(r.ids).toEqual(["GRG017:error"]);
    expect(r.findings[0].message).toContain("declares genesyscloud_oauth_client.reader with no instances (count = 0 or an empty for_each)");
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
      workspace({
        "main.tf": `${role('for_each = toset(["view"])', "${each.value}")}${CLIENT(ROLES('genesyscloud_auth_role.reader["view"].id'))}`,
        "intents.json": readAll,
      }),
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
    values: {
      name: `Team ${key}`,
      authorized_grant_type: "CLIENT-CREDENTIALS",
      access_token_validity_seconds: 600,
      state: "active",
      roles: [{ division_id: "*", role_id: "role-1" }],
      ...values,
    },
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
    expect(block.ids.filter((id) => id.startsWith("GRG007"))).toEqual([
      'GRG007 genesyscloud_oauth_client.team["sales"]',
      'GRG007 genesyscloud_oauth_client.team["support"]',
    ]);
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
    const code = await runAudit([target, ...(intents ? ["--intents", intents] : []), "--format", "json"], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    const report = code === 2 ? undefined : JSON.parse(stdout);
    return {
      code,
      stderr,
      report,
      ids: (report?.findings ?? []).map((f: { ruleId: string; severity: string; address: string }) => `${f.ruleId}:${f.severity} ${f.address}`),
    };
  }

  it("a root that calls a local module audits the module's resources under module.<name>., with the call's arguments bound; a remote module stays not audited", async () => {
    const dir = layout();
    const r = await auditDir(dir);
    expect(r.code).toBe(1); // GRG016 is hard; the root and the module both declare genesyscloud_auth_role.reader: different addresses
    expect(r.ids).toEqual(["GRG028:unknown module.registry", "GRG016:warning module.export.genesyscloud_oauth_client.c"]);
    expect(r.report.inputs.map((i: { file: string }) => path.relative(dir, i.file))).toEqual(["main.tf", path.join("modules", "export", "main.tf")]);
    const grg016 = r.report.findings.find((f: { ruleId: string }) => f.ruleId === "GRG016");
    expect(path.resolve(grg016.file)).toBe(path.join(dir, "modules", "export", "main.tf"));
    expect(grg016.attribute).toEqual({ path: "expose_client_secret", line: 14 });
  });

  it("an intent on a principal inside the module is judged with the module's roles and the call's division", async () => {
    const dir = layout({ principals: { "module.export.genesyscloud_oauth_client.c": { capabilities: ["recordings:read"], divisions: ["*"] } } });
    const r = await auditDir(dir, path.join(dir, "intents.json"));
    expect(r.code).toBe(1); // GRG016 (hard)
    expect(r.ids).toEqual(["GRG028:unknown module.registry", "GRG016:warning module.export.genesyscloud_oauth_client.c"]);
    // The division comes from the call (division = "*"): without it the intent in "*" would not be met.
    const narrowed = layout({ principals: { "module.export.genesyscloud_oauth_client.c": { capabilities: ["recordings:read"], divisions: ["*"] } } });
    fs.writeFileSync(path.join(narrowed, "main.tf"), fs.readFileSync(path.join(narrowed, "main.tf"), "utf8").replace('division = "*"', 'division = "home-id"'));
    const n = await auditDir(narrowed, path.join(narrowed, "intents.json"));
    expect(n.ids).toContain("GRG003:error module.export.genesyscloud_oauth_client.c");
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
      "intents.json":
        '{"principals": {\n  "genesyscloud_oauth_client.reader": {"capabilities": ["recordings:read"]},\n  "genesyscloud_oauth_client.reader": {"capabilities": ["recordings:write"]}\n}}\n',
    });
    await expectBad(
      [path.join(dir, "main.tf"), "--intents", path.join(dir, "intents.json")],
      /intents\.json: line 3, column 3: duplicate key "genesyscloud_oauth_client\.reader" in principals: JSON keeps only the last one; write it once\n?$/,
    );
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
            values: {
              name: key,
              authorized_grant_type: "CLIENT-CREDENTIALS",
              access_token_validity_seconds: 3600,
              state: "inactive",
              roles: [{ role_id: "r", division_id: "*" }],
            },
          })),
        },
      },
    };
    const ack = {
      ruleId: "GRG008",
      target: "genesyscloud_oauth_client.team",
      reason: "Both team clients stay disabled until the pilot",
      owner: "platform",
      expires: "2099-01-01",
    };
    const dir = workspace({ "plan.json": JSON.stringify(plan), "intents.json": JSON.stringify({ principals: {}, acknowledgements: [ack] }) });
    let stdout = "";
    const code = await runAudit([path.join(dir, "plan.json"), "--intents", path.join(dir, "intents.json"), "--format", "json"], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
    });
    const findings = JSON.parse(stdout).findings as { ruleId: string; acknowledged: unknown }[];
    expect(code).toBe(0);
    expect(findings.map((f) => [f.ruleId, f.acknowledged !== null])).toEqual([
      ["GRG008", true],
      ["GRG008", true],
    ]);
  });
});

describe("roles the audit cannot fully read", () => {
  const MISC = `variable "extra" {\n  default = []\n}\nresource "genesyscloud_auth_role" "misc" {
  name = "Misc"
  dynamic "permission_policies" {
    for_each = var.extra
    content {
      domain      = permission_policies.value.domain
      entity_name = permission_policies.value.entity
      action_set  = permission_policies.value.actions
    }
  }
}
`;
  const client = (miscDivision: string) => `resource "genesyscloud_oauth_client" "reader" {
  name                  = "Reader"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = data.genesyscloud_auth_division_home.home.id
  }
  roles {
    role_id     = genesyscloud_auth_role.misc.id
    division_id = ${miscDivision}
  }
}
`;

  it("GRG003: an unreadable role granted in another division does not turn a division error into 'cannot verify'", async () => {
    const inHome = await audit(
      workspace({
        "main.tf": `${HEADER}${READER_ROLE}${MISC}${client("data.genesyscloud_auth_division_home.home.id")}`,
        "intents.json": intent({ divisions: ["*"] }),
      }),
    );
    expect(inHome.ids).toEqual(["GRG003:error"]);
    const everywhere = await audit(workspace({ "main.tf": `${HEADER}${READER_ROLE}${MISC}${client('"*"')}`, "intents.json": intent({ divisions: ["*"] }) }));
    expect(everywhere.ids).toEqual(["GRG003:unknown"]);
  });

  it("GRG004: queue conditions excluding the queue are 'cannot verify' when another role cannot be read", async () => {
    const conditioned = queueConditionedReader('"5a1c0000-0000-4000-8000-00000000000b"');
    const queues = ["5a1c0000-0000-4000-8000-00000000000a"];
    const withMisc = await audit(
      workspace({
        "main.tf": `${HEADER}${conditioned}${MISC}${client('"*"').replace("data.genesyscloud_auth_division_home.home.id", '"*"')}`,
        "intents.json": intent({ divisions: ["*"], queues }),
      }),
    );
    expect(withMisc.ids).toEqual(["GRG004:unknown"]);
    expect(withMisc.code).toBe(0);
    const alone = await audit(
      workspace({
        "main.tf": `${HEADER}${conditioned}${client0()
          .slice(HEADER.length + READER_ROLE.length)
          .replace("role_id = genesyscloud_auth_role.reader.id", 'role_id = genesyscloud_auth_role.reader.id\n    division_id = "*"')}`,
        "intents.json": intent({ divisions: ["*"], queues }),
      }),
    );
    expect(alone.ids).toEqual(["GRG004:error"]);
  });
});

describe("module directories, stray JSON and override files (review of the second trial's fixes)", () => {
  const NO_ROLES = `resource "genesyscloud_oauth_client" "x" {\n  name                  = "X"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n}\n`;

  async function ids(paths: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await runAudit([...paths, "--format", "json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return {
      code,
      stderr,
      ids: code === 2 ? [] : (JSON.parse(stdout).findings as { ruleId: string; address: string; message: string }[]).map((f) => `${f.ruleId} ${f.address}`),
      stdout,
    };
  }

  it("a module directory named on the command line is audited, even next to the root that calls it", async () => {
    const dir = workspace({});
    fs.mkdirSync(path.join(dir, "envs", "prod"), { recursive: true });
    fs.mkdirSync(path.join(dir, "modules", "x"), { recursive: true });
    fs.writeFileSync(path.join(dir, "envs", "prod", "main.tf"), 'module "x" {\n  source = "../../modules/x"\n}\n');
    fs.writeFileSync(path.join(dir, "modules", "x", "main.tf"), NO_ROLES);
    for (const order of [
      ["envs/prod", "modules/x"],
      ["modules/x", "envs/prod"],
    ]) {
      const r = await ids(order.map((p) => path.join(dir, p)));
      // Two root configurations: the module through the root's call (module.x.), and on its own (module-local addresses).
      expect({ order, ids: r.ids }).toEqual({ order, ids: ["GRG001 module.x.genesyscloud_oauth_client.x", "GRG001 genesyscloud_oauth_client.x"] });
    }
    // Walked from a parent directory, the module's files are read through the call only.
    expect((await ids([dir])).ids).toEqual(["GRG001 module.x.genesyscloud_oauth_client.x"]);
  });

  it("a package.json with a string 'module' field in a walked directory is skipped, not bad input", async () => {
    const dir = workspace({ "package.json": '{"name": "x", "module": "index.mjs"}', "main.tf": NO_ROLES });
    const r = await ids([dir]);
    expect(r.code).toBe(1);
    expect(r.ids).toEqual(["GRG001 genesyscloud_oauth_client.x"]);
  });

  it("override files merge locals and module blocks as Terraform does", async () => {
    const dir = workspace({
      "main.tf": `locals {\n  ttl = 600\n}\nmodule "x" {\n  source = "./modules/x"\n}\n${READER_ROLE}resource "genesyscloud_oauth_client" "reader" {
  name                          = "Reader"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = local.ttl
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = "*"
  }
}
`,
      "override.tf": 'locals {\n  ttl = 7200\n}\nmodule "x" {\n  source = "./modules/y"\n}\n',
      "intents.json": intent({ divisions: ["*"], run: { durationSeconds: 3600, requestsPerSecond: 1, tokens: 1 } }),
    });
    const r = await ids([dir, "--intents", path.join(dir, "intents.json")]);
    expect(r.ids).toEqual(["GRG028 module.x"]); // no GRG007: the override's ttl (7200 s) outlives the run; one module call
    expect(r.stdout).toContain("source ./modules/y");
  });

  it("module sources lose their credentials in reports", async () => {
    const dir = workspace({ "main.tf": 'module "x" {\n  source = "git::https://deploy:glpat-SECRET123@gitlab.example.com/m.git?ref=v1&token=abc"\n}\n' });
    const r = await ids([dir]);
    expect(r.stdout).not.toContain("SECRET123");
    expect(r.stdout).not.toContain("abc");
    expect(r.stdout).toContain("git::https://***@gitlab.example.com/m.git?ref=v1&token=***");
  });
});
