// "Can this principal do that, where": capability requirements (ANY/ALL clauses tied to
// endpoints) checked against the roles a principal is granted, per intended division and queue.
import { CAPABILITIES, CapabilityName, RequirementClause } from "../genesys/capabilities";
import type { OrgSettings } from "../inputs/org-settings";
import type { DivisionTarget, Grant, Principal } from "./principals";
import type { ReferenceResolver } from "./references";
import { PermissionPolicy, RoleView, grantingPolicies } from "./roles";

export interface UnmetClause {
  clause: RequirementClause;
  /** For ALL: the permissions not granted; for ANY: the whole list (one of them is needed). */
  missing: string[];
}

export type PolicyFilter = (role: RoleView, policy: PermissionPolicy) => boolean;

/** The clauses of a capability that the union of the given roles does not satisfy. */
export function unmetClauses(capability: CapabilityName, roles: readonly RoleView[], accept?: PolicyFilter): UnmetClause[] {
  let out: UnmetClause[] | undefined;
  for (const clause of CAPABILITIES[capability].requirement) {
    if (clause.requires === "ANY") {
      let met = false;
      for (const p of clause.permissions) if (anyRoleGrants(roles, p, accept)) { met = true; break; }
      if (!met) (out ??= []).push({ clause, missing: [...clause.permissions] });
    } else {
      let missing: string[] | undefined;
      for (const p of clause.permissions) if (!anyRoleGrants(roles, p, accept)) (missing ??= []).push(p);
      if (missing) (out ??= []).push({ clause, missing });
    }
  }
  return out ?? [];
}

function anyRoleGrants(roles: readonly RoleView[], permission: string, accept: PolicyFilter | undefined): boolean {
  for (const r of roles) {
    const policies = grantingPolicies(r, permission);
    if (!accept) {
      if (policies.length) return true;
      continue;
    }
    for (const p of policies) if (accept(r, p)) return true;
  }
  return false;
}

/** Roles of a principal that the configuration declares, and the grants whose role it cannot see. */
export function splitGrants(grants: readonly Grant[]): { known: Grant[]; opaque: Grant[] } {
  const known: Grant[] = [];
  const opaque: Grant[] = [];
  for (const g of grants) (g.roleView ? known : opaque).push(g);
  return { known, opaque };
}

export function uniqueRoles(grants: readonly Grant[]): RoleView[] {
  return [...new Set(grants.map((g) => g.roleView).filter((r): r is RoleView => r !== undefined))];
}

export type Coverage = "yes" | "no" | "unknown";

/** Does a grant's division cover a division the intent names ("*", "home", an address, an id)? */
export function covers(grant: DivisionTarget, wanted: string, resolver: ReferenceResolver, org: OrgSettings | undefined): Coverage {
  if (grant.kind === "all") return "yes";
  if (grant.kind === "unknown") return "unknown";
  if (wanted === "*") return "no";
  const want = wantedDivision(wanted, resolver, org);
  if (want.home === true && grant.kind === "home") return "yes";
  if (grant.kind === "division" && want.address === grant.address) return "yes";
  const grantId = grant.kind === "id" ? grant.id : grant.kind === "division" ? idOfDivisionAddress(grant.address, resolver, org) : homeId(org);
  if (want.id !== undefined && grantId !== undefined) return want.id === grantId ? "yes" : "no";
  if (want.home !== undefined && grant.kind === "home") return want.home ? "yes" : "no";
  if (grant.kind === "division" && want.address !== undefined) return "no"; // two different division resources
  if (grant.kind === "home" && want.address !== undefined && want.home === false) return "no";
  return "unknown";
}

interface WantedDivision {
  home?: boolean;
  address?: string;
  id?: string;
}

function wantedDivision(wanted: string, resolver: ReferenceResolver, org: OrgSettings | undefined): WantedDivision {
  if (wanted === "home") return { home: true, id: homeId(org) };
  if (/^(data\.)?genesyscloud_auth_division(_home)?\.[A-Za-z0-9_-]+$/.test(wanted)) {
    const r = resolver.resource(wanted);
    if (r?.type === "genesyscloud_auth_division_home") return { home: true, address: wanted, id: homeId(org) };
    const home = r?.mode === "managed" ? r.values.home === true : undefined;
    return { address: wanted, id: idOfDivisionAddress(wanted, resolver, org), ...(home !== undefined ? { home } : {}) };
  }
  const orgDivision = org?.divisions?.items.find((d) => d.id === wanted);
  return { id: wanted, ...(orgDivision ? { home: orgDivision.home } : {}) };
}

/** A division looked up by name maps to an id when the org settings list that name. */
function idOfDivisionAddress(address: string, resolver: ReferenceResolver, org: OrgSettings | undefined): string | undefined {
  const r = resolver.resource(address);
  if (!r || !org?.divisions) return undefined;
  if (r.type === "genesyscloud_auth_division_home") return homeId(org);
  const name = r.values.name;
  return typeof name === "string" ? org.divisions.items.find((d) => d.name === name)?.id : undefined;
}

function homeId(org: OrgSettings | undefined): string | undefined {
  return org?.divisions?.items.find((d) => d.home)?.id;
}

export function grantsCovering(
  principal: Principal,
  wanted: string,
  resolver: ReferenceResolver,
  org: OrgSettings | undefined,
): { covering: Grant[]; undecided: Grant[] } {
  const covering: Grant[] = [];
  const undecided: Grant[] = [];
  for (const g of principal.grants) {
    const c = covers(g.division, wanted, resolver, org);
    if (c === "yes") covering.push(g);
    else if (c === "unknown") undecided.push(g);
  }
  return { covering, undecided };
}

export function describeClause(u: UnmetClause): string {
  let what = u.missing.join(", ");
  if (u.clause.requires === "ANY" && u.missing.length > 2) what = `${u.missing[0]} or another of ${u.missing.length} accepted permissions`;
  else if (u.clause.requires === "ANY" && u.missing.length === 2) what = u.missing.join(" or ");
  return `${what} (needed by ${u.clause.endpoint}: ${u.clause.why})`;
}
