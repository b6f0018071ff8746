// Configurations shaped like what users run (test/fixtures/real/): a whole-org export in the
// genesyscloud_tf_export layout (built-in roles with real permissions, a SCIM client, Genesys
// Cloud Voice, BYOC and Edge trunks with diagnostic keys), a configuration pinned to ~> 1.53.0,
// roots under envs/, and a CX-as-Code blueprint with local modules. Each finding here was judged by
// hand against genesys/README.md and public exports; a new finding on these is a regression to judge.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";
import { loadInputs } from "../readers/terraform/load-inputs";
import { buildAccessMatrix } from "../reporters/access-matrix";

const REAL = path.join(__dirname, "fixtures", "real");
const rel = (p: string) => path.relative(process.cwd(), path.join(REAL, p));

async function json(args: string[]) {
  let stdout = "";
  let stderr = "";
  const [first, ...rest] = args;
  const target = path.isAbsolute(first) ? first : path.join(REAL, first);
  const code = await runAudit([target, "--format", "json", ...rest], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stderr, report: stdout ? JSON.parse(stdout) : undefined };
}

const copies: string[] = [];
afterAll(() => copies.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function copy(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-real-"));
  copies.push(dir);
  fs.cpSync(path.join(REAL, name), dir, { recursive: true });
  return dir;
}

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

  it("several roots in one run: each audited on its own with its own variables, findings naming their root", async () => {
    // Same names in both roots: no "declared again", both clean.
    const same = await json(["several-roots"]);
    expect({ code: same.code, configurations: same.report.configurations, findings: same.report.findings }).toEqual({
      code: 0,
      configurations: [
        { name: rel("several-roots/envs/dev"), files: expect.any(Array), error: null },
        { name: rel("several-roots/envs/prod"), files: expect.any(Array), error: null },
      ],
      findings: [],
    });
    // Distinct names, shared variable names: prod's token_lifetime (1800 s) is judged on prod's default,
    // not dev's 7200 s. The intents are shared: qa_export lives in dev only, which is no GRG017.
    const distinct = await json(["several-roots-distinct", "--intents", path.join(REAL, "several-roots-distinct", "intents.json")]);
    expect(distinct.code).toBe(1);
    expect(distinct.report.findings.map((f: any) => `${f.ruleId} ${f.configuration} ${f.address} ${f.attribute?.path}`)).toEqual([
      `GRG007 ${rel("several-roots-distinct/envs/prod")} genesyscloud_oauth_client.prod_qa_export access_token_validity_seconds`,
    ]);
    expect(distinct.report.findings[0].message).toContain("1800");
  });

  it("an intent naming a principal no root declares is reported once, for the run; one found in any root is not reported", async () => {
    const dir = copy("several-roots-distinct");
    fs.writeFileSync(
      path.join(dir, "intents.json"),
      JSON.stringify({
        principals: {
          "genesyscloud_oauth_client.qa_export": { capabilities: ["recordings:read"], divisions: ["home"] },
          "genesyscloud_oauth_client.typo": { capabilities: ["recordings:read"], divisions: ["home"] },
        },
        acknowledgements: [
          {
            ruleId: "GRG017",
            target: "genesyscloud_oauth_client.nowhere",
            reason: "kept while the client is renamed",
            owner: "platform-team",
            expires: "2099-01-01",
          },
        ],
      }),
    );
    const r = await json([dir, "--intents", path.join(dir, "intents.json")]);
    expect(r.report.findings.map((f: any) => `${f.ruleId} ${f.configuration} ${f.address}`)).toEqual([
      "GRG017 null genesyscloud_oauth_client.typo",
      "GRG902 null genesyscloud_oauth_client.nowhere",
    ]);
    expect(r.report.findings[0].message).toContain("(Checked in each of the 2 audited configurations:");
  });

  it("a root that cannot be read: its one-line error, the other roots reported, exit 2", async () => {
    const dir = copy("several-roots-distinct");
    fs.appendFileSync(path.join(dir, "envs", "dev", "main.tf"), '\nresource "genesyscloud_auth_role" "broken" {\n');
    const r = await json([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^error: .*envs\/dev\/main\.tf: /)]);
    expect(r.report.configurations.map((c: any) => [c.name, c.error === null])).toEqual([
      [path.join(dir, "envs", "dev"), false],
      [path.join(dir, "envs", "prod"), true],
    ]);
    expect(r.report.findings).toEqual([]);
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

describe("the whole-org export in the access matrix", () => {
  it("lists its people with what their user and group roles give, and its queues and wrap-up codes with their divisions", async () => {
    const { config } = await loadInputs([path.join(REAL, "export-org")]);
    const m = buildAccessMatrix({ findings: [], inputs: [], config });
    const person = (a: string) => m.people.find((p) => p.address === a);
    // Priya holds no user roles: her recording access comes from the Care Supervisors group.
    expect(person("genesyscloud_user.priya_nair_example_com")).toMatchObject({
      groups: ["genesyscloud_group.Care_Supervisors"],
      principals: ["genesyscloud_group_roles.Care_Supervisors"],
    });
    expect(person("genesyscloud_user.priya_nair_example_com")?.capabilities.find((c) => c.capability === "recordings:read")?.status).toBe("granted");
    expect(m.orgObjects.filter((o) => o.kind === "queue").map((o) => [o.address, o.division])).toEqual([
      ["genesyscloud_routing_queue.Customer_Care", "genesyscloud_auth_division.Customer_Care"],
      ["genesyscloud_routing_queue.Sales_Inbound", "genesyscloud_auth_division.Sales"],
    ]);
  });
});
