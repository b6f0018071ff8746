// The recording access matrix: what each principal's grants really give, where and under which
// conditions, beside what its intent asks for; what each trunk records; what each media
// retention policy keeps and which policies overlap. A pure function of the report context,
// JSON-serializable (null, never undefined) and sorted, so the same input gives the same bytes.
// Built from the configuration's real values, it shows them as reports do (displayMatrix):
// values a plan marks sensitive replaced by "(sensitive)", each value capped at 200 characters
// (a 1 MB role id is not copied whole into every cell), composed text bounded.
import { ACCESS_POLICY_TYPE, coversPrincipal, readAccessPolicies, type AccessPolicy } from "../analyses/access-policies";
import { CAPABILITY_NAMES, type CapabilityName } from "../genesys/capabilities";
import { KNOWN_TRUNK_RECORDING_KEYS, TRUNK_RECORDING_KEYS } from "../genesys/trunk-recording-keys";
import type { OrgSettings } from "../model/org-settings";
import { grantsCovering, isOpaque, uniqueRoles, unmetClauses, type UnmetClause } from "../analyses/access";
import { describeConditions } from "../analyses/conditions";
import type { TfResource } from "../model/terraform";
import { forAddressOrBlock, withoutEmptyBlocks, withoutInstanceKeys } from "../model/instances";
import {
  describeDivision,
  grantType,
  holdsOwnGrants,
  readPrincipals,
  type DivisionTarget,
  type Grant,
  type Principal,
  type PrincipalKind,
} from "../analyses/principals";
import { ReferenceResolver, type Resolved } from "../analyses/references";
import { tokenLifetime } from "../analyses/token-lifetime";
import { ORG_OBJECT_TYPES, readOrgObjects, type OrgObject, type OrgObjectKind, type OrgObjects } from "../analyses/org-objects";
import { withQueueDivisions } from "../analyses/queue-divisions";
import { blocks, grantingPolicies, strings, type RoleView } from "../analyses/roles";
import type { Certainty } from "../core/rule";
import { TOOL } from "../core/tool";
import { TRUNK_TYPE, propertyInstance, trunkProperties } from "../analyses/trunk-recording";
import { MEDIA, POLICY_TYPE, actionSets, deletion, scopedSets, type Media } from "../analyses/retention";
import { MAX_VALUE_CHARS, capValue, displayText, mapStrings, plainText, type Redact, showValue, wellFormed } from "../model/safe-text";
import { configurationsOf, contextRedactor, displayName, displayPath, type ReportContext } from "./report-context";

/** 2: rows name their root configuration (null when the run audited one); people and org objects. */
export const ACCESS_MATRIX_FORMAT_VERSION = 3;

/**
 * granted: the roles counted here satisfy every clause of the capability, without conditions;
 * granted-with-conditions: only through permission policies with conditions (queues, users...);
 * not-granted: they do not, and every role counted here can be read;
 * unknown: they do not, but a role cannot be read or a grant's division cannot be matched;
 * user-roles-decide: a non-client-credentials client whose scopes allow it (the signed-in user's roles decide);
 * scope-missing: a non-client-credentials client whose scopes do not allow it.
 */
export type CapabilityStatus = "granted" | "granted-with-conditions" | "not-granted" | "unknown" | "user-roles-decide" | "scope-missing";

export interface MissingClause {
  requires: "ANY" | "ALL";
  /** For ALL: the permissions not granted; for ANY: the whole list (one of them is needed). */
  permissions: string[];
  endpoint: string;
  certainty: Certainty;
  why: string;
}

export interface CapabilityCell {
  capability: CapabilityName;
  status: CapabilityStatus;
  /** The intent asks for this capability (and, in a division cell, in this division). */
  intended: boolean;
  /** Roles counted here whose policies grant a permission the capability needs. */
  via: string[];
  /** The clauses not met, listed for intended cells only (empty when granted or not intended: keeps the matrix small). */
  missing: MissingClause[];
  note: string | null;
}

export interface ConditionedPolicy {
  /** The policy as written: domain:entity:action[,action]. */
  permission: string;
  conditions: string;
}

export interface GrantRow {
  /** The role's address, `role id <id>` for a literal id, or the unresolved text. */
  role: string;
  /** The role's permission policies are in the configuration. */
  roleReadable: boolean;
  roleName: string | null;
  /** describeDivision() of the grant's division. */
  division: string;
  /** The division column this grant belongs to. */
  divisionKey: string;
  /** The role's recording-related policies that carry conditions. */
  conditions: ConditionedPolicy[];
}

export interface DivisionAccess {
  /** "*", "home", a division address, a division id, or "?<text>" for an unresolved division. */
  key: string;
  label: string;
  /** Some grant names this division (directly, not through "*"). */
  granted: boolean;
  /** The intent names this division. */
  intended: boolean;
  /** Roles counted in this division: granted here or in all divisions. */
  roles: string[];
  capabilities: CapabilityCell[];
}

export interface IntentView {
  capabilities: CapabilityName[];
  divisions: string[];
  queues: string[];
  readsRecordingsUpToDays: number | null;
  /** The planned run: explicit rate and duration, or a JMeter plan / nginx configuration they come from. */
  run: RunView | null;
  declaredBy: string | null;
  /** Intended capability x division pairs not granted (status not-granted, unknown or scope-missing). */
  unmet: { capability: CapabilityName; division: string; status: CapabilityStatus }[];
}

export interface RunView {
  durationSeconds: number | null;
  requestsPerSecond: number | null;
  tokens: number;
  jmeter: string | null;
  nginx: string | null;
}

export type AccessModel = "own-grants" | "signed-in-user" | "unknown";

