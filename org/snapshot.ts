// Reads one org's settings from the Genesys Cloud API into the org settings file format
// (readers/org-settings.ts): limits and their defaults, recording settings, the permission
// catalogue, divisions, the organization, the OAuth scope names, the access-policy targets and
// the org-wide IP allowlist. Every block's `source`
// names the endpoint it came from. The result is deterministic for the same org: lists and
// keys are sorted, nothing but the capture time depends on when or how often it is run.
// Only the fields named here are copied: a response's other fields are tolerated and ignored,
// a missing required field is an error naming the endpoint and the field.
import * as fs from "fs";
import { ORG_SETTINGS_FORMAT_VERSION, type OrgSettingsFile } from "../model/org-settings";
import { ApiFailure } from "./genesys-api";
import { unavailable } from "./snapshot-error";

export const LIMIT_NAMESPACES = ["platform.api", "auth.api", "recording"] as const;

/** The namespace the stacks and rules cannot do without (the per-token rate limit). */
const REQUIRED_NAMESPACE = "platform.api";

export const ENDPOINTS = {
  limits: (ns: string) => `GET /api/v2/organizations/limits/namespaces/${ns}`,
  limitDefaults: (ns: string) => `GET /api/v2/organizations/limits/namespaces/${ns}/defaults`,
  recordingSettings: "GET /api/v2/recording/settings",
  permissions: "GET /api/v2/authorization/permissions",
  divisions: "GET /api/v2/authorization/divisions",
  organization: "GET /api/v2/organizations/me",
  scopes: "GET /api/v2/oauth/scopes",
  policyTargets: "GET /api/v2/authorization/policies/targets",
  authenticationSettings: "GET /api/v2/organizations/authentication/settings",
} as const;

/** Key of the defaults of a namespace in `limits`, beside the effective values: mirrors the endpoint path. */
export function defaultsKey(namespace: string): string {
  return `${namespace}/defaults`;
}

/** Page size asked for on paged endpoints (the API's documented default). */
const PAGE_SIZE = 25;
/** A paged endpoint that keeps answering "more" past this is not followed further. */
const MAX_PAGES = 1000;

type Sdk = typeof import("purecloud-platform-client-v2");

/** What the snapshot needs from the API client (GenesysApi; a fake in unit tests). */
export interface ApiReader {
  get(endpoint: string, call: (sdk: Sdk) => Promise<unknown>): Promise<unknown>;
}

export interface SnapshotRequest {
  environment: string;
  region: string;
  /** Capture time; defaults to now. */
  now?: Date;
}

export interface Snapshot {
  settings: OrgSettingsFile;
  /** What was left out and why (also in provenance.notes). */
  notes: string[];
}

