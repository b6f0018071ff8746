// People in the access matrix: a user's own user roles and its groups' group roles combine
// (provider docs: genesyscloud_group_roles apply to the group's members); a group with
// roles_enabled = false gives nothing; owners count as members unless include_owners = false.
// Queues, teams, wrap-up codes, IVRs and flows are listed with their divisions.
import { buildAccessMatrix, type AccessMatrix } from "../reporters/access-matrix";
import { formatAccessMatrixMarkdown } from "../reporters/access-matrix-markdown";
import { readTerraformJson } from "../readers/terraform/tf-json";

const role = (action: string) => ({ name: action, permission_policies: [{ domain: "recording", entity_name: "recording", action_set: [action] }] });

function matrix(group: Record<string, unknown>): AccessMatrix {
  const config = readTerraformJson(
    {
      data: { genesyscloud_auth_division_home: { home: {} } },
      resource: {
        genesyscloud_auth_division: { sales: { name: "Sales" } },
        genesyscloud_auth_role: { viewer: role("view"), sensitive: role("viewSensitiveData") },
        genesyscloud_user: {
          ana: { name: "Ana", email: "ana@example.com", division_id: "${genesyscloud_auth_division.sales.id}" },
          ben: { name: "Ben", email: "ben@example.com" },
        },
        genesyscloud_user_roles: {
          ana: { user_id: "${genesyscloud_user.ana.id}", roles: [{ role_id: "${genesyscloud_auth_role.viewer.id}", division_ids: ["*"] }] },
        },
        genesyscloud_group: { qa: { name: "QA", ...group } },
        genesyscloud_group_roles: {
          qa: { group_id: "${genesyscloud_group.qa.id}", roles: [{ role_id: "${genesyscloud_auth_role.sensitive.id}", division_ids: ["*"] }] },
        },
        genesyscloud_routing_queue: { support: { name: "Support", division_id: "${genesyscloud_auth_division.sales.id}" } },
        genesyscloud_routing_wrapupcode: { done: { name: "Done", division_id: "${data.genesyscloud_auth_division_home.home.id}" } },
        genesyscloud_team: { care: { name: "Care", division_id: "${genesyscloud_auth_division.sales.id}", member_ids: ["${genesyscloud_user.ben.id}"] } },
        genesyscloud_flow: { inbound: { filepath: "flows/inbound.yaml" } },
      },
    },
    "main.tf.json",
  );
  return buildAccessMatrix({ findings: [], inputs: [], config });
}

const status = (m: AccessMatrix, user: string, capability: string) =>
  m.people.find((p) => p.address === `genesyscloud_user.${user}`)?.capabilities.find((c) => c.capability === capability)?.status;

describe("people in the access matrix", () => {
  it("combines a user's own roles with its groups' roles (view from one, viewSensitiveData from the other)", () => {
    const m = matrix({ member_ids: ["${genesyscloud_user.ana.id}"] });
    const ana = m.people.find((p) => p.address === "genesyscloud_user.ana")!;
    expect(ana).toMatchObject({
      name: "Ana",
      division: "genesyscloud_auth_division.sales",
      groups: ["genesyscloud_group.qa"],
      principals: ["genesyscloud_group_roles.qa", "genesyscloud_user_roles.ana"],
    });
    expect(status(m, "ana", "recordings:read")).toBe("granted");
    expect(status(m, "ana", "recordings:read-sensitive")).toBe("granted");
    // Ben: no user roles, not in the group; his division is unset (home).
    expect(m.people.find((p) => p.address === "genesyscloud_user.ben")).toMatchObject({ division: "home (division_id unset)", groups: [], principals: [] });
    expect(status(m, "ben", "recordings:read")).toBe("not-granted");
  });

  it("a group with roles_enabled = false gives its members nothing", () => {
    const m = matrix({ member_ids: ["${genesyscloud_user.ana.id}"], roles_enabled: false });
    expect(m.people.find((p) => p.address === "genesyscloud_user.ana")?.principals).toEqual(["genesyscloud_user_roles.ana"]);
    expect(status(m, "ana", "recordings:read-sensitive")).toBe("not-granted");
  });

  it("a group's owners are members unless include_owners = false", () => {
    expect(status(matrix({ owner_ids: ["${genesyscloud_user.ben.id}"] }), "ben", "recordings:read")).toBe("not-granted");
    expect(matrix({ owner_ids: ["${genesyscloud_user.ben.id}"] }).people.find((p) => p.address === "genesyscloud_user.ben")?.groups).toEqual([
      "genesyscloud_group.qa",
    ]);
    expect(
      matrix({ owner_ids: ["${genesyscloud_user.ben.id}"], include_owners: false }).people.find((p) => p.address === "genesyscloud_user.ben")?.groups,
    ).toEqual([]);
  });

  it("lists queues, teams, wrap-up codes and flows with their divisions, and renders them in Markdown", () => {
    const m = matrix({});
    expect(m.orgObjects.map((o) => [o.address, o.kind, o.division, o.members])).toEqual([
      ["genesyscloud_flow.inbound", "flow", null, null],
      ["genesyscloud_group.qa", "group", null, 0],
      ["genesyscloud_routing_queue.support", "queue", "genesyscloud_auth_division.sales", null],
      ["genesyscloud_routing_wrapupcode.done", "wrapup-code", "home", null],
      ["genesyscloud_team.care", "team", "genesyscloud_auth_division.sales", 1],
      ["genesyscloud_user.ana", "user", "genesyscloud_auth_division.sales", null],
      ["genesyscloud_user.ben", "user", "home (division_id unset)", null],
    ]);
    const md = formatAccessMatrixMarkdown(m);
    expect(md).toContain("| genesyscloud\\_routing\\_queue.support (Support) | queue | genesyscloud\\_auth\\_division.sales | - |");
    expect(md).toContain("| genesyscloud\\_flow.inbound | flow | in the flow's file | - |");
    // Not a member here: her own user roles only (view: read yes, read-sensitive no).
    expect(md).toContain("| genesyscloud\\_user.ana (Ana) | genesyscloud\\_auth\\_division.sales | - | genesyscloud\\_user\\_roles.ana | yes | no | no |");
  });
});