export interface PrincipalAccess {
  /** The root configuration it is declared in, when the run audited several; null otherwise. */
  configuration: string | null;
  address: string;
  kind: PrincipalKind;
  name: string | null;
  /** user_id / group_id as written, for user and group roles. */
  subject: string | null;
  file: string;
  line: number | null;
  constructPath: string | null;
  grantType: string | null;
  state: { value: string; default: boolean } | null;
  tokenLifetime: { seconds: number | null; text: string | null; default: boolean } | null;
  scopes: string[] | null;
  /** The real recording scopes among the scopes (recordings, recordings:readonly). */
  recordingScopes: string[] | null;
  access: AccessModel;
  accessNote: string;
  grants: GrantRow[];
  /**
   * DENY access policies whose subject covers the principal ("unknown": a subject or flag written
   * as an expression), beside its grants: an enabled one refuses its target whatever the roles.
   */
  denies: DenyRow[];
  /** Union of every grant, whatever the division. */
  anywhere: CapabilityCell[];
  divisions: DivisionAccess[];
  intent: IntentView | null;
}

export interface DenyRow {
  policy: string;
  target: string | null;
  /** enabled as written: true, false, or "unset" (defaults to false: never enforced), "unknown". */
  enabled: boolean | "unset" | "unknown";
  covers: "yes" | "unknown";
  /** condition_json narrows who the policy matches. */
  conditioned: boolean;
}

export interface TrunkRecording {
  /** The root configuration it is declared in, when the run audited several; null otherwise. */
  configuration: string | null;
  address: string;
  name: string | null;
  file: string;
  line: number | null;
  constructPath: string | null;
  trunkType: string | null;
  trunkMetaBase: string | null;
  properties: "parsed" | "unset" | "unknown" | "invalid";
  recording: "on" | "off" | "unknown";
  /** recording is off because trunk_recording_enabled is absent (off by default). */
  recordingDefault: boolean;
  consentRequired: boolean | null;
  dualChannel: boolean | null;
  audioFormat: string | null;
  /** Every known trunk_recording_* key present, value.instance as JSON text, sorted by key. */
  recordingKeys: { key: string; value: string }[];
  note: string | null;
}

export type Days = number | string | null;

export interface RetentionMediaRow {
  media: Media;
  /** Path of the actions block. */
  where: string;
  conditions: string;
  retain: boolean | null;
  deleteRecording: boolean | null;
  alwaysDelete: boolean | null;
  archiveDays: Days;
  deleteDays: Days;
  screenRecording: { recordAcw: boolean | null; archiveDays: Days; deleteDays: Days } | null;
  /** When the recordings are deleted: "never", "after N day(s) (how)", "at once (always_delete)", "unknown (text)". */
  deletes: string;
}

export interface RetentionPolicyRow {
  /** The root configuration it is declared in, when the run audited several; null otherwise. */
  configuration: string | null;
  address: string;
  name: string | null;
  file: string;
  line: number | null;
  constructPath: string | null;
  enabled: boolean;
  enabledDefault: boolean;
  order: number | string | null;
  media: RetentionMediaRow[];
  /** Other enabled policies covering a media type this one covers (only when this one is enabled). */
  overlapsWith: string[];
}

export interface RetentionOverlap {
  /** The root configuration it is declared in, when the run audited several; null otherwise. */
  configuration: string | null;
  media: Media;
  policies: { address: string; deletes: string; days: number | null }[];
  /** longest-wins: every policy sets a deletion period, so the longest retention wins. */
  resolution: "longest-wins" | "undetermined";
  winner: string | null;
  winnerDays: number | null;
  note: string;
}

/**
 * A user of the configuration and the recording access its roles give: its own user roles and
 * the group roles of every group that lists it as a member, combined (a capability needing two
 * permissions may get one from each).
 */
export interface PersonAccess {
  configuration: string | null;
  address: string;
  name: string | null;
  file: string;
  line: number | null;
  /** The user's own division (where the user object lives; not where its roles apply). */
  division: string;
  /** Groups (addresses) listing the user in member_ids. */
  groups: string[];
  /** The user_roles and group_roles resources whose grants apply to the user. */
  principals: string[];
  /** Per capability, anywhere in the org: the combined grants' status (granted, granted-with-conditions, not-granted, unknown). */
  capabilities: { capability: CapabilityName; status: CapabilityStatus; via: string[] }[];
}

/** A queue, team, wrap-up code, IVR, flow, group or user with its division: where its conversations (and recordings) live. */
export interface OrgObjectRow {
  configuration: string | null;
  address: string;
  kind: OrgObjectKind;
  name: string | null;
  /** The division as written (an address, "home", an id, unresolved text); null for types without one (groups, flows). */
  division: string | null;
  /** Groups and teams: how many members the configuration lists. */
  members: number | null;
}

export interface AccessMatrix {
  formatVersion: number;
  principals: PrincipalAccess[];
  /** Humans: each user of the configuration with what its user and group roles give. */
  people: PersonAccess[];
  /** Queues, teams, wrap-up codes, IVRs, flows, groups and users, with their divisions. */
  orgObjects: OrgObjectRow[];
  /** Intents naming a principal the configuration does not declare. */
  intentsWithoutPrincipal: string[];
  trunks: TrunkRecording[];
  retentionPolicies: RetentionPolicyRow[];
  retentionOverlaps: RetentionOverlap[];
}

