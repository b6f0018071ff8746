// The people and routing objects of the org as the configuration declares them: users, groups
// (their members), teams, queues, wrap-up codes, IVRs and flows, each with its division. Recording
// access for humans follows from them: a user holds the roles of its `genesyscloud_user_roles` and
// of every group it is a member of whose `genesyscloud_group_roles` grant roles (group roles apply
// to the group's members: genesys/README.md, "Facts from real configurations").
// A queue's, team's or IVR's conversations live in its division. Flows carry no division_id in the
// provider schema (the division is in the flow's file), so theirs is null.
import type { TfConfiguration, TfResource } from "../model/terraform";
import type { ReferenceResolver, Resolved } from "./references";
import { strings } from "./roles";

export type OrgObjectKind = "user" | "group" | "team" | "queue" | "wrapup-code" | "ivr" | "flow";

/** The provider types (v1.84.1 schema) read here, and the attribute naming each one's division. */
export const ORG_OBJECT_TYPES: Readonly<Record<string, { kind: OrgObjectKind; division: string | null }>> = {
  genesyscloud_user: { kind: "user", division: "division_id" },
  genesyscloud_group: { kind: "group", division: null },
  genesyscloud_team: { kind: "team", division: "division_id" },
  genesyscloud_routing_queue: { kind: "queue", division: "division_id" },
  genesyscloud_routing_wrapupcode: { kind: "wrapup-code", division: "division_id" },
  genesyscloud_architect_ivr: { kind: "ivr", division: "division_id" },
  genesyscloud_flow: { kind: "flow", division: null },
};

export interface OrgObject {
  address: string;
  kind: OrgObjectKind;
  resource: TfResource;
  /** How the division is written, resolved; null when the type has none (groups, flows) or it is unset (the home division). */
  division: Resolved | null;
  /** Groups and teams: the member users resolved to their addresses where they are in the configuration, else as written. */
  members: string[];
  /** Groups: roles may be assigned (`roles_enabled`, default true); false means its group roles give its members nothing. */
  rolesEnabled: boolean;
}

export interface OrgObjects {
  objects: OrgObject[];
  /** Each user address with the groups (addresses) that list it as a member. */
  groupsOf: (user: string) => string[];
  /** The members of a group or team (by its address), as `members`; undefined when it is not in the configuration. */
  membersOf: (address: string) => readonly string[] | undefined;
}

export function readOrgObjects(config: TfConfiguration, resolver: ReferenceResolver): OrgObjects {
  const objects: OrgObject[] = [];
  const groupsOfUser = new Map<string, string[]>();
  for (const r of config.resources) {
    if (r.mode !== "managed" || !Object.prototype.hasOwnProperty.call(ORG_OBJECT_TYPES, r.type)) continue;
    const { kind, division } = ORG_OBJECT_TYPES[r.type];
    const written = division === null ? undefined : r.values[division];
    // A group's owners count as members unless include_owners = false (provider docs: "Defaults to true").
    const writtenMembers = kind === "group" || kind === "team" ? [...strings(r.values.member_ids)] : [];
    if (kind === "group" && !isFalse(r.values.include_owners, resolver)) writtenMembers.push(...strings(r.values.owner_ids));
    const members = [...new Set(writtenMembers.map((m) => memberName(resolver.resolve(m))))];
    objects.push({
      address: r.address,
      kind,
      resource: r,
      division: written === undefined || written === null || written === "" ? null : resolver.resolve(written),
      members,
      rolesEnabled: !(kind === "group" && r.values.roles_enabled === false),
    });
    if (kind === "group") {
      for (const m of members) {
        const list = groupsOfUser.get(m);
        if (list) list.push(r.address);
        else groupsOfUser.set(m, [r.address]);
      }
    }
  }
  const byAddress = new Map(objects.filter((o) => o.kind === "group" || o.kind === "team").map((o) => [o.address, o.members]));
  return { objects, groupsOf: (user) => groupsOfUser.get(user) ?? [], membersOf: (address) => byAddress.get(address) };
}

/** false, "false", or a variable or local whose value is false (include_owners = var.x). */
function isFalse(value: unknown, resolver: ReferenceResolver): boolean {
  if (value === false || value === "false") return true;
  if (typeof value !== "string") return false;
  const r = resolver.resolve(value);
  return r.kind === "literal" && r.value === "false";
}

/** A member as the matrix names it: the user's address when it is one of the configuration's, else the id or text as written. */
export function memberName(m: Resolved): string {
  if (m.kind === "ref") return m.address;
  return m.kind === "literal" ? m.value : m.text;
}
