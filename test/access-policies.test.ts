// Access policies (genesyscloud_access_policy, provider v1.86.0): a policy never enforced (GRG030),
// a DENY on authorization:grant:add that locks the applying client out of the configuration's own
// role grants (GRG031), and a DENY on what an intended principal needs (GRG032). Written in HCL as
// a configuration pinned to ~> 1.86.0 writes them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const PINNED =
  'terraform {\n  required_providers {\n    genesyscloud = {\n      source  = "mypurecloud/genesyscloud"\n      version = "~> 1.86.0"\n    }\n  }\n}\n';
const USER_ROLES = `resource "genesyscloud_user" "analyst" {
  name  = "Ana Lyst"
  email = "ana@example.com"
}
resource "genesyscloud_auth_role" "reader" {
  name = "Recording reader"
  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["view"]
  }
}
resource "genesyscloud_user_roles" "analyst" {
  user_id = genesyscloud_user.analyst.id
  roles {
    role_id = genesyscloud_auth_role.reader.id
  }
}
`;
const policy = (body: string) =>
  `resource "genesyscloud_access_policy" "no_new_grants" {\n  name            = "No new role grants"\n  target_resource = "authorization:grant:add"\n  effect          = "DENY"\n  subject_type    = "ALL"\n${body}}\n`;

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-abac-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function findings(text: string, ...args: string[]) {
  fs.writeFileSync(path.join(dir, "main.tf"), PINNED + text);
  let out = "";
  await runAudit([path.join(dir, "main.tf"), "--format", "json", ...args], { stdout: (t) => (out += t), stderr: () => undefined });
  return JSON.parse(out).findings as { ruleId: string; address: string; severity: string; certainty: string; message: string }[];
}

