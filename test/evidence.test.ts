// Findings carry their evidence: the attribute they are about and its line, found by scanning the
// source text (readers/terraform/attribute-position.ts), so SARIF annotations land on the line to
// change, in HCL and in Terraform JSON alike.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";
import { attributeOffset } from "../readers/terraform/attribute-position";

const HCL = `data "genesyscloud_auth_division_home" "home" {}

resource "genesyscloud_auth_division" "sales" {
  name = "Sales"
}

resource "genesyscloud_auth_role" "reader" {
  name = "Role reader" # not { a block
  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["view"]
  }
}

resource "genesyscloud_oauth_client" "loadtest" {
  name                  = "Load test reader"
  authorized_grant_type = "CLIENT-CREDENTIALS"
  roles {
    role_id     = genesyscloud_auth_role.reader.id
    division_id = data.genesyscloud_auth_division_home.home.id
  }
}
`;

const JSON_CONFIG = `{
  "data": { "genesyscloud_auth_division_home": { "home": {} } },
  "resource": {
    "genesyscloud_auth_division": { "sales": { "name": "Sales" } },
    "genesyscloud_auth_role": {
      "reader": {
        "name": "Role reader",
        "permission_policies": [{ "domain": "recording", "entity_name": "recording", "action_set": ["view"] }]
      }
    },
    "genesyscloud_oauth_client": {
      "loadtest": {
        "name": "Load test reader",
        "authorized_grant_type": "CLIENT-CREDENTIALS",
        "roles": [
          {
            "role_id": "\${genesyscloud_auth_role.reader.id}",
            "division_id": "\${data.genesyscloud_auth_division_home.home.id}"
          }
        ]
      }
    }
  }
}
`;

const INTENTS = {
  principals: { "genesyscloud_oauth_client.loadtest": { capabilities: ["recordings:read"], divisions: ["genesyscloud_auth_division.sales"] } },
};

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

describe("a wrong division_id: the SARIF result points at its line", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-evidence-"));
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(INTENTS));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["HCL", "main.tf", HCL, "division_id ="],
    ["Terraform JSON", "main.tf.json", JSON_CONFIG, '"division_id"'],
  ])("%s", async (_name, file, text, needle) => {
    const sub = fs.mkdtempSync(path.join(dir, "c-"));
    fs.writeFileSync(path.join(sub, file), text);
    let out = "";
    const code = await runAudit([path.join(sub, file), "--intents", path.join(dir, "intents.json"), "--format", "sarif"], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    expect(code).toBe(1);
    const results = JSON.parse(out).runs[0].results.filter((r: any) => r.ruleId === "GRG003");
    expect(results).toHaveLength(1);
    expect(results[0].locations[0].physicalLocation.region.startLine).toBe(lineOf(text, needle));
    expect(results[0].properties.attribute).toBe("roles[0].division_id");

    let json = "";
    await runAudit([path.join(sub, file), "--intents", path.join(dir, "intents.json"), "--format", "json"], {
      stdout: (t) => (json += t),
      stderr: () => undefined,
    });
    const finding = JSON.parse(json).findings.find((f: any) => f.ruleId === "GRG003");
    expect(finding.attribute).toEqual({ path: "roles[0].division_id", line: lineOf(text, needle) });
    expect(finding.line).toBe(lineOf(text, file.endsWith(".json") ? '"loadtest"' : 'resource "genesyscloud_oauth_client"'));
  });
});

describe("attributeOffset", () => {
  const at = (text: string, format: "hcl" | "json", decl: string, attr: string) => {
    const offset = attributeOffset(text, format, text.indexOf(decl), attr);
    return text.slice(offset, offset + 40);
  };

  it("the k-th block, an attribute inside it, a list element; comments, strings and heredocs skipped", () => {
    const text = `resource "t" "n" {
  # roles { in a comment
  description = <<-EOT
    roles {
    EOT
  note = "roles { in a string"
  roles {
    role_id = "a"
  }
  roles {
    division_ids = ["x", "y"]
  }
}
`;
    expect(at(text, "hcl", 'resource "t"', "roles[1].division_ids")).toMatch(/^division_ids = \["x"/);
    expect(at(text, "hcl", 'resource "t"', "roles[1].division_ids[1]")).toMatch(/^"y"/);
    expect(at(text, "hcl", 'resource "t"', "roles[0].role_id")).toMatch(/^role_id = "a"/);
    expect(at(text, "hcl", 'resource "t"', "roles[5].role_id")).toMatch(/^resource "t"/); // not there: the resource
  });

  it("a key inside a jsonencode() value (HCL) and inside a JSON string (Terraform JSON)", () => {
    const hcl = `resource "t" "n" {\n  properties = jsonencode({\n    trunk_recording_enabled = { value = { instance = false } }\n  })\n}\n`;
    expect(at(hcl, "hcl", 'resource "t"', "properties.trunk_recording_enabled")).toMatch(/^trunk_recording_enabled =/);
    const json = `{"resource": {"t": {"n": {\n  "name": "x",\n  "properties": "{\\"trunk_recording_enabled\\": {\\"value\\": {\\"instance\\": false}}}"\n}}}}`;
    expect(at(json, "json", '"n"', "properties.trunk_recording_enabled")).toMatch(/^"trunk_recording_enabled/);
    expect(at(json, "json", '"n"', "properties")).toMatch(/^"properties"/);
  });

  it("nested objects and lists in Terraform JSON; a block written as one object", () => {
    const json = `{"resource": {"t": {"n": {\n  "roles": {"role_id": "r", "division_id": "d"},\n  "permission_policies": [\n    {"action_set": ["view"]},\n    {"action_set": ["add"]}\n  ]\n}}}}`;
    expect(at(json, "json", '"n"', "roles[0].division_id")).toMatch(/^"division_id": "d"/);
    expect(at(json, "json", '"n"', "permission_policies[1].action_set")).toMatch(/^"action_set": \["add"\]/);
  });
});