const RECORDING_SCOPES = ["recordings", "recordings:readonly"];
const READ_ONLY: readonly CapabilityName[] = ["recordings:read", "recordings:read-screen", "recordings:read-sensitive"];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildAccessMatrix(ctx: ReportContext): AccessMatrix {
  // Several root configurations (envs/dev, envs/prod): each is read on its own, its rows name it.
  const roots = configurationsOf(ctx);
  const principals: PrincipalAccess[] = [];
  const trunks: TrunkRecording[] = [];
  const retentionPolicies: RetentionPolicyRow[] = [];
  const retentionOverlaps: RetentionOverlap[] = [];
  const declared = new Set<string>();
  const people: PersonAccess[] = [];
  const orgObjects: OrgObjectRow[] = [];
  for (const { name, config } of roots) {
    const resolver = new ReferenceResolver(config);
    const rootCtx = { ...ctx, config };
    // What the rules see (engine/engine.ts): blocks with count = 0 or an empty for_each create nothing.
    const created = withoutEmptyBlocks(config);
    const read = readPrincipals(created, resolver, ctx.org);
    const denyPolicies = readAccessPolicies(
      created.resources.filter((r) => r.mode === "managed" && r.type === ACCESS_POLICY_TYPE),
      resolver,
    ).filter((a) => a.effect === "DENY");
    const objects = readOrgObjects(created, resolver);
    const own = read.map((p) => ({ ...principalAccess(p, rootCtx, resolver, denyPolicies, objects), configuration: name }));
    principals.push(...own);
    people.push(...peopleOf(objects, read, resolver, name));
    orgObjects.push(...objects.objects.map((o) => orgObjectRow(o, name)));
    // An intent on a block covers its plan instances (as in the engine's intentFor).
    for (const p of own) declared.add(p.address).add(withoutInstanceKeys(p.address));
    trunks.push(
      ...created.resources.filter((r) => r.mode === "managed" && r.type === TRUNK_TYPE).map((r) => ({ ...trunkRecording(r, resolver), configuration: name })),
    );
    const { policies, overlaps } = retention(
      created.resources.filter((r) => r.mode === "managed" && r.type === POLICY_TYPE),
      resolver,
    );
    retentionPolicies.push(...policies.map((p) => ({ ...p, configuration: name })));
    retentionOverlaps.push(...overlaps.map((o) => ({ ...o, configuration: name })));
  }
  const byRoot =
    <T extends { configuration: string | null }>(key: (t: T) => string) =>
    (a: T, b: T) =>
      cmp(a.configuration ?? "", b.configuration ?? "") || cmp(key(a), key(b));
  const intentsWithoutPrincipal = Object.keys(ctx.intents?.principals ?? {})
    .filter((a) => !declared.has(a))
    .sort(cmp);
  const matrix = {
    formatVersion: ACCESS_MATRIX_FORMAT_VERSION,
    principals: principals.sort(byRoot((p) => p.address)),
    people: people.sort(byRoot((p) => p.address)),
    orgObjects: orgObjects.sort(byRoot((o) => o.address)),
    intentsWithoutPrincipal,
    trunks: trunks.sort(byRoot((t) => t.address)),
    // In the order retention() gives within each configuration (by policy order): a stable sort keeps it.
    retentionPolicies: retentionPolicies.sort(byRoot(() => "")),
    retentionOverlaps: retentionOverlaps.sort(byRoot(() => "")),
  };
  return displayMatrix(matrix, contextRedactor(ctx));
}

/** Addresses: capped as findings' addresses are (displayName), so the two still compare equal. */
const ADDRESS_KEYS: ReadonlySet<string> = new Set(["address", "overlapsWith", "intentsWithoutPrincipal", "winner", "groups", "principals"]);
const PATH_KEYS: ReadonlySet<string> = new Set(["file", "constructPath", "jmeter", "nginx", "configuration"]);
/** One value each (role labels and division keys are compared with each other: capped alike). */
const VALUE_KEYS: ReadonlySet<string> = new Set([
  "name",
  "roleName",
  "subject",
  "grantType",
  "value",
  "text",
  "trunkType",
  "trunkMetaBase",
  "audioFormat",
  "scopes",
  "recordingScopes",
  "declaredBy",
  "order",
  "archiveDays",
  "deleteDays",
  "role",
  "via",
  "roles",
  "key",
  "divisionKey",
  "divisions",
  "queues",
  "division",
]);

/** The matrix as reports show it: every other string is composed text (notes, conditions, labels). */
function displayMatrix(matrix: AccessMatrix, redact: Redact): AccessMatrix {
  return mapStrings(matrix, (text, key) => {
    if (key !== undefined && ADDRESS_KEYS.has(key)) return displayName(text);
    if (key !== undefined && PATH_KEYS.has(key)) return displayPath(text);
    const shown = redact(text);
    return key !== undefined && VALUE_KEYS.has(key) ? wellFormed(capValue(shown)) : displayText(shown);
  });
}

// ---------------------------------------------------------------------------------------------
// People and the org's routing objects

function peopleOf(objects: OrgObjects, principals: readonly Principal[], resolver: ReferenceResolver, configuration: string | null): PersonAccess[] {
  // The grants that apply to each user: user_roles naming it, group_roles naming a group it is in.
  const byUser = new Map<string, Principal[]>();
  const byGroup = new Map<string, Principal[]>();
  // A group with roles_enabled = false gives its members no roles.
  const noRoles = new Set(objects.objects.filter((o) => o.kind === "group" && !o.rolesEnabled).map((o) => o.address));
  for (const p of principals) {
    if (p.kind === "oauth_client") continue;
    const subject = resolver.resolve(p.kind === "user_roles" ? p.resource.values.user_id : p.resource.values.group_id);
    if (subject.kind !== "ref" || noRoles.has(subject.address)) continue;
    const table = p.kind === "user_roles" ? byUser : byGroup;
    const list = table.get(subject.address);
    if (list) list.push(p);
    else table.set(subject.address, [p]);
  }
  return objects.objects
    .filter((o) => o.kind === "user")
    .map((u) => {
      const groups = objects.groupsOf(u.address).slice().sort(cmp);
      const applying = [...(byUser.get(u.address) ?? []), ...groups.flatMap((g) => byGroup.get(g) ?? [])];
      const grants = applying.flatMap((p) => p.grants);
      const v = u.resource.values;
      return {
        configuration,
        address: u.address,
        name: typeof v.name === "string" ? v.name : null,
        file: u.resource.location.file,
        line: u.resource.location.line ?? null,
        division: divisionText(u),
        groups,
        principals: [...new Set(applying.map((p) => p.address))].sort(cmp),
        capabilities: CAPABILITY_NAMES.map((c) => {
          const cell = evaluate(c, grants, [], false);
          return { capability: c, status: cell.status, via: cell.via };
        }),
      };
    });
}

