// The config file (.recording-guard.yaml): found by walking up from the audited path (to the
// repository root), or named with --config; command-line options win over it; validated like
// every input (one line naming the file and field, exit 2).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const NO_ROLES =
  'resource "genesyscloud_oauth_client" "x" {\n  name                  = "x"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n  scopes                = ["recordings"]\n}\n';

let repo: string;
beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "grg-config-"));
  fs.mkdirSync(path.join(repo, ".git"));
  for (const env of ["dev", "prod"]) {
    fs.mkdirSync(path.join(repo, "envs", env), { recursive: true });
    fs.writeFileSync(path.join(repo, "envs", env, "main.tf"), NO_ROLES);
  }
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

const config = (text: string, name = ".recording-guard.yaml") => fs.writeFileSync(path.join(repo, name), text);

async function audit(...args: string[]) {
  let out = "";
  let err = "";
  const code = await runAudit([...args, "--format", "json"], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  const report = out ? JSON.parse(out) : undefined;
  return {
    code,
    err,
    rules: report ? [...new Set(report.findings.map((f: { ruleId: string }) => f.ruleId))] : undefined,
    roots: report?.configurations.map((c: { name: string }) => path.relative(repo, c.name)),
    enforcement: report?.findings.map((f: { ruleId: string; enforcement: string }) => `${f.ruleId} ${f.enforcement}`),
    inputs: report?.inputs.map((i: { kind: string }) => i.kind),
  };
}

describe("the config file", () => {
  it("without one: both rules fire, exit 1", async () => {
    expect(await audit(path.join(repo, "envs", "dev"))).toMatchObject({ code: 1, rules: ["GRG001", "GRG006"] });
  });

  it("found walking up from the audited path: disables rules, sets enforcement and the fail level; it is a digested input", async () => {
    config("failOn: never\nrules:\n  disable: [GRG006]\nenforcement:\n  GRG001: advisory\n");
    const r = await audit(path.join(repo, "envs", "dev"));
    expect(r).toMatchObject({ code: 0, rules: ["GRG001"], enforcement: ["GRG001 advisory"] });
    expect(r.inputs).toContain("config");
    // --fail-on given on the command line wins (GRG001 is advisory: it never fails; make it mandatory to see).
    config("failOn: never\n");
    expect((await audit(path.join(repo, "envs", "dev"), "--fail-on", "error")).code).toBe(1);
  });

  it("skip leaves roots out; intents and org are read relative to the config file", async () => {
    fs.writeFileSync(
      path.join(repo, "intents.json"),
      JSON.stringify({ principals: { "genesyscloud_oauth_client.typo": { capabilities: ["recordings:read"], divisions: ["home"] } } }),
    );
    config("skip: [envs/prod]\nintents: intents.json\n");
    const r = await audit(repo);
    expect(r.roots).toEqual([path.join("envs", "dev")]);
    expect(r.rules).toContain("GRG017");
  });

  it("--config names one; a bad one is one line naming the file and field, exit 2", async () => {
    config("failOn: sometimes\n", "other.yaml");
    const bad = await audit(path.join(repo, "envs", "dev"), "--config", path.join(repo, "other.yaml"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: .*other\.yaml: failOn: .*\n$/);
    config("rules:\n  disable: [GRG001]\n  enable: [GRG002]\n");
    expect((await audit(path.join(repo, "envs", "dev"))).err).toMatch(/\.recording-guard\.yaml: rules\.enable: unknown key\n$/);
  });

  it("is not looked for above the repository root", async () => {
    // A repository nested in the one holding the config file: the outer file does not apply.
    config("failOn: never\n");
    const inner = path.join(repo, "vendor", "other");
    fs.mkdirSync(path.join(inner, ".git"), { recursive: true });
    fs.writeFileSync(path.join(inner, "main.tf"), NO_ROLES);
    expect((await audit(inner)).code).toBe(1);
    expect((await audit(path.join(repo, "envs", "dev"))).code).toBe(0);
  });
});