describe("access policies", () => {
  it("a DENY on authorization:grant:add for ALL with apply_to_clients: a finding on the configuration's role grant; without apply_to_clients none", async () => {
    const locked = await findings(USER_ROLES + policy("  enabled          = true\n  apply_to_clients = true\n"));
    expect(locked.filter((f) => f.ruleId === "GRG031")).toEqual([
      expect.objectContaining({
        address: "genesyscloud_user_roles.analyst",
        severity: "error",
        certainty: "likely",
        message: expect.stringContaining("Enable Attribute Based Access Control"),
      }),
    ]);
    expect(locked.filter((f) => f.ruleId === "GRG012")).toEqual([]); // the type exists in ~> 1.86.0
    const users = await findings(USER_ROLES + policy("  enabled = true\n"));
    expect(users.filter((f) => f.ruleId === "GRG031")).toEqual([]);
    const narrowed = await findings(
      USER_ROLES +
        policy(
          '  enabled          = true\n  apply_to_clients = true\n  condition_json   = jsonencode({ and = [{ attribute = "subject.role.name", operator = "eq", value = "contractor" }] })\n',
        ),
    );
    expect(narrowed.filter((f) => f.ruleId === "GRG031").map((f) => f.certainty)).toEqual(["possible"]);
  });

  it("a policy without enabled is never enforced (info); with enabled = true nothing", async () => {
    const unset = await findings(policy(""));
    expect(unset.filter((f) => f.ruleId === "GRG030")).toEqual([
      expect.objectContaining({ severity: "info", message: expect.stringContaining("enabled is not set and defaults to false") }),
    ]);
    expect((await findings(policy("  enabled = true\n"))).filter((f) => f.ruleId === "GRG030")).toEqual([]);
  });

  it("pinned to exactly 1.84.1 the type does not exist yet (GRG012 names v1.86.0)", async () => {
    fs.writeFileSync(path.join(dir, "main.tf"), PINNED.replace("~> 1.86.0", "1.84.1") + policy("  enabled = true\n"));
    let out = "";
    await runAudit([path.join(dir, "main.tf"), "--format", "json"], { stdout: (t) => (out += t), stderr: () => undefined });
    expect(JSON.parse(out).findings.filter((f: { ruleId: string }) => f.ruleId === "GRG012")).toEqual([
      expect.objectContaining({ severity: "error", message: expect.stringContaining("1.86.0") }),
    ]);
  });

  it("the access matrix shows the deny beside the principal's grants", async () => {
    fs.writeFileSync(path.join(dir, "main.tf"), PINNED + USER_ROLES + policy("  enabled          = true\n  apply_to_clients = true\n"));
    let out = "";
    await runAudit([path.join(dir, "main.tf"), "--format", "access"], { stdout: (t) => (out += t), stderr: () => undefined });
    expect(out).toContain("| denied by (access policy) | target | enforced | covers |");
    expect(out).toContain("| genesyscloud\\_access\\_policy.no\\_new\\_grants | authorization:grant:add | yes | yes |");
  });

  describe("GROUP and TEAM subjects cover the users their member_ids list", () => {
    const deny = (subjectType: string, subject: string) =>
      `resource "genesyscloud_access_policy" "no_playback" {\n  name            = "No playback for contractors"\n  target_resource = "recording:recording:view"\n  effect          = "DENY"\n  subject_type    = "${subjectType}"\n  subject_id      = ${subject}\n  enabled         = true\n}\n`;
    const other = `resource "genesyscloud_user" "other" {\n  name  = "Otto Ther"\n  email = "otto@example.com"\n}\n`;
    const team = (member: string) =>
      `resource "genesyscloud_team" "contractors" {\n  name        = "Contractors"\n  division_id = "d-home"\n  member_ids  = [${member}]\n}\n`;
    const group = (member: string) => `resource "genesyscloud_group" "contractors" {\n  name       = "Contractors"\n  member_ids = [${member}]\n}\n`;
    const intents = () => {
      const file = path.join(dir, "intents.json");
      fs.writeFileSync(file, JSON.stringify({ principals: { "genesyscloud_user_roles.analyst": { capabilities: ["recordings:read"] } } }));
      return ["--intents", file];
    };
    const grg032 = async (text: string) => (await findings(text, ...intents())).filter((f) => f.ruleId === "GRG032");

    it("a TEAM whose members include the user: 403 (likely); a team without the user: none", async () => {
      const hit = await grg032(USER_ROLES + other + team("genesyscloud_user.analyst.id") + deny("TEAM", "genesyscloud_team.contractors.id"));
      expect(hit.map((f) => [f.address, f.certainty])).toEqual([["genesyscloud_user_roles.analyst", "likely"]]);
      expect(hit[0].message).toContain("genesyscloud_access_policy.no_playback denies recording:recording:view");
      expect(await grg032(USER_ROLES + other + team("genesyscloud_user.other.id") + deny("TEAM", "genesyscloud_team.contractors.id"))).toEqual([]);
    });

    it("a GROUP whose members include the user: 403 (likely); the group's owner counts as a member", async () => {
      expect((await grg032(USER_ROLES + group("genesyscloud_user.analyst.id") + deny("GROUP", "genesyscloud_group.contractors.id"))).length).toBe(1);
      expect(await grg032(USER_ROLES + other + group("genesyscloud_user.other.id") + deny("GROUP", "genesyscloud_group.contractors.id"))).toEqual([]);
      const owned = group("genesyscloud_user.other.id").replace("  member_ids", "  owner_ids  = [genesyscloud_user.analyst.id]\n  member_ids");
      expect((await grg032(USER_ROLES + other + owned + deny("GROUP", "genesyscloud_group.contractors.id"))).length).toBe(1);
      // include_owners = "false" (a string, as Terraform takes it): owners are not members.
      const notOwners = owned.replace("  member_ids", '  include_owners = "false"\n  member_ids');
      expect(await grg032(USER_ROLES + other + notOwners + deny("GROUP", "genesyscloud_group.contractors.id"))).toEqual([]);
    });

    it("a USER subject written as the same literal id as the user_roles' user_id covers it", async () => {
      const literal = USER_ROLES.replace("genesyscloud_user.analyst.id", '"u-4711"');
      expect((await grg032(literal + deny("USER", '"u-4711"'))).length).toBe(1);
      expect(await grg032(literal + deny("USER", '"u-0815"'))).toEqual([]);
    });
  });

  it("GRG037: an org answering an empty list of targets confirms nothing (info, not error); a listed target is never refused for its form", async () => {
    const org = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "rules", "fixtures", "GRG037", "org.json"), "utf8"));
    const target = (t: string) => policy("  enabled = true\n").replace('"authorization:grant:add"', `"${t}"`);
    org.accessPolicyTargets.names = [];
    fs.writeFileSync(path.join(dir, "org.json"), JSON.stringify(org));
    const empty = (await findings(target("recording:recording:view"), "--org", path.join(dir, "org.json"))).filter((f) => f.ruleId === "GRG037");
    expect(empty.map((f) => f.severity)).toEqual(["info"]);
    org.accessPolicyTargets.names = ["directory/user/edit"];
    fs.writeFileSync(path.join(dir, "org.json"), JSON.stringify(org));
    expect((await findings(target("directory/user/edit"), "--org", path.join(dir, "org.json"))).filter((f) => f.ruleId === "GRG037")).toEqual([]);
  });
});
