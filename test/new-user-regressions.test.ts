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

const intent = (body: object) => JSON.stringify({ principals: { "genesyscloud_oauth_client.reader": { capabilities: ["recordings:read"], ...body } } });

describe("valid configurations give no false error", () => {
  it("queue conditions through a local: unknown, not a 403", async () => {
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
  async function expectBad(args: string[], pattern: RegExp) {
    let stderr = "";
    const code = await runAudit(args, { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toMatch(pattern);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  }

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