export async function readOrgSnapshot(api: ApiReader, request: SnapshotRequest): Promise<Snapshot> {
  const notes: string[] = [];

  const organization = object(await api.get(ENDPOINTS.organization, (sdk) => new sdk.OrganizationApi().getOrganizationsMe()), ENDPOINTS.organization);
  const orgId = requiredString(organization, "id", ENDPOINTS.organization);
  const orgName = requiredString(organization, "name", ENDPOINTS.organization);

  const limits: OrgSettingsFile["limits"] = {};
  for (const ns of LIMIT_NAMESPACES) {
    for (const which of ["effective", "defaults"] as const) {
      const endpoint = which === "effective" ? ENDPOINTS.limits(ns) : ENDPOINTS.limitDefaults(ns);
      let body: unknown;
      try {
        body = await api.get(endpoint, (sdk) =>
          which === "effective"
            ? new sdk.OrganizationApi().getOrganizationsLimitsNamespace(ns)
            : new sdk.OrganizationApi().getOrganizationsLimitsNamespaceDefaults(ns),
        );
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 404 && ns !== REQUIRED_NAMESPACE) {
          notes.push(`${endpoint} answered 404: namespace ${ns} left out.`);
          continue;
        }
        throw err;
      }
      const { values, omitted } = limitValues(body, endpoint);
      if (omitted.length) notes.push(`${endpoint}: left out ${omitted.join(", ")} (not a non-negative number).`);
      limits[which === "effective" ? ns : defaultsKey(ns)] = { source: endpoint, values };
    }
  }

  const recording = object(await api.get(ENDPOINTS.recordingSettings, (sdk) => new sdk.RecordingApi().getRecordingSettings()), ENDPOINTS.recordingSettings);
  const recordingSettings = { source: ENDPOINTS.recordingSettings, values: scalarFields(recording) };

  const permissionPages = await allPages(api, ENDPOINTS.permissions, (sdk, pageNumber) =>
    new sdk.AuthorizationApi().getAuthorizationPermissions({ pageSize: PAGE_SIZE, pageNumber }),
  );
  const permissions = catalogue(permissionPages, ENDPOINTS.permissions);

  const divisionPages = await allPages(api, ENDPOINTS.divisions, (sdk, pageNumber) =>
    new sdk.AuthorizationApi().getAuthorizationDivisions({ pageSize: PAGE_SIZE, pageNumber }),
  );
  const divisionItems = divisionPages
    .map((d, i) => {
      const where = `entities[${i}]`;
      const item = object(d, ENDPOINTS.divisions, where);
      const home = item.homeDivision;
      if (home !== undefined && home !== null && typeof home !== "boolean")
        throw missingField(ENDPOINTS.divisions, `${where}.homeDivision`, "is not true or false");
      return {
        id: requiredString(item, "id", ENDPOINTS.divisions, where),
        name: requiredString(item, "name", ENDPOINTS.divisions, where),
        home: home === true,
      };
    })
    .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));

  let oauthScopes: OrgSettingsFile["oauthScopes"] = null;
  try {
    const body = object(await api.get(ENDPOINTS.scopes, (sdk) => new sdk.OAuthApi().getOauthScopes()), ENDPOINTS.scopes);
    const names = entities(body, ENDPOINTS.scopes).map((s, i) =>
      requiredString(object(s, ENDPOINTS.scopes, `entities[${i}]`), "id", ENDPOINTS.scopes, `entities[${i}]`),
    );
    oauthScopes = { source: ENDPOINTS.scopes, names: unique(names) };
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status !== 403) throw err;
    notes.push(`${ENDPOINTS.scopes} answered 403${err.code ? ` (${err.code})` : ""}: the OAuth client may not read the scope names; oauthScopes left null.`);
  }

  // Access-policy targets (ABAC, a preview API): the keys of TargetAttributes.targetAttributes
  // (SDK model). An org without ABAC, or a client without authorization:policy:view, answers 403
  // or 404: the block is left null and the audit says it cannot confirm a policy's target.
  let accessPolicyTargets: OrgSettingsFile["accessPolicyTargets"] = null;
  try {
    const body = object(await api.get(ENDPOINTS.policyTargets, (sdk) => new sdk.AuthorizationApi().getAuthorizationPoliciesTargets()), ENDPOINTS.policyTargets);
    const map = body.targetAttributes ?? {};
    accessPolicyTargets = { source: ENDPOINTS.policyTargets, names: unique(Object.keys(object(map, ENDPOINTS.policyTargets, "targetAttributes"))) };
  } catch (err) {
    if (!(err instanceof ApiFailure) || (err.status !== 403 && err.status !== 404)) throw err;
    notes.push(
      `${ENDPOINTS.policyTargets} answered ${err.status}${err.code ? ` (${err.code})` : ""}: the org may not use access policies, or the OAuth client lacks authorization:policy:view; accessPolicyTargets left null.`,
    );
  }

  // The org-wide IP allowlist (OrgAuthSettings.ipAddressAllowlist): callers outside it are refused
  // at login (GRG035). A client that may not read it (403) leaves it null.
  let ipAddressAllowlist: OrgSettingsFile["ipAddressAllowlist"] = null;
  try {
    const body = object(
      await api.get(ENDPOINTS.authenticationSettings, (sdk) => new sdk.OrganizationApi().getOrganizationsAuthenticationSettings()),
      ENDPOINTS.authenticationSettings,
    );
    const list = body.ipAddressAllowlist ?? [];
    if (!Array.isArray(list) || list.some((x) => typeof x !== "string" || x === ""))
      throw missingField(ENDPOINTS.authenticationSettings, "ipAddressAllowlist", "is not a list of addresses");
    ipAddressAllowlist = { source: ENDPOINTS.authenticationSettings, ranges: unique(list as string[]) };
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status !== 403) throw err;
    notes.push(
      `${ENDPOINTS.authenticationSettings} answered 403${err.code ? ` (${err.code})` : ""}: the OAuth client may not read the org's authentication settings; ipAddressAllowlist left null.`,
    );
  }

  const settings: OrgSettingsFile = {
    formatVersion: ORG_SETTINGS_FORMAT_VERSION,
    environment: request.environment,
    provenance: {
      kind: "snapshot",
      capturedAt: (request.now ?? new Date()).toISOString(),
      region: request.region,
      orgId,
      orgName,
      notes: [
        `Read from the Genesys Cloud API by npm run org:snapshot (purecloud-platform-client-v2 ${sdkVersion()}); organization from ${ENDPOINTS.organization}.`,
        ...notes,
      ].join(" "),
    },
    limits: sortKeys(limits),
    recordingSettings,
    permissionCatalogue: { source: `${ENDPOINTS.permissions} (all pages)`, permissions },
    divisions: { source: `${ENDPOINTS.divisions} (all pages; home from homeDivision)`, items: divisionItems },
    oauthScopes,
    accessPolicyTargets,
    ipAddressAllowlist,
  };
  return { settings, notes };
}

