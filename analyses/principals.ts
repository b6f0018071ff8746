// Principals are what holds recording grants: OAuth clients (`roles { role_id, division_id }`),
// user roles and group roles (`roles { role_id, division_ids }`). An unset division means the
// home division; "*" means all divisions (provider docs, genesys/README.md).
import type { OrgSettings } from "../model/org-settings";
import type { TfConfiguration, TfResource } from "../model/terraform";
import { ReferenceResolver, Resolved } from "./references";
import { RoleView, blocks, dynamicContents, readRole, strings } from "./roles";
import { plainText } from "../model/safe-text";

export type DivisionTarget =
  { kind: "all" } | { kind: "home"; via: string } | { kind: "division"; address: string } | { kind: "id"; id: string } | { kind: "unknown"; text: string };

export interface Grant {
  /** How the role was written, resolved. */
  role: Resolved;
  /** The role's permission policies when the role is a managed resource in the configuration. */
  roleView?: RoleView;
  division: DivisionTarget;
  /** Where the grant's division is written in the principal's block: `roles[0].division_id`, `roles[1].division_ids[0]`, `roles[2]` when unset. */
  attribute?: string;
}

export type PrincipalKind = "oauth_client" | "user_roles" | "group_roles";

export interface Principal {
  readonly address: string;
  readonly kind: PrincipalKind;
  readonly resource: TfResource;
  /**
   * The role grants, read when first asked for and kept: most rules ask only about the principals
   * with intents, so a large configuration's other principals never have their grants resolved.
   */
  readonly grants: Grant[];
  /** Whether the principal declares any role grant (grants.length > 0), without reading them. */
  readonly hasGrants: boolean;
  /** An OAuth client whose authorized_grant_type is CLIENT-CREDENTIALS (any case). Read once: every rule asks. */
  readonly clientCredentials: boolean;
}

type GrantReader = (resource: TfResource, kind: PrincipalKind) => Grant[];

class ConfiguredPrincipal implements Principal {
  readonly address: string;
  readonly clientCredentials: boolean;
  private read: Grant[] | undefined;

  constructor(
    readonly kind: PrincipalKind,
    readonly resource: TfResource,
    private readonly reader: GrantReader,
  ) {
    this.address = resource.address;
    this.clientCredentials = kind === "oauth_client" && isClientCredentialsType(resource.values.authorized_grant_type);
  }

  get grants(): Grant[] {
    return (this.read ??= this.reader(this.resource, this.kind));
  }

  get hasGrants(): boolean {
    // Every roles entry yields at least one grant (an entry without divisions means the home
    // division), and so does every content block of a dynamic "roles" block.
    if (this.read) return this.read.length > 0;
    const values = this.resource.values;
    return blocks(values.roles).length > 0 || (values.dynamic !== undefined && dynamicContents(values.dynamic, "roles").length > 0);
  }
}

export const PRINCIPAL_TYPES: Record<string, PrincipalKind> = {
  genesyscloud_oauth_client: "oauth_client",
  genesyscloud_user_roles: "user_roles",
  genesyscloud_group_roles: "group_roles",
};

/** An unset division_id: one shared target, never mutated. */
const HOME_UNSET: DivisionTarget = { kind: "home", via: "division unset" };

export function readPrincipals(config: TfConfiguration, resolver: ReferenceResolver, org: OrgSettings | undefined): Principal[] {
  const homeIds = new Set((org?.divisions?.items ?? []).filter((d) => d.home).map((d) => d.id));
  // Thousands of grants name the same few divisions ("*", the home data source, a division
  // resource): one DivisionTarget per distinct division string, shared by every grant that writes
  // it (targets are read-only). Per call, so per audit: nothing is cached across configurations.
  const targets = new Map<string, DivisionTarget>();
  const divisionOf = (d: unknown): DivisionTarget => {
    if (typeof d !== "string") return divisionTarget(resolver.resolve(d), homeIds);
    let t = targets.get(d);
    if (!t) targets.set(d, (t = divisionTarget(resolver.resolve(d), homeIds)));
    return t;
  };
  const readGrants: GrantReader = (resource, kind) => {
    const grants: Grant[] = [];
    const entries = blocks(resource.values.roles);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const role = resolver.resolve(entry.role_id);
      const roleView = roleViewOf(role);
      if (kind === "oauth_client") {
        // One division per entry; unset (or empty) means the home division.
        const d = entry.division_id;
        const unset = d === undefined || d === null || d === "";
        grants.push({ role, roleView, division: unset ? HOME_UNSET : divisionOf(d), attribute: unset ? `roles[${i}]` : `roles[${i}].division_id` });
        continue;
      }
      const divisions = strings(entry.division_ids);
      if (divisions.length === 0) {
        grants.push({ role, roleView, division: HOME_UNSET, attribute: `roles[${i}]` });
        continue;
      }
      divisions.forEach((d, j) => grants.push({ role, roleView, division: divisionOf(d), attribute: `roles[${i}].division_ids[${j}]` }));
    }
    if (resource.values.dynamic !== undefined) grants.push(...dynamicRoleGrants(resource, resolver));
    return grants;
  };
  const out: Principal[] = [];
  for (const resource of config.resources) {
    const kind =
      resource.mode === "managed" && Object.prototype.hasOwnProperty.call(PRINCIPAL_TYPES, resource.type) ? PRINCIPAL_TYPES[resource.type] : undefined;
    if (kind) out.push(new ConfiguredPrincipal(kind, resource, readGrants));
  }
  return out;
}

