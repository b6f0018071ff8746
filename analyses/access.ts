// "Can this principal do that, where": capability requirements (ANY/ALL clauses tied to
// endpoints) checked against the roles a principal is granted, per intended division and queue.
import { CAPABILITIES, CAPABILITY_NAMES, CapabilityName, RequirementClause } from "../genesys/capabilities";
import type { OrgSettings } from "../model/org-settings";
import type { DivisionTarget, Grant, Principal } from "./principals";
import type { ReferenceResolver } from "./references";
import { PermissionPolicy, RoleView, permissionOf, policyGrants } from "./roles";

export interface UnmetClause {
  clause: RequirementClause;
  /** For ALL: the permissions not granted; for ANY: the whole list (one of them is needed). */
  missing: string[];
}

export type PolicyFilter = (role: RoleView, policy: PermissionPolicy) => boolean;

/** Returned when every clause is met (the usual answer): one frozen array rather than a new one per call. */
const ALL_MET: UnmetClause[] = Object.freeze([]) as unknown as UnmetClause[];

/** The clauses of a capability that the union of the given roles does not satisfy (an empty result is shared: do not mutate). */
export function unmetClauses(capability: CapabilityName, roles: readonly RoleView[], accept?: PolicyFilter): UnmetClause[] {
  let out: UnmetClause[] | undefined;
  for (const clause of CAPABILITIES[capability].requirement) {
    if (clause.requires === "ANY") {
      let met = false;
      for (const p of clause.permissions)
        if (anyRoleGrants(roles, p, accept)) {
          met = true;
          break;
        }
      if (!met) (out ??= []).push({ clause, missing: [...clause.permissions] });
    } else {
      let missing: string[] | undefined;
      for (const p of clause.permissions) if (!anyRoleGrants(roles, p, accept)) (missing ??= []).push(p);
      if (missing) (out ??= []).push({ clause, missing });
    }
  }
  return out ?? ALL_MET;
}

/** Whether any of the roles grants the permission (`domain:entity:action`, wildcards in the roles honoured). */
export function rolesGrant(roles: readonly RoleView[], permissionText: string): boolean {
  return anyRoleGrants(roles, permissionText, undefined);
}

function anyRoleGrants(roles: readonly RoleView[], permissionText: string, accept: PolicyFilter | undefined): boolean {
  const permission = permissionOf(permissionText);
  if (!permission) return false;
  // A straight scan of each role's few policies, in order (the same policies grantingPolicies
  // would list): cheaper than a cache per role and permission, whose maps were thousands of
  // objects per audit for the garbage collector to trace.
  for (const r of roles) {
    for (const p of r.policies) if (policyGrants(p, permission) && (!accept || accept(r, p))) return true;
  }
  return false;
}

/**
 * Roles of a principal that the configuration declares, and the grants whose role it cannot fully
 * see: not declared in it, or declared with policies only known at plan time (RoleView.unreadable;
 * such a grant is in both lists: its stated policies count, and it may grant more).
 */
export function splitGrants(grants: readonly Grant[]): { known: Grant[]; opaque: Grant[] } {
  const known: Grant[] = [];
  const opaque: Grant[] = [];
  for (const g of grants) {
    if (g.roleView) known.push(g);
    if (isOpaque(g)) opaque.push(g);
  }
  return { known, opaque };
}

/** A grant whose role may grant more than the audit can read: not declared, or RoleView.unreadable. */
export function isOpaque(g: Grant): boolean {
  return g.roleView === undefined || g.roleView.unreadable !== undefined;
}

/** The remediation when an unreadable role leaves an access question open. */
export const UNREADABLE_ROLE_REMEDIATION =
  "Declare the role in the audited configuration with literal permission policies, or audit the plan JSON, where they are known.";

/** The distinct readable roles of the grants, in grant order. */
export function uniqueRoles(grants: readonly Grant[]): RoleView[] {
  // A principal holds a handful of distinct roles: a scan of the result beats building a Set and
  // two intermediate arrays per call (this runs for every principal with intents).
  const out: RoleView[] = [];
  for (const g of grants) if (g.roleView !== undefined && !out.includes(g.roleView)) out.push(g.roleView);
  return out;
}

/**
 * What GRG002, GRG003 and GRG004 all ask of one principal: its readable roles, the grants whose
 * role it cannot read, and which clauses of a capability those roles leave unmet. Computed once
 * per principal and capability, and shared: the returned arrays must not be mutated.
 */
export interface PrincipalAccess {
  /** uniqueRoles(principal.grants). */
  roles: readonly RoleView[];
  /** Grants whose role the configuration does not declare (splitGrants(...).opaque). */
  opaque: readonly Grant[];
  /** unmetClauses(capability, roles), memoised per capability. */
  unmet(capability: CapabilityName): readonly UnmetClause[];
}

class PrincipalAccessMemo implements PrincipalAccess {
  readonly roles: readonly RoleView[];
  readonly opaque: readonly Grant[];
  /** By index in CAPABILITY_NAMES: a handful of capabilities, no map per principal. */
  private readonly unmetByCapability: (readonly UnmetClause[] | undefined)[] = [];

  constructor(principal: Principal) {
    this.roles = uniqueRoles(principal.grants);
    this.opaque = splitGrants(principal.grants).opaque;
  }

