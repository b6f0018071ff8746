// Configurations shaped like what users run (test/fixtures/real/): a whole-org export in the
// genesyscloud_tf_export layout (built-in roles with real permissions, a SCIM client, Genesys
// Cloud Voice, BYOC and Edge trunks with diagnostic keys), a configuration pinned to ~> 1.53.0,
// roots under envs/, and a CX-as-Code blueprint with local modules. Each finding here was judged by
// hand against genesys/README.md and public exports; a new finding on these is a regression to judge.
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const REAL = path.join(__dirname, "fixtures", "real");

async function findings(dir: string, ...args: string[]) {
  let out = "";
  const code = await runAudit([path.join(REAL, dir), "--format", "json", ...args], { stdout: (t) => (out += t), stderr: () => undefined });
  return { code, findings: JSON.parse(out).findings.map((f: any) => `${f.ruleId} ${f.severity} ${f.address}${f.attribute ? ` ${f.attribute.path}` : ""}`) };
}

describe("real-shaped configurations", () => {
  it("a whole-org export: only the Genesys Cloud Voice trunk that records nothing, and two permissions no source confirms", async () => {
    expect(await findings("export-org")).toEqual({
      code: 0,
      findings: [
        "GRG010 warning genesyscloud_telephony_providers_edges_trunkbasesettings.Genesys_Cloud_Voice_-_AWS properties.trunk_recording_enabled",
        "GRG014 info genesyscloud_auth_role.Quality_Administrator permission_policies[1].action_set",
        "GRG014 info genesyscloud_auth_role.Quality_Administrator permission_policies[1].action_set",
      ],
    });
  });

  it("pinned to ~> 1.53.0: clean; the same files checked against v1.84.1 get the attributes 1.84.1 lacks", async () => {
    expect(await findings("pinned-old")).toEqual({ code: 0, findings: [] });
    const newest = await findings("pinned-old", "--provider-version", "1.84.1");
    expect(newest.code).toBe(1);
    expect(newest.findings).toEqual(
      expect.arrayContaining([
        "GRG012 error genesyscloud_flow.inbound file_content_hash",
        "GRG012 error genesyscloud_telephony_providers_edges_site.denver outbound_routes",
      ]),
    );
  });

  it.each(["several-roots/envs/dev", "several-roots/envs/prod"])("%s on its own: clean", async (dir) => {
    expect(await findings(dir)).toEqual({ code: 0, findings: [] });
  });

  it("two roots under envs/ with the same variable names are refused, never merged (one root's default judged the other's client)", async () => {
    let stderr = "";
    const code = await runAudit([path.join(REAL, "several-roots-distinct")], { stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: .*envs\/prod\/variables\.tf: variable\.\w+: declared again \(first in .*envs\/dev\/variables\.tf\); files in different directories are different Terraform modules \(root configurations\): audit one directory at a time/,
    );
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a blueprint with local modules: the modules' roles and clients are audited with the root's intents (module.oauth....), and pass", async () => {
    const r = await findings("blueprint", "--intents", path.join(REAL, "blueprint", "intents.json"));
    expect(r).toEqual({ code: 0, findings: [] });
    let out = "";
    await runAudit([path.join(REAL, "blueprint"), "--intents", path.join(REAL, "blueprint", "intents.json"), "--format", "json"], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    // Every module file is an input (digests), and no module call is left unexpanded.
    expect(JSON.parse(out).inputs.map((i: any) => path.basename(path.dirname(i.file)) + "/" + path.basename(i.file))).toEqual(
      expect.arrayContaining(["oauth/main.tf", "queues/main.tf", "users/main.tf"]),
    );
  });

  it("the blueprint's client without the role the module grants: GRG002 on module.oauth.genesyscloud_oauth_client.recording_connector", async () => {
    const fs = await import("fs");
    const os = await import("os");
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "grg-blueprint-"));
    fs.cpSync(path.join(REAL, "blueprint"), copy, { recursive: true });
    const main = path.join(copy, "modules", "oauth", "main.tf");
    fs.writeFileSync(
      main,
      fs.readFileSync(main, "utf8").replace('entity_name = "recording"\n    action_set  = ["view"]', 'entity_name = "recording"\n    action_set  = ["upload"]'),
    );
    let out = "";
    const code = await runAudit([copy, "--intents", path.join(copy, "intents.json"), "--format", "json"], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    fs.rmSync(copy, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(JSON.parse(out).findings.map((f: any) => `${f.ruleId} ${f.severity} ${f.address}`)).toContain(
      "GRG002 error module.oauth.genesyscloud_oauth_client.recording_connector",
    );
  });
});
