// OpenTofu: *.tofu and *.tofu.json files (read instead of the .tf / .tf.json of the same name, as
// OpenTofu does), override files in .tofu form, modules in .tofu, and the OpenTofu registry address
// of the provider in required_providers and in the lock file.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const REAL = path.join(__dirname, "fixtures", "real", "several-roots-distinct", "envs", "prod");
const NO_ROLES = 'resource "genesyscloud_oauth_client" "decoy" {\n  name                  = "decoy"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n}\n';
const INTENTS = path.join(__dirname, "fixtures", "real", "several-roots-distinct", "intents.json");

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-tofu-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function findings(target: string, ...args: string[]) {
  let out = "";
  const code = await runAudit([target, "--format", "json", "--intents", INTENTS, ...args], { stdout: (t) => (out += t), stderr: () => undefined });
  const report = JSON.parse(out);
  return {
    code,
    findings: report.findings.map((f: { ruleId: string; address: string; message: string }) => `${f.ruleId} ${f.address} ${f.message}`),
    inputs: report.inputs.map((i: { file: string }) => path.basename(i.file)),
  };
}

it("the same configuration as main.tofu with the OpenTofu provider address gives the same findings", async () => {
  const terraform = await findings(REAL);
  expect(terraform.findings.length).toBeGreaterThan(0);
  fs.cpSync(REAL, dir, { recursive: true });
  fs.renameSync(path.join(dir, "main.tf"), path.join(dir, "main.tofu"));
  const versions = fs
    .readFileSync(path.join(dir, "versions.tf"), "utf8")
    .replace('source  = "mypurecloud/genesyscloud"', 'source  = "registry.opentofu.org/mypurecloud/genesyscloud"');
  fs.rmSync(path.join(dir, "versions.tf"));
  fs.writeFileSync(path.join(dir, "versions.tofu"), versions);
  const tofu = await findings(dir);
  expect(tofu.code).toBe(terraform.code);
  // Sorted: findings are ordered by file path, and the copy lives elsewhere.
  expect([...tofu.findings].sort()).toEqual([...terraform.findings].sort());
  expect(tofu.inputs).toEqual(expect.arrayContaining(["main.tofu", "versions.tofu"]));
});

it("reads x.tofu instead of x.tf beside it (a Terraform-only decoy is not audited), and .tofu overrides and modules", async () => {
  fs.cpSync(REAL, dir, { recursive: true });
  fs.copyFileSync(path.join(dir, "main.tf"), path.join(dir, "main.tofu"));
  fs.appendFileSync(path.join(dir, "main.tf"), NO_ROLES); // what only Terraform would read
  fs.writeFileSync(
    path.join(dir, "extra_override.tofu"),
    'resource "genesyscloud_oauth_client" "prod_qa_export" {\n  access_token_validity_seconds = 7200\n}\n',
  );
  fs.mkdirSync(path.join(dir, "modules", "m"), { recursive: true });
  fs.writeFileSync(path.join(dir, "modules", "m", "main.tofu"), NO_ROLES.replace("decoy", "in_module"));
  fs.appendFileSync(path.join(dir, "main.tofu"), 'module "m" {\n  source = "./modules/m"\n}\n');
  const r = await findings(dir);
  expect(r.inputs).not.toContain("main.tf");
  // The override lifted the token lifetime above the run (no GRG007); the module's client has no roles.
  // Sorted: findings are ordered by file path, and the temporary copy may sort either side of the fixtures.
  expect(r.findings.map((f: string) => f.split(" ").slice(0, 2).join(" ")).sort()).toEqual([
    "GRG001 module.m.genesyscloud_oauth_client.in_module",
    "GRG017 genesyscloud_oauth_client.qa_export", // the intents' dev client: not in this root
  ]);
});

it("takes the exact version from a lock file with the OpenTofu registry address", async () => {
  fs.writeFileSync(
    path.join(dir, "main.tofu"),
    'terraform {\n  required_providers {\n    genesyscloud = {\n      source  = "registry.opentofu.org/mypurecloud/genesyscloud"\n      version = ">= 1.50.0"\n    }\n  }\n}\nresource "genesyscloud_flow" "f" {\n  filepath          = "f.yaml"\n  file_content_hash = "x"\n}\n',
  );
  fs.writeFileSync(path.join(dir, ".terraform.lock.hcl"), 'provider "registry.opentofu.org/mypurecloud/genesyscloud" {\n  version = "1.70.0"\n}\n');
  let out = "";
  await runAudit([dir, "--format", "json"], { stdout: (t) => (out += t), stderr: () => undefined });
  const grg012 = JSON.parse(out).findings.filter((f: { ruleId: string }) => f.ruleId === "GRG012");
  expect(grg012.map((f: { message: string }) => f.message)).toEqual([expect.stringContaining("[provider 1.70.0 (locked in")]);
});
