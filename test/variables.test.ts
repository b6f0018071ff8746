// Variables as Terraform takes them: --var-file (HCL and JSON), --var, terraform.tfvars and
// *.auto.tfvars in the root, TF_VAR_*, in Terraform's precedence; findings name the source.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const MAIN = `variable "ttl" {
  type    = number
  default = 7200
}
data "genesyscloud_auth_division_home" "home" {}
resource "genesyscloud_auth_role" "reader" {
  name = "reader"
  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["view"]
  }
}
resource "genesyscloud_oauth_client" "loadtest" {
  name                          = "loadtest"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = var.ttl
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = data.genesyscloud_auth_division_home.home.id
  }
}
`;
const INTENTS = {
  principals: {
    "genesyscloud_oauth_client.loadtest": { capabilities: ["recordings:read"], divisions: ["home"], run: { durationSeconds: 7200, requestsPerSecond: 1 } },
  },
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-vars-"));
  fs.mkdirSync(path.join(dir, "tf"));
  fs.writeFileSync(path.join(dir, "tf", "main.tf"), MAIN);
  fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(INTENTS));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.TF_VAR_ttl;
});

async function grg007(...args: string[]) {
  let out = "";
  let err = "";
  const code = await runAudit([path.join(dir, "tf"), "--intents", path.join(dir, "intents.json"), "--format", "json", ...args], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  const report = out ? JSON.parse(out) : undefined;
  return {
    code,
    err,
    messages: report?.findings.filter((f: { ruleId: string }) => f.ruleId === "GRG007").map((f: { message: string }) => f.message),
    inputs: report?.inputs.map((i: { kind: string; file: string }) => `${i.kind} ${path.basename(i.file)}`),
  };
}

const tf = (name: string, text: string) => fs.writeFileSync(path.join(dir, "tf", name), text);

describe("variables", () => {
  it("ttl = 600 in prod.tfvars with a 2-hour run: GRG007 with --var-file, naming the file; without it, judged on the default", async () => {
    fs.writeFileSync(path.join(dir, "prod.tfvars"), "ttl = 600\n");
    expect(await grg007()).toMatchObject({ code: 0, messages: [] });
    const r = await grg007("--var-file", path.join(dir, "prod.tfvars"));
    expect(r.code).toBe(1);
    expect(r.messages).toEqual([expect.stringContaining(`tokens live 600 s (var.ttl from ${path.join(dir, "prod.tfvars")})`)]);
    expect(r.inputs).toContain("tfvars prod.tfvars");
  });

  it("takes Terraform's precedence: TF_VAR_ < terraform.tfvars < *.auto.tfvars < --var-file / --var in order", async () => {
    process.env.TF_VAR_ttl = "100";
    expect((await grg007()).messages).toEqual([expect.stringContaining("tokens live 100 s (var.ttl from TF_VAR_ttl)")]);
    tf("terraform.tfvars", "ttl = 200\n");
    expect((await grg007()).messages).toEqual([expect.stringContaining("tokens live 200 s (var.ttl from")]);
    tf("b.auto.tfvars.json", JSON.stringify({ ttl: 300 }));
    tf("a.auto.tfvars", "ttl = 250\n");
    expect((await grg007()).messages).toEqual([expect.stringContaining("300 s (var.ttl from")]);
    fs.writeFileSync(path.join(dir, "x.tfvars"), "ttl = 400\n");
    expect((await grg007("--var", "ttl=500", "--var-file", path.join(dir, "x.tfvars"))).messages).toEqual([expect.stringContaining("400 s")]);
    expect((await grg007("--var-file", path.join(dir, "x.tfvars"), "--var", "ttl=500")).messages).toEqual([
      expect.stringContaining("500 s (var.ttl from --var ttl)"),
    ]);
    // A value above the run: no finding.
    expect((await grg007("--var", "ttl=9000")).messages).toEqual([]);
  });

  it("a variable the configuration does not declare is ignored; a malformed --var or a missing file is one line, exit 2", async () => {
    expect((await grg007("--var", "other=1")).messages).toEqual([]);
    const bad = await grg007("--var", "=1");
    expect([bad.code, bad.err]).toEqual([2, 'error: --var: expected NAME=VALUE, got "=1"\n']);
    const missing = await grg007("--var-file", path.join(dir, "nope.tfvars"));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^error: .*nope\.tfvars: /);
  });
});

describe("variables: every lifetime rule names the source", () => {
  it("GRG027 says which file set a lifetime above 48 hours", async () => {
    fs.writeFileSync(path.join(dir, "long.tfvars"), "ttl = 200000\n");
    let out = "";
    await runAudit([path.join(dir, "tf"), "--format", "json", "--var-file", path.join(dir, "long.tfvars")], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    const f = JSON.parse(out).findings.find((x: { ruleId: string }) => x.ruleId === "GRG027");
    expect(f.message).toContain(`access_token_validity_seconds = 200000 (var.ttl from ${path.join(dir, "long.tfvars")}) is above 172800`);
  });
});

describe("variables: findings say where the values they depend on were set", () => {
  const DIVISION = `variable "division_name" {
  type    = string
  default = "Support"
}
locals {
  division = var.division_name
}
data "genesyscloud_auth_division" "team" {
  name = local.division
}
resource "genesyscloud_auth_role" "reader" {
  name = "reader"
  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["view"]
  }
}
resource "genesyscloud_oauth_client" "exporter" {
  name                  = "exporter"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = data.genesyscloud_auth_division.team.id
  }
}
`;
  const intents = { principals: { "genesyscloud_oauth_client.exporter": { capabilities: ["recordings:read"], divisions: ["d-support"] } } };
  // The org's divisions by name and id: a data source looked up by name maps to an id.
  const org = {
    formatVersion: 1,
    environment: "prod",
    provenance: { kind: "snapshot", capturedAt: "2026-12-01", region: null, orgId: null, orgName: null },
    limits: JSON.parse(fs.readFileSync(path.join(__dirname, "..", "config", "org", "prod.json"), "utf8")).limits,
    recordingSettings: null,
    permissionCatalogue: null,
    divisions: {
      source: "GET /api/v2/authorization/divisions",
      items: [
        { id: "d-home", name: "Home", home: true },
        { id: "d-support", name: "Support", home: false },
        { id: "d-sales", name: "Sales", home: false },
      ],
    },
    oauthScopes: null,
  };

  async function report(...args: string[]) {
    fs.writeFileSync(path.join(dir, "tf", "main.tf"), DIVISION);
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(intents));
    fs.writeFileSync(path.join(dir, "org.json"), JSON.stringify(org));
    let out = "";
    const code = await runAudit([path.join(dir, "tf"), "--intents", path.join(dir, "intents.json"), "--org", path.join(dir, "org.json"), ...args], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    return { code, out };
  }

  it("a role's division named through a local and a data source from prod.tfvars: the finding lists var.division_name from that file", async () => {
    const asWritten = JSON.parse((await report("--format", "json")).out);
    expect(asWritten.findings.filter((f: { ruleId: string }) => f.ruleId === "GRG003")).toEqual([]);
    fs.writeFileSync(path.join(dir, "prod.tfvars"), 'division_name = "Sales"\n');
    const prod = await report("--format", "json", "--var-file", path.join(dir, "prod.tfvars"));
    const grg003 = JSON.parse(prod.out).findings.filter((f: { ruleId: string }) => f.ruleId === "GRG003");
    expect(grg003).toEqual([
      expect.objectContaining({
        attribute: expect.objectContaining({ path: "roles[0].division_id" }),
        valueSources: [`var.division_name from ${path.join(dir, "prod.tfvars")}`],
      }),
    ]);
    // Every other finding depends on no variable the file set.
    for (const f of JSON.parse(prod.out).findings.filter((x: { ruleId: string }) => x.ruleId !== "GRG003")) expect(f.valueSources).toEqual([]);
    const text = (await report("--var-file", path.join(dir, "prod.tfvars"))).out;
    expect(text).toContain(`set by: var.division_name from ${path.join(dir, "prod.tfvars")}`);
  });

  it("a default, or a variable a file sets that the attribute does not use, names nothing", async () => {
    fs.writeFileSync(path.join(dir, "tf", "extra.tf"), 'variable "unrelated" {\n  default = "a"\n}\n');
    const r = JSON.parse((await report("--format", "json", "--var", "unrelated=b", "--var", "division_name=Support")).out);
    expect(r.findings.flatMap((f: { valueSources: string[] }) => f.valueSources)).toEqual([]);
  });
});