function orgObjectRow(o: OrgObject, configuration: string | null): OrgObjectRow {
  const name = o.resource.values.name;
  return {
    configuration,
    address: o.address,
    kind: o.kind,
    name: typeof name === "string" ? name : null,
    division: ORG_OBJECT_TYPES[o.resource.type].division === null ? null : divisionText(o),
    members: o.kind === "group" || o.kind === "team" ? o.members.length : null,
  };
}

/** The object's division as the matrix writes divisions: an address, "home", an id, or the unresolved text. */
function divisionText(o: OrgObject): string {
  const d = o.division;
  if (d === null) return "home (division_id unset)";
  if (d.kind === "literal") return d.value;
  if (d.kind === "unknown") return d.text;
  if (d.resource?.type === "genesyscloud_auth_division_home" || (d.resource?.type === "genesyscloud_auth_division" && d.resource.values.home === true))
    return "home";
  return d.address;
}

// ---------------------------------------------------------------------------------------------
// Principals

function principalAccess(
  p: Principal,
  ctx: ReportContext,
  resolver: ReferenceResolver,
  denyPolicies: readonly AccessPolicy[],
  objects: OrgObjects,
): Omit<PrincipalAccess, "configuration"> {
  const v = p.resource.values;
  const own = (a: string) => (ctx.intents && Object.prototype.hasOwnProperty.call(ctx.intents.principals, a) ? ctx.intents.principals[a] : undefined);
  const declared = forAddressOrBlock(p.address, own);
  // As the rules see it: the intent's queues add their divisions (analyses/queue-divisions.ts).
  const intent = declared && withQueueDivisions(declared, resolver);
  const isClient = p.kind === "oauth_client";
  const type = isClient ? (grantType(p) ?? null) : null;
  const scopes = isClient ? strings(v.scopes).slice().sort(cmp) : null;
  const recordingScopes = scopes ? scopes.filter((s) => RECORDING_SCOPES.includes(s)) : null;
  const access: AccessModel = holdsOwnGrants(p) ? "own-grants" : type === null || type.includes("${") ? "unknown" : "signed-in-user";
  const intendedCaps = new Set<CapabilityName>((intent?.capabilities ?? []) as CapabilityName[]);
  const intendedDivisions = (intent?.divisions ?? []).map((d) => canonicalDivision(d, resolver));

  let anywhere: CapabilityCell[];
  let divisions: DivisionAccess[] = [];
  let accessNote: string;
  if (access === "own-grants") {
    accessNote = isClient
      ? "client-credentials: access is exactly the roles granted to the client, in the divisions they are granted in"
      : "the roles granted here, in the divisions they are granted in (the user or group may hold other roles elsewhere)";
    anywhere = CAPABILITY_NAMES.map((c) => evaluate(c, p.grants, [], intendedCaps.has(c)));
    const keys = new Map<string, boolean>();
    for (const g of p.grants) keys.set(divisionKey(g.division), true);
    for (const d of intendedDivisions) if (!keys.has(d)) keys.set(d, false);
    divisions = [...keys.keys()].sort(compareDivisionKeys).map((key) => {
      const { counted, undecided } = countedIn(key, p, resolver, ctx.org);
      const intendedHere = intendedDivisions.includes(key);
      return {
        key,
        label: divisionLabel(key, p, ctx.org),
        granted: keys.get(key) === true,
        intended: intendedHere,
        roles: [...new Set(counted.map((g) => roleLabel(g.role)))].sort(cmp),
        capabilities: CAPABILITY_NAMES.map((c) => evaluate(c, counted, undecided, intendedHere && intendedCaps.has(c))),
      };
    });
  } else if (access === "signed-in-user") {
    const present = recordingScopes ?? [];
    accessNote = `${type}: access is the signed-in user's roles limited by the client's scopes; recording scopes present: ${present.length ? present.join(", ") : "none"}${p.grants.length ? "; the client's own roles do not decide its access" : ""}`;
    anywhere = CAPABILITY_NAMES.map((c) => scopeCell(c, present, intendedCaps.has(c)));
  } else {
    accessNote = `the grant type cannot be resolved (${showValue(v.authorized_grant_type)}): whether the client's roles or a signed-in user's roles apply is unknown`;
    anywhere = CAPABILITY_NAMES.map((c) => ({
      capability: c,
      status: "unknown",
      intended: intendedCaps.has(c),
      via: [],
      missing: [],
      note: "grant type unresolved",
    }));
  }

  return {
    address: p.address,
    kind: p.kind,
    name: typeof v.name === "string" ? v.name : null,
    subject: p.kind === "user_roles" ? text(v.user_id) : p.kind === "group_roles" ? text(v.group_id) : null,
    file: p.resource.location.file,
    line: p.resource.location.line ?? null,
    constructPath: p.resource.location.constructPath ?? null,
    grantType: type,
    state: isClient ? (typeof v.state === "string" ? { value: v.state, default: false } : { value: "active", default: true }) : null,
    tokenLifetime: isClient ? lifetimeView(p.resource, resolver) : null,
    scopes,
    recordingScopes,
    access,
    accessNote,
    grants: p.grants
      .map((g) => grantRow(g))
      .sort((a, b) => cmp(a.role, b.role) || compareDivisionKeys(a.divisionKey, b.divisionKey) || cmp(a.division, b.division)),
    denies: denyPolicies
      .flatMap((a) => {
        const covers = coversPrincipal(a, p, resolver, objects);
        return covers === "no" ? [] : [{ policy: a.address, target: a.target ?? null, enabled: a.enabled, covers, conditioned: a.conditioned }];
      })
      .sort((a, b) => cmp(a.policy, b.policy)),
    anywhere,
    divisions,
    intent: intent ? intentView(intent, intendedDivisions, access === "own-grants" ? divisions : [], anywhere, access) : null,
  };
}

