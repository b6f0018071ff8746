// Configurations pin provider versions years old; the schema check follows the version they name
// (required_providers, .terraform.lock.hcl, plan JSON's version_constraint, --provider-version).
// genesyscloud_flow.file_content_hash is required up to 1.67.0, optional+computed in 1.68.0-1.68.4
// and computed only from 1.68.5; a site's outbound_routes was removed in 1.61.0 (genesys/README.md).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";
import { selectProviderVersions } from "../analyses/provider-version";
import { constraintMatcher, parseVersion } from "../genesys/provider-versions";

const FLOW = `resource "genesyscloud_flow" "inbound" {
  filepath          = "flows/inbound.yaml"
  file_content_hash = filesha256("flows/inbound.yaml")
}
`;
const SITE = `resource "genesyscloud_telephony_providers_edges_site" "denver" {
  name                            = "Denver"
  location_id                     = "loc"
  media_model                     = "Cloud"
  outbound_routes {
    name                    = "Outbound"
    classification_types    = ["National"]
    external_trunk_base_ids = ["t"]
  }
}
`;
const required = (constraint: string) =>
  `terraform {\n  required_providers {\n    genesyscloud = {\n      source  = "mypurecloud/genesyscloud"\n      version = "${constraint}"\n    }\n  }\n}\n`;

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-versions-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function grg012(files: Record<string, string>, ...args: string[]) {
  const root = fs.mkdtempSync(path.join(dir, "c-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  let out = "";
  const code = await runAudit([root, "--format", "json", ...args], { stdout: (t) => (out += t), stderr: () => undefined });
  const findings = JSON.parse(out).findings.filter((f: any) => f.ruleId === "GRG012");
  return { code, findings: findings.map((f: any) => ({ severity: f.severity, message: f.message })) };
}

describe("the provider version a configuration names", () => {
  it("~> 1.53.0 with file_content_hash and outbound_routes set: clean", async () => {
    const r = await grg012({ "main.tf": required("~> 1.53.0") + FLOW + SITE });
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it(">= 1.68.5 with file_content_hash set: an error naming the versions checked", async () => {
    const r = await grg012({ "main.tf": required(">= 1.68.5") + FLOW });
    expect(r.findings).toEqual([
      {
        severity: "error",
        message: expect.stringMatching(
          /file_content_hash: computed by the provider: it cannot be set \[provider >= 1\.68\.5 \(required in .*main\.tf: v1\.68\.5–1\.84\.1; later releases not in the data\)\]/,
        ),
      },
    ]);
    expect(r.code).toBe(1);
  });

  it("a constraint spanning the change: 'cannot verify', naming the releases on each side", async () => {
    const r = await grg012({ "main.tf": required(">= 1.60.0, < 1.70.0") + FLOW });
    expect(r.findings).toEqual([{ severity: "unknown", message: expect.stringContaining("in v1.68.5–1.69.3; v1.60.0–1.68.4 accept it") }]);
  });

  it("the lock file's exact version wins over the constraint", async () => {
    const lock = `provider "registry.terraform.io/mypurecloud/genesyscloud" {\n  version     = "1.70.0"\n  constraints = ">= 1.50.0"\n  hashes = []\n}\n`;
    const r = await grg012({ "main.tf": required(">= 1.50.0") + FLOW, ".terraform.lock.hcl": lock });
    expect(r.findings.map((f: any) => f.message)).toEqual([expect.stringContaining("[provider 1.70.0 (locked in")]);
  });

  it("--provider-version overrides both; without any version the newest schema is used, as before", async () => {
    expect((await grg012({ "main.tf": required(">= 1.68.5") + FLOW }, "--provider-version", "1.53.0")).findings).toEqual([]);
    const unpinned = await grg012({ "main.tf": FLOW });
    expect(unpinned.findings).toEqual([
      { severity: "error", message: expect.stringContaining("file_content_hash: computed by the provider: it cannot be set") },
    ]);
  });

  it("the site's outbound_routes is an error from 1.61.0 on", async () => {
    const r = await grg012({ "main.tf": required("~> 1.70") + SITE });
    expect(r.findings.map((f: any) => f.severity)).toEqual(["error"]);
    expect(r.findings[0].message).toMatch(/outbound_routes/);
  });
});

describe("types added after the schema history (genesyscloud_access_policy, v1.86.0)", () => {
  const POLICY = `resource "genesyscloud_access_policy" "deny" {\n  name            = "Deny"\n  target_resource = "recording"\n  effect          = "DENY"\n  subject_type    = "ALL"\n}\n`;

  it("pinned exactly to v1.84.1 (version or lock file): an error naming v1.86.0", async () => {
    for (const files of <Record<string, string>[]>[
      { "main.tf": required("1.84.1") + POLICY },
      {
        "main.tf": required(">= 1.80") + POLICY,
        ".terraform.lock.hcl": `provider "registry.terraform.io/mypurecloud/genesyscloud" {\n  version = "1.84.1"\n}\n`,
      },
    ]) {
      const r = await grg012(files);
      expect(r.findings).toEqual([
        { severity: "error", message: expect.stringMatching(/genesyscloud_access_policy was added in provider v1\.86\.0, which 1\.84\.1 \(/) },
      ]);
    }
  });

  it("a constraint allowing v1.86, or no constraint at all: accepted (checked against the additions)", async () => {
    expect((await grg012({ "main.tf": required(">= 1.84.0") + POLICY })).findings).toEqual([]);
    expect((await grg012({ "main.tf": POLICY })).findings).toEqual([]);
    // A constraint that stops before v1.86 (the history's releases only): refused.
    expect((await grg012({ "main.tf": required("~> 1.84.0") + POLICY })).findings.map((f: any) => f.severity)).toEqual(["error"]);
  });
});

describe("version constraints", () => {
  const allows = (c: string, v: string) => constraintMatcher(c)!(parseVersion(v)!);
  it.each([
    ["~> 1.53.0", "1.53.9", true],
    ["~> 1.53.0", "1.54.0", false],
    ["~> 1.53", "1.99.0", true],
    ["~> 1.53", "2.0.0", false],
    [">= 1.60, < 1.70", "1.69.1", true],
    ["!= 1.60.0", "1.60.0", false],
    ["1.84.1", "1.84.1", true],
  ])("%s allows %s: %s", (c, v, expected) => {
    expect(allows(c, v)).toBe(expected);
  });

  it("a malformed constraint is no selection (the newest schema is used); a newer-only one checks the newest known", () => {
    expect(selectProviderVersions({ constraint: "latest please" })).toBeUndefined();
    expect(selectProviderVersions({ constraint: ">= 1.86.0", constraintFile: "main.tf" })).toEqual({
      versions: ["1.84.1"],
      label: ">= 1.86.0 (required in main.tf; newer than the schema data: checked against v1.84.1)",
      allowsAdditions: true,
    });
  });
});