/** Follows a paged listing (pageNumber / pageCount, or nextUri) and returns every entity. */
async function allPages(api: ApiReader, endpoint: string, fetchPage: (sdk: Sdk, pageNumber: number) => Promise<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const label = pageNumber === 1 ? endpoint : `${endpoint} (page ${pageNumber})`;
    const body = object(await api.get(label, (sdk) => fetchPage(sdk, pageNumber)), label);
    const page = entities(body, label);
    out.push(...page);
    const pageCount = body.pageCount;
    if (typeof pageCount === "number") {
      if (pageNumber >= pageCount) return out;
    } else if (typeof body.nextUri !== "string" || body.nextUri === "") {
      return out;
    }
    if (page.length === 0) return out;
  }
  throw unavailable(`${endpoint}: still more pages after ${MAX_PAGES} pages of ${PAGE_SIZE}; stopped (nothing written).`);
}

/** `permissionMap: {entityType: [{domain, entityType, action}]}` of every domain, as sorted `domain:entity:action` strings. */
function catalogue(collections: unknown[], endpoint: string): string[] {
  const out: string[] = [];
  collections.forEach((c, i) => {
    const where = `entities[${i}]`;
    const collection = object(c, endpoint, where);
    const map = collection.permissionMap;
    if (map === undefined || map === null) throw missingField(endpoint, `${where}.permissionMap`);
    if (typeof map !== "object" || Array.isArray(map)) throw missingField(endpoint, `${where}.permissionMap`, "is not an object");
    for (const [entityKey, list] of Object.entries(map as Record<string, unknown>)) {
      if (!Array.isArray(list)) throw missingField(endpoint, `${where}.permissionMap.${entityKey}`, "is not a list");
      list.forEach((p, j) => {
        const at = `${where}.permissionMap.${entityKey}[${j}]`;
        const permission = object(p, endpoint, at);
        const action = requiredString(permission, "action", endpoint, at);
        const domain = optionalString(permission.domain) ?? optionalString(collection.domain);
        if (domain === undefined) throw missingField(endpoint, `${at}.domain`);
        const entity = optionalString(permission.entityType) ?? entityKey;
        const text = `${domain}:${entity}:${action}`;
        if (!/^[^:\s]+:[^:\s]+:[^:\s]+$/.test(text))
          throw unavailable(`${endpoint}: ${at} is not a permission of the form domain:entity:action ("${text}"); nothing written.`);
        out.push(text);
      });
    }
  });
  return unique(out);
}

function limitValues(body: unknown, endpoint: string): { values: Record<string, number>; omitted: string[] } {
  const list = entities(object(body, endpoint), endpoint);
  const values: Record<string, number> = {};
  const omitted: string[] = [];
  list.forEach((l, i) => {
    const where = `entities[${i}]`;
    const limit = object(l, endpoint, where);
    const key = requiredString(limit, "key", endpoint, where);
    if (limit.value === undefined || limit.value === null) throw missingField(endpoint, `${where}.value`);
    if (typeof limit.value !== "number" || !Number.isFinite(limit.value) || limit.value < 0) {
      omitted.push(`${key}=${JSON.stringify(limit.value)}`);
      return;
    }
    values[key] = limit.value;
  });
  return { values: sortKeys(values), omitted: omitted.sort() };
}

/** Top-level numbers, booleans, strings and nulls of a settings object, sorted by key; nested values are not settings the file records. */
function scalarFields(value: Record<string, unknown>): Record<string, number | boolean | string | null> {
  const out: Record<string, number | boolean | string | null> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (v === null || typeof v === "boolean" || typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) out[key] = v;
  }
  return out;
}

function entities(body: Record<string, unknown>, endpoint: string): unknown[] {
  if (body.entities === undefined || body.entities === null) throw missingField(endpoint, "entities");
  if (!Array.isArray(body.entities)) throw missingField(endpoint, "entities", "is not a list");
  return body.entities;
}

function object(value: unknown, endpoint: string, where?: string): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw unavailable(`${endpoint}: ${where ? `${where} is` : "the response is"} not a JSON object; nothing written.`);
}

function requiredString(value: Record<string, unknown>, field: string, endpoint: string, where?: string): string {
  const v = value[field];
  const path = where ? `${where}.${field}` : field;
  if (v === undefined || v === null || v === "") throw missingField(endpoint, path);
  if (typeof v !== "string") throw missingField(endpoint, path, "is not a string");
  return v;
}

function optionalString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function missingField(endpoint: string, field: string, problem = "is missing"): Error {
  return unavailable(`${endpoint}: required field "${field}" ${problem} in the response; nothing written.`);
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort(compare);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compare)) out[key] = record[key];
  return out;
}

/** Code-point order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sdkVersion(): string {
  try {
    const file = require.resolve("purecloud-platform-client-v2/package.json");
    return String(JSON.parse(fs.readFileSync(file, "utf8")).version);
  } catch {
    return "unknown version";
  }
}