function lifetimeView(client: TfResource, resolver: ReferenceResolver): PrincipalAccess["tokenLifetime"] {
  const life = tokenLifetime(client, resolver);
  return life.kind === "seconds" ? { seconds: life.seconds, text: null, default: life.isDefault } : { seconds: null, text: life.text, default: false };
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : value === undefined || value === null ? null : JSON.stringify(value);
}

/** Which grants count in a division column, and which cannot be matched to it. */
function countedIn(key: string, p: Principal, resolver: ReferenceResolver, org: OrgSettings | undefined): { counted: Grant[]; undecided: Grant[] } {
  if (key.startsWith("?")) return { counted: p.grants.filter((g) => g.division.kind === "all" || divisionKey(g.division) === key), undecided: [] };
  const { covering, undecided } = grantsCovering(p, key, resolver, org);
  return { counted: covering, undecided };
}

function evaluate(capability: CapabilityName, counted: readonly Grant[], undecided: readonly Grant[], intended: boolean): CapabilityCell {
  const roles = uniqueRoles(counted);
  const unmet = unmetClauses(capability, roles);
  const via = rolesContributing(capability, roles);
  if (!unmet.length) {
    const strict = unmetClauses(capability, roles, (_r, policy) => !policy.conditions);
    return strict.length
      ? { capability, status: "granted-with-conditions", intended, via, missing: [], note: "only through permission policies with conditions" }
      : { capability, status: "granted", intended, via, missing: [], note: null };
  }
  const opaque = [
    ...new Set(counted.filter(isOpaque).map((g) => (g.roleView?.unreadable ? `${g.roleView.address} (${g.roleView.unreadable})` : roleLabel(g.role)))),
  ].sort(cmp);
  const unmatched = [...new Set(undecided.map((g) => shownDivision(g.division)))].sort(cmp);
  if (opaque.length || unmatched.length) {
    const why = [
      ...(opaque.length ? [`cannot read role ${opaque.join(", ")}`] : []),
      ...(unmatched.length ? [`cannot match the grant in ${unmatched.join(", ")} to this division`] : []),
    ].join("; ");
    return { capability, status: "unknown", intended, via, missing: intended ? unmet.map(missingClause) : [], note: why };
  }
  return { capability, status: "not-granted", intended, via, missing: intended ? unmet.map(missingClause) : [], note: null };
}

function rolesContributing(capability: CapabilityName, roles: readonly RoleView[]): string[] {
  const needed = permissionsOf(capability);
  return roles
    .filter((r) => needed.some((perm) => grantingPolicies(r, perm).length > 0))
    .map((r) => r.address)
    .sort(cmp);
}

const permissionCache = new Map<CapabilityName, string[]>();
function permissionsOf(capability: CapabilityName): string[] {
  let out = permissionCache.get(capability);
  if (!out) {
    // Every permission any clause of the capability names (unmetClauses with no roles lists them all).
    out = [...new Set(unmetClauses(capability, []).flatMap((u) => u.missing))];
    permissionCache.set(capability, out);
  }
  return out;
}

function missingClause(u: UnmetClause): MissingClause {
  return { requires: u.clause.requires, permissions: [...u.missing], endpoint: u.clause.endpoint, certainty: u.clause.certainty, why: u.clause.why };
}

function scopeCell(capability: CapabilityName, scopes: readonly string[], intended: boolean): CapabilityCell {
  const readOnly = READ_ONLY.includes(capability);
  const allowed = readOnly ? scopes.some((s) => RECORDING_SCOPES.includes(s)) : scopes.includes("recordings");
  const needs = readOnly ? "recordings or recordings:readonly" : "recordings";
  return allowed
    ? { capability, status: "user-roles-decide", intended, via: [], missing: [], note: `the scopes allow it (${needs}); the signed-in user's roles decide` }
    : { capability, status: "scope-missing", intended, via: [], missing: [], note: `needs the scope ${needs}` };
}

function intentView(
  intent: NonNullable<ReportContext["intents"]>["principals"][string],
  divisionKeys: readonly string[],
  divisions: readonly DivisionAccess[],
  anywhere: readonly CapabilityCell[],
  access: AccessModel,
): IntentView {
  const unmet: IntentView["unmet"] = [];
  const bad = (s: CapabilityStatus) => s === "not-granted" || s === "unknown" || s === "scope-missing";
  const caps = intent.capabilities as CapabilityName[];
  if (access === "own-grants") {
    for (const d of divisions) {
      if (!divisionKeys.includes(d.key)) continue;
      for (const cell of d.capabilities)
        if (cell.intended && bad(cell.status)) unmet.push({ capability: cell.capability, division: d.label, status: cell.status });
    }
  } else {
    for (const cell of anywhere) if (cell.intended && bad(cell.status)) unmet.push({ capability: cell.capability, division: "(any)", status: cell.status });
  }
  unmet.sort((a, b) => CAPABILITY_NAMES.indexOf(a.capability) - CAPABILITY_NAMES.indexOf(b.capability) || cmp(a.division, b.division));
  return {
    capabilities: [...caps].sort((a, b) => CAPABILITY_NAMES.indexOf(a) - CAPABILITY_NAMES.indexOf(b)),
    divisions: [...intent.divisions],
    queues: [...(intent.queues ?? [])],
    readsRecordingsUpToDays: intent.readsRecordingsUpToDays ?? null,
    run: runView(intent.run),
    declaredBy: intent.declaredBy ?? null,
    unmet,
  };
}