  unmet(capability: CapabilityName): readonly UnmetClause[] {
    const i = CAPABILITY_NAMES.indexOf(capability);
    return (this.unmetByCapability[i] ??= unmetClauses(capability, this.roles));
  }
}

// Keyed by the Principal object, which readPrincipals creates anew for every audit: the memo lives
// exactly as long as that audit's principals, and a new configuration never sees an old answer.
const accessMemo = new WeakMap<Principal, PrincipalAccess>();

export function principalAccess(principal: Principal): PrincipalAccess {
  let access = accessMemo.get(principal);
  if (!access) accessMemo.set(principal, (access = new PrincipalAccessMemo(principal)));
  return access;
}

export type Coverage = "yes" | "no" | "unknown";

/** Does a grant's division cover a division the intent names ("*", "home", an address, an id)? */
export function covers(grant: DivisionTarget, wanted: string, resolver: ReferenceResolver, org: OrgSettings | undefined): Coverage {
  return coversWanted(grant, wanted, wantedDivision(wanted, resolver, org), resolver, org);
}

/** covers() with the wanted division already looked up: grantsCovering looks it up once, not once per grant. */
function coversWanted(grant: DivisionTarget, wanted: string, want: WantedDivision, resolver: ReferenceResolver, org: OrgSettings | undefined): Coverage {
  if (grant.kind === "all") return "yes";
  if (grant.kind === "unknown") return "unknown";
  if (wanted === "*") return "no";
  if (want.home === true && grant.kind === "home") return "yes";
  if (grant.kind === "division" && want.address === grant.address) return "yes";
  const grantId = grant.kind === "id" ? grant.id : grant.kind === "division" ? idOfDivisionAddress(grant.address, resolver, org) : homeId(org);
  if (want.id !== undefined && grantId !== undefined) return want.id === grantId ? "yes" : "no";
  if (want.home !== undefined && grant.kind === "home") return want.home ? "yes" : "no";
  if (grant.kind === "division" && want.address !== undefined) return "no"; // two different division resources
  if (grant.kind === "home" && want.address !== undefined && want.home === false) return "no";
  // A division the configuration creates (a managed genesyscloud_auth_division) is never the home
  // division, which every org already has. (A data source may look up the home division by name.)
  if (want.home === true && grant.kind === "division") {
    const r = resolver.resource(grant.address);
    if (r?.mode === "managed" && r.type === "genesyscloud_auth_division" && r.values.home !== true) return "no";
  }
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
  // The name as Terraform would pass it: `name = var.division_name` (CX-as-Code's usual form) is its value.
  const name = resolver.resolve(r.values.name);
  return name.kind === "literal" ? org.divisions.items.find((d) => d.name === name.value)?.id : undefined;
}

function homeId(org: OrgSettings | undefined): string | undefined {
  return org?.divisions?.items.find((d) => d.home)?.id;
}

const NO_GRANTS: Grant[] = Object.freeze([]) as unknown as Grant[];

/**
 * What GRG003 needs of grantsCovering: the distinct readable roles of the covering grants
 * (uniqueRoles(covering)) and the undecided grants, without the intermediate list of covering
 * grants. The undecided list is usually empty and then shared: do not mutate.
 */
export function coverageIn(
  principal: Principal,
  wanted: string,
  resolver: ReferenceResolver,
  org: OrgSettings | undefined,
): { roles: RoleView[]; undecided: Grant[]; opaque: boolean } {
  const want = wantedDivisionOf(wanted, resolver, org);
  const roles: RoleView[] = [];
  let undecided: Grant[] | undefined;
  // A covering grant whose role cannot be (fully) read may grant what the readable roles lack; one
  // granted in another division cannot help here.
  let opaque = false;
  for (const g of principal.grants) {
    const c = coversWanted(g.division, wanted, want, resolver, org);
    if (c === "yes") {
      if (g.roleView !== undefined && !roles.includes(g.roleView)) roles.push(g.roleView);
      if (isOpaque(g)) opaque = true;
    } else if (c === "unknown") (undecided ??= []).push(g);
  }
  return { roles, undecided: undecided ?? NO_GRANTS, opaque };
}

// Per audit (keyed by its resolver) and per org: the few distinct divisions the intents name,
// each looked up once instead of once per principal that names it. Read-only results.
const wantedMemo = new WeakMap<ReferenceResolver, { org: OrgSettings | undefined; byName: Map<string, WantedDivision> }>();

function wantedDivisionOf(wanted: string, resolver: ReferenceResolver, org: OrgSettings | undefined): WantedDivision {
  let memo = wantedMemo.get(resolver);
  if (!memo || memo.org !== org) wantedMemo.set(resolver, (memo = { org, byName: new Map() }));
  let want = memo.byName.get(wanted);
  if (!want) memo.byName.set(wanted, (want = wantedDivision(wanted, resolver, org)));
  return want;
}

export function grantsCovering(
  principal: Principal,
  wanted: string,
  resolver: ReferenceResolver,
  org: OrgSettings | undefined,
): { covering: Grant[]; undecided: Grant[] } {
  const covering: Grant[] = [];
  const undecided: Grant[] = [];
  const want = wantedDivision(wanted, resolver, org);
  for (const g of principal.grants) {
    const c = coversWanted(g.division, wanted, want, resolver, org);
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