/**
 * `dynamic "roles" { for_each = ...; content { role_id = ..., division_id = ... } }`: the role is
 * often a plain reference, the division an iterator value. Each content block counts as a grant
 * whose division is unknown unless written literally: rules then say "cannot verify", never
 * "no roles".
 */
function dynamicRoleGrants(resource: TfResource, resolver: ReferenceResolver): Grant[] {
  return dynamicContents(resource.values.dynamic, "roles").map(({ content, forEach }) => {
    const role = resolver.resolve(content.role_id);
    const roleView = roleViewOf(role);
    const division =
      typeof content.division_id === "string" && content.division_id === "*"
        ? { kind: "all" as const }
        : { kind: "unknown" as const, text: `dynamic "roles" (for_each ${plainText(forEach ?? "?")})` };
    return { role, roleView, division, attribute: "dynamic" };
  });
}

/** The role's permission policies, when the role is a managed resource of the configuration. */
function roleViewOf(role: Resolved): RoleView | undefined {
  return role.kind === "ref" && role.resource?.type === "genesyscloud_auth_role" && role.resource.mode === "managed" ? readRole(role.resource) : undefined;
}

function divisionTarget(resolved: Resolved, homeIds: ReadonlySet<string>): DivisionTarget {
  if (resolved.kind === "literal") {
    if (resolved.value === "*") return { kind: "all" };
    if (homeIds.has(resolved.value)) return { kind: "home", via: `division id ${resolved.value} (home in org settings)` };
    return { kind: "id", id: resolved.value };
  }
  if (resolved.kind === "ref") {
    const r = resolved.resource;
    if (r?.type === "genesyscloud_auth_division_home") return { kind: "home", via: resolved.address };
    if (r?.type === "genesyscloud_auth_division") {
      if (r.mode === "managed" && r.values.home === true) return { kind: "home", via: resolved.address };
      return { kind: "division", address: resolved.address };
    }
    return { kind: "unknown", text: `\${${resolved.address}.${resolved.attribute}}` };
  }
  return { kind: "unknown", text: resolved.text };
}

export function describeDivision(d: DivisionTarget): string {
  switch (d.kind) {
    case "all":
      return 'all divisions ("*")';
    case "home":
      return `the home division (${d.via})`;
    case "division":
      return d.address;
    case "id":
      return `division ${d.id}`;
    case "unknown":
      return `an unresolved division (${d.text})`;
  }
}

/** Principal attribute helpers. */
export function grantType(p: Principal): string | undefined {
  const v = p.resource.values.authorized_grant_type;
  return typeof v === "string" ? v.toUpperCase() : undefined;
}

export function isClientCredentials(p: Principal): boolean {
  return p.clientCredentials;
}

function isClientCredentialsType(v: unknown): boolean {
  // Most clients write the grant type exactly so: compare before upper-casing.
  return v === "CLIENT-CREDENTIALS" || (typeof v === "string" && v.toUpperCase() === "CLIENT-CREDENTIALS");
}

/**
 * Whether the principal's own grants decide its access. Client-credentials clients and user or
 * group roles: yes. Other OAuth grant types act as the signed-in user, whose roles the
 * configuration does not show, so their client roles say nothing about access.
 */
export function holdsOwnGrants(p: Principal): boolean {
  return p.kind !== "oauth_client" || p.clientCredentials;
}