function runView(run: unknown): RunView | null {
  if (!run || typeof run !== "object") return null;
  const r = run as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    durationSeconds: num(r.durationSeconds),
    requestsPerSecond: num(r.requestsPerSecond),
    tokens: num(r.tokens) ?? 1,
    jmeter: str(r.jmeter),
    nginx: str(r.nginx),
  };
}

/** A run in words: "7200 s at 4 requests/s on 1 token(s)", or the plan it comes from. */
export function describeRun(run: RunView): string {
  const parts: string[] = [];
  if (run.durationSeconds !== null || run.requestsPerSecond !== null) {
    parts.push(`${run.durationSeconds ?? "?"} s at ${run.requestsPerSecond ?? "?"} requests/s on ${run.tokens} token(s)`);
  }
  if (run.jmeter !== null) parts.push(`JMeter plan ${run.jmeter}`);
  if (run.nginx !== null) parts.push(`through nginx ${run.nginx}`);
  return parts.join(", ");
}

function grantRow(g: Grant): GrantRow {
  const conditions: ConditionedPolicy[] = [];
  for (const policy of g.roleView?.policies ?? []) {
    if (!policy.conditions) continue;
    conditions.push({ permission: `${policy.domain}:${policy.entity}:${policy.actions.join(",")}`, conditions: describeConditions(policy) });
  }
  const name = g.roleView?.resource.values.name;
  return {
    role: roleLabel(g.role),
    roleReadable: !isOpaque(g),
    roleName: typeof name === "string" ? name : null,
    division: shownDivision(g.division),
    divisionKey: divisionKey(g.division),
    conditions,
  };
}

/** How a grant's role is shown (and compared, between grants and cells): a literal id or unresolved text capped. */
function roleLabel(role: Resolved): string {
  if (role.kind === "ref") return role.address;
  if (role.kind === "literal") return `role id ${capValue(role.value, MAX_VALUE_CHARS - "role id ".length)}`;
  return capValue(role.text);
}

/** describeDivision with the division's id or text capped (the key stays whole: it is compared with the intent's). */
function shownDivision(d: DivisionTarget): string {
  if (d.kind === "id") return describeDivision({ ...d, id: capValue(d.id) });
  if (d.kind === "unknown") return describeDivision({ ...d, text: capValue(d.text) });
  return describeDivision(d);
}

function divisionKey(d: DivisionTarget): string {
  switch (d.kind) {
    case "all":
      return "*";
    case "home":
      return "home";
    case "division":
      return d.address;
    case "id":
      return d.id;
    case "unknown":
      return `?${d.text}`;
  }
}

/** An intent's division in the keys grants use: home division resources become "home". */
function canonicalDivision(wanted: string, resolver: ReferenceResolver): string {
  if (wanted === "*" || wanted === "home") return wanted;
  const r = resolver.resource(wanted);
  if (r?.type === "genesyscloud_auth_division_home") return "home";
  if (r?.type === "genesyscloud_auth_division" && r.mode === "managed" && r.values.home === true) return "home";
  return wanted;
}

function divisionLabel(key: string, p: Principal, org: OrgSettings | undefined): string {
  if (key === "*") return 'all divisions ("*")';
  if (key === "home") return "home division";
  if (key.startsWith("?")) {
    const g = p.grants.find((x) => divisionKey(x.division) === key);
    return g ? shownDivision(g.division) : `an unresolved division (${capValue(key.slice(1))})`;
  }
  if (/^(data\.)?genesyscloud_auth_division(_home)?\./.test(key)) return key;
  const named = org?.divisions?.items.find((d) => d.id === key);
  return named ? `division ${capValue(key)} (${capValue(named.name)})` : `division ${capValue(key)}`;
}

/** "*" first, then home, then named divisions, then ids, then unresolved ones. */
function compareDivisionKeys(a: string, b: string): number {
  const rank = (k: string) => (k === "*" ? 0 : k === "home" ? 1 : k.startsWith("?") ? 4 : /^(data\.)?genesyscloud_/.test(k) ? 2 : 3);
  return rank(a) - rank(b) || cmp(a, b);
}

// ---------------------------------------------------------------------------------------------
// Trunks

function bool(v: unknown): boolean | null {
  return v === true || v === "true" ? true : v === false || v === "false" ? false : null;
}

