// The pre-commit hook: audits the root configurations that hold the changed files, each as a
// whole, never a lone file; a changed module selects the roots that call it.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { runPreCommit } from "../cli/pre-commit";

const NO_ROLES = 'resource "genesyscloud_oauth_client" "x" {\n  name                  = "x"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n}\n';
const DIVISION = 'resource "genesyscloud_auth_division" "d" {\n  name = "d"\n}\n';

let repo: string;
const cwd = process.cwd();
beforeAll(() => {
  repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "grg-precommit-")));
  const write = (f: string, t: string) => (fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true }), fs.writeFileSync(path.join(repo, f), t));
  write("envs/dev/main.tf", DIVISION);
  write("envs/prod/main.tf", 'module "x" {\n  source = "../../modules/x"\n}\n');
  write("modules/x/main.tf", NO_ROLES);
  write("README.md", "# infra\n");
  execFileSync("git", ["init", "-q"], { cwd: repo });
  process.chdir(repo);
});
afterAll(() => {
  process.chdir(cwd);
  fs.rmSync(repo, { recursive: true, force: true });
});

async function hook(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runPreCommit(["--format", "json", ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, repo);
  const report = stdout ? JSON.parse(stdout) : undefined;
  return {
    code,
    stderr,
    roots: report?.configurations.map((c: { name: string }) => c.name),
    findings: report?.findings.map((f: { ruleId: string; address: string }) => `${f.ruleId} ${f.address}`),
  };
}

describe("pre-commit", () => {
  it("audits only the root holding the changed file, as a whole", async () => {
    expect(await hook("--", "envs/dev/main.tf")).toMatchObject({ code: 0, findings: [] });
    expect(await hook("--", "envs/prod/main.tf")).toMatchObject({ code: 1, roots: ["envs/prod"], findings: ["GRG001 module.x.genesyscloud_oauth_client.x"] });
  });

  it("a changed module file selects the roots calling it (never the module alone)", async () => {
    expect(await hook("--", "modules/x/main.tf")).toMatchObject({ code: 1, roots: ["envs/prod"], findings: ["GRG001 module.x.genesyscloud_oauth_client.x"] });
  });

  it("other changed files: nothing to audit, exit 0", async () => {
    expect(await hook("--", "README.md")).toMatchObject({ code: 0, findings: undefined });
  });

  it("without file names: the staged files; none staged: every root", async () => {
    execFileSync("git", ["add", "envs/dev/main.tf"], { cwd: repo });
    expect(await hook()).toMatchObject({ code: 0, roots: ["envs/dev"] });
    execFileSync("git", ["reset", "-q"], { cwd: repo });
    expect(await hook()).toMatchObject({ code: 1, roots: ["envs/dev", "envs/prod"] });
  });

  it("ships a hook definition that runs the command without file names on Terraform changes", () => {
    const [def] = parse(fs.readFileSync(path.join(__dirname, "..", ".pre-commit-hooks.yaml"), "utf8"));
    expect(def).toMatchObject({ id: "genesys-recording-guard", entry: "genesys-recording-guard pre-commit", language: "node", pass_filenames: false });
    expect(new RegExp(def.files).test("envs/dev/main.tf")).toBe(true);
    expect(new RegExp(def.files).test("README.md")).toBe(false);
  });
});