function trunkRecording(r: TfResource, resolver: ReferenceResolver): Omit<TrunkRecording, "configuration"> {
  const literal = (value: unknown): string | null => {
    if (value === undefined || value === null) return null;
    const resolved = resolver.resolve(value);
    return resolved.kind === "literal" ? resolved.value : resolved.kind === "ref" ? `\${${resolved.address}.${resolved.attribute}}` : resolved.text;
  };
  const base = {
    address: r.address,
    name: typeof r.values.name === "string" ? r.values.name : null,
    file: r.location.file,
    line: r.location.line ?? null,
    constructPath: r.location.constructPath ?? null,
    trunkType: literal(r.values.trunk_type),
    trunkMetaBase: literal(r.values.trunk_meta_base_id),
  };
  const props = trunkProperties(r, resolver);
  if (props.kind === "unset") {
    return {
      ...base,
      properties: "unset",
      recording: "off",
      recordingDefault: true,
      consentRequired: null,
      dualChannel: null,
      audioFormat: null,
      recordingKeys: [],
      note: `no properties: ${TRUNK_RECORDING_KEYS.enabled} is absent, line recording is off by default`,
    };
  }
  if (props.kind !== "parsed") {
    return {
      ...base,
      properties: props.kind,
      recording: "unknown",
      recordingDefault: false,
      consentRequired: null,
      dualChannel: null,
      audioFormat: null,
      recordingKeys: [],
      note: props.kind === "unknown" ? `properties is not a literal JSON string (${props.text})` : props.problem,
    };
  }
  const instance = (key: string) => propertyInstance(props.props, key);
  const flag = (key: string): boolean | null => {
    const i = instance(key);
    return i.state === "set" ? bool(i.instance) : null;
  };
  const enabled = instance(TRUNK_RECORDING_KEYS.enabled);
  let recording: TrunkRecording["recording"];
  let note: string | null = null;
  if (enabled.state === "absent") {
    recording = "off";
    note = `${TRUNK_RECORDING_KEYS.enabled} is absent: line recording is off by default`;
  } else if (enabled.state === "malformed" || bool(enabled.instance) === null) {
    recording = "unknown";
    note = `cannot read ${TRUNK_RECORDING_KEYS.enabled} (expected {"value": {"instance": true|false}})`;
  } else recording = bool(enabled.instance) ? "on" : "off";
  const consentRequired = flag(TRUNK_RECORDING_KEYS.consentRequired);
  if (recording === "on" && consentRequired === true) note = 'consent required: only calls whose flow runs "Enable Participant Recording" are recorded';
  const format = instance(TRUNK_RECORDING_KEYS.audioFormat);
  const recordingKeys = [...KNOWN_TRUNK_RECORDING_KEYS]
    .filter((k) => Object.prototype.hasOwnProperty.call(props.props, k))
    .sort(cmp)
    .map((key) => {
      const i = instance(key);
      return { key, value: i.state === "set" ? (JSON.stringify(i.instance) ?? "null") : "(malformed)" };
    });
  return {
    ...base,
    properties: "parsed",
    recording,
    recordingDefault: enabled.state === "absent",
    consentRequired,
    dualChannel: flag(TRUNK_RECORDING_KEYS.dualChannel),
    audioFormat: format.state === "set" && format.instance !== null && format.instance !== undefined ? plainText(format.instance) : null,
    recordingKeys,
    note,
  };
}

// ---------------------------------------------------------------------------------------------
// Retention policies

function days(block: unknown): Days {
  const d = blocks(block)[0]?.days;
  if (typeof d === "number") return d;
  if (typeof d === "string") return /^\d+$/.test(d) ? Number(d) : d;
  return null;
}

function describeDeletion(actions: Record<string, unknown>): { text: string; days: number | null; never: boolean } {
  const d = deletion(actions);
  if (d.kind === "never") return { text: "never", days: null, never: true };
  if (d.kind === "unknown") return { text: `unknown (${d.text})`, days: null, never: false };
  return { text: d.days === 0 ? `at once (${d.how})` : `after ${d.days} day(s) (${d.how})`, days: d.days, never: false };
}

/** The non-empty conditions of a policy's (or media policy's) conditions block, in words. */
function describePolicyConditions(block: unknown): string {
  const c = blocks(block)[0];
  if (!c) return "all conversations";
  const parts: string[] = [];
  for (const key of Object.keys(c).sort(cmp)) {
    const value = c[key];
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    parts.push(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  return parts.length ? parts.join("; ") : "all conversations";
}

function retention(
  resources: readonly TfResource[],
  resolver: ReferenceResolver,
): {
  policies: Omit<RetentionPolicyRow, "configuration">[];
  overlaps: Omit<RetentionOverlap, "configuration">[];
} {
  const isEnabled = (r: TfResource) => r.values.enabled !== false && r.values.enabled !== "false";
  const rows = resources.map((policy): Omit<RetentionPolicyRow, "configuration"> => {
    const mp = blocks(policy.values.media_policies)[0];
    const media: RetentionMediaRow[] = [];
    for (const set of actionSets(policy)) {
      const a = set.actions;
      const duration = blocks(a.retention_duration)[0];
      const screen = blocks(a.initiate_screen_recording)[0];
      const conditions = set.where.startsWith("media_policies")
        ? describePolicyConditions(blocks(mp?.[`${set.media[0]}_policy`])[0]?.conditions)
        : describePolicyConditions(policy.values.conditions);
      for (const m of set.media) {
        media.push({
          media: m,
          where: set.where,
          conditions,
          retain: bool(a.retain_recording),
          deleteRecording: bool(a.delete_recording),
          alwaysDelete: bool(a.always_delete),
          archiveDays: days(duration?.archive_retention),
          deleteDays: days(duration?.delete_retention),
          screenRecording: screen
            ? { recordAcw: bool(screen.record_acw), archiveDays: days(screen.archive_retention), deleteDays: days(screen.delete_retention) }
            : null,
          deletes: describeDeletion(a).text,
        });
      }
    }
    media.sort((a, b) => MEDIA.indexOf(a.media) - MEDIA.indexOf(b.media) || cmp(a.where, b.where));
    const order = policy.values.order;
    return {
      address: policy.address,
      name: typeof policy.values.name === "string" ? policy.values.name : null,
      file: policy.location.file,
      line: policy.location.line ?? null,
      constructPath: policy.location.constructPath ?? null,
      enabled: isEnabled(policy),
      enabledDefault: policy.values.enabled === undefined || policy.values.enabled === null,
      order: typeof order === "number" ? order : typeof order === "string" ? (/^\d+$/.test(order) ? Number(order) : order) : null,
      media,
      overlapsWith: [],
    };
  });

  // Per media: the enabled policies covering it, each with the deletion of its covering action blocks
  // (a block that never deletes makes the policy keep; otherwise the latest deletion counts).
  const overlaps: Omit<RetentionOverlap, "configuration">[] = [];
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  for (const m of MEDIA) {
    const covering = new Map<string, { deletes: string; days: number | null; never: boolean; unknown: boolean; queues: ReadonlySet<string> | "any" }>();
    for (const row of rows) {
      if (!row.enabled) continue;
      const sets = scopedSets(
        actionSets(byAddress.get(row.address)!).filter((set) => set.media.includes(m)),
        resolver,
      );
      if (!sets.length) continue;
      const deletions = sets.map((set) => describeDeletion(set.actions));
      const never = deletions.find((d) => d.never);
      const unknown = deletions.find((d) => !d.never && d.days === null);
      const latest = deletions.reduce((best, d) => ((d.days ?? -1) > (best.days ?? -1) ? d : best));
      const decisive = never ?? unknown ?? latest;
      // The queues the policy's blocks for this media apply to ("any" when one names none).
      const queues = sets.some((set) => !set.scope.queues) ? "any" : new Set(sets.flatMap((set) => [...set.scope.queues!]));
      covering.set(row.address, { deletes: decisive.text, days: decisive.days, never: never !== undefined, unknown: !never && unknown !== undefined, queues });
    }
    // Policies overlap when their conversations can meet: one applies to any queue, or they share a
    // queue. Policies for disjoint queues never match one conversation: each group is its own overlap.
    for (const group of overlapGroups(covering)) {
      if (group.length < 2) continue;
      const policies = group.map((address) => [address, covering.get(address)!] as const).sort((a, b) => cmp(a[0], b[0]));
      const members = new Set(group);
      for (const row of rows)
        if (members.has(row.address))
          for (const [other] of policies) if (other !== row.address && !row.overlapsWith.includes(other)) row.overlapsWith.push(other);
      const keeping = policies.filter(([, d]) => d.never).map(([a]) => a);
      const unreadable = policies.filter(([, d]) => d.unknown).map(([a]) => a);
      const conditionsNote =
        "Conditions other than queues are not compared: the policies overlap for the conversations they all match (one entry per set of policies that meet on a queue).";
      if (keeping.length || unreadable.length) {
        const why = [
          ...(keeping.length ? [`${keeping.join(", ")} set${keeping.length === 1 ? "s" : ""} no deletion period`] : []),
          ...(unreadable.length ? [`the deletion period of ${unreadable.join(", ")} cannot be read`] : []),
        ].join("; ");
        overlaps.push({
          media: m,
          policies: policies.map(([address, d]) => ({ address, deletes: d.deletes, days: d.days })),
          resolution: "undetermined",
          winner: null,
          winnerDays: null,
          note: `${why}: "the longest retention wins" applies only when all set a deletion period. ${conditionsNote}`,
        });
        continue;
      }
      const [winner, w] = policies.reduce((best, cur) => ((cur[1].days ?? 0) > (best[1].days ?? 0) ? cur : best));
      overlaps.push({
        media: m,
        policies: policies.map(([address, d]) => ({ address, deletes: d.deletes, days: d.days })),
        resolution: "longest-wins",
        winner,
        winnerDays: w.days,
        note: `All set a deletion period, so the longest retention wins: ${w.deletes}. ${conditionsNote}`,
      });
    }
  }
  for (const row of rows) row.overlapsWith.sort(cmp);
  rows.sort((a, b) => orderRank(a.order) - orderRank(b.order) || cmp(String(a.order), String(b.order)) || cmp(a.address, b.address));
  return { policies: rows, overlaps };
}

/**
 * The sets of policies that one conversation can match together: per queue the policies for any
 * queue plus those naming it, and the policies for any queue alone (conversations of other queues).
 * Not a transitive grouping: A (Sales) and C (Care) never meet even when B names both.
 */
function overlapGroups(covering: ReadonlyMap<string, { queues: ReadonlySet<string> | "any" }>): string[][] {
  const addresses = [...covering.keys()].sort(cmp);
  const any = addresses.filter((a) => covering.get(a)!.queues === "any");
  const byQueue = new Map<string, string[]>();
  for (const a of addresses) {
    const queues = covering.get(a)!.queues;
    if (queues === "any") continue;
    for (const q of queues) {
      const list = byQueue.get(q);
      if (list) list.push(a);
      else byQueue.set(q, [a]);
    }
  }
  const groups = new Map<string, string[]>();
  const add = (group: string[]) => {
    const sorted = [...new Set(group)].sort(cmp);
    groups.set(sorted.join("\u0000"), sorted);
  };
  if (any.length) add(any);
  for (const q of [...byQueue.keys()].sort(cmp)) add([...any, ...byQueue.get(q)!]);
  return [...groups.values()].sort((x, y) => cmp(x.join("\u0000"), y.join("\u0000")));
}

function orderRank(order: RetentionPolicyRow["order"]): number {
  return typeof order === "number" ? order : Number.MAX_SAFE_INTEGER;
}

/** The matrix as JSON, with the tool that built it (`--format access` with JSON output, the bundle). */
export function formatAccessMatrixJson(matrix: AccessMatrix): string {
  const tool = { name: TOOL.name, version: TOOL.version, rulePack: TOOL.rulePack, providerSchema: TOOL.providerSchema };
  return `${JSON.stringify({ tool, ...matrix }, null, 2)}\n`;
}
