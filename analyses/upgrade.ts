// What a provider upgrade breaks, from the schema history (genesys/provider-versions.ts): for each
// genesyscloud block of a configuration, between the version it runs with today and a target
// version, the types removed or added, the attributes and blocks it sets that the target removes
// or makes computed-only (cannot be set), and the ones the target newly requires; each with the
// first release where it changed. Pure: the CLI (cli/upgrade.ts) adds the findings that appear or
// vanish, by auditing against both versions.
import { ADDITIONS_VERSION, PROVIDER_VERSION, resourceSchema, type Mode, type SchemaBlock } from "../genesys/provider";
import { compareVersions, knownVersions, parseVersion, schemaByHash, schemaHashAt } from "../genesys/provider-versions";
import type { TfConfiguration, TfResource } from "../model/terraform";

export type ChangeKind = "type-removed" | "type-added" | "removed" | "computed-only" | "newly-required";

export interface SchemaChange {
  address: string;
  kind: ChangeKind;
  /** The attribute or block path (`outbound_routes`, `address.city`); none for a type change. */
  path?: string;
  /** The first release (after `from`, up to `to`) where the change is in the schema. */
  since: string;
  message: string;
}

/** Meta-arguments and cdktf metadata: not the provider's. */
const META = new Set(["//", "count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection", "dynamic"]);

const newest = () => knownVersions()[knownVersions().length - 1];

/**
 * A type's schema at a release; beyond the data, v1.84.1's schema plus the known additions
 * (v1.86.0). Undefined: the type does not exist at that release.
 */
export function schemaAt(version: string, mode: Mode, type: string): SchemaBlock | undefined {
  const v = parseVersion(version)!;
  if (compareVersions(v, parseVersion(newest())!) > 0) {
    const block = resourceSchema(mode, type);
    if (!block) return undefined;
    // A type from the additions exists only from their release on.
    const inHistory = schemaHashAt(newest(), mode, type) !== undefined;
    return inHistory || compareVersions(v, parseVersion(ADDITIONS_VERSION)!) >= 0 ? block : undefined;
  }
  const hash = schemaHashAt(version, mode, type);
  return hash === undefined ? undefined : schemaByHash(mode, type, hash);
}

/** The releases after `from` up to `to`, ascending (a target beyond the data ends with it). */
function releasesBetween(from: string, to: string): string[] {
  const f = parseVersion(from)!;
  const t = parseVersion(to)!;
  const out = knownVersions().filter((v) => compareVersions(parseVersion(v)!, f) > 0 && compareVersions(parseVersion(v)!, t) <= 0);
  if (compareVersions(t, parseVersion(newest())!) > 0) out.push(to);
  return out;
}

type Member = { attribute: NonNullable<SchemaBlock["attributes"]>[string] } | { block: NonNullable<SchemaBlock["block_types"]>[string] } | undefined;

function member(block: SchemaBlock | undefined, path: readonly string[]): Member {
  let b = block;
  for (let i = 0; i < path.length; i++) {
    if (!b) return undefined;
    const name = path[i];
    const last = i === path.length - 1;
    const attr = b.attributes && Object.prototype.hasOwnProperty.call(b.attributes, name) ? b.attributes[name] : undefined;
    const nested = b.block_types && Object.prototype.hasOwnProperty.call(b.block_types, name) ? b.block_types[name] : undefined;
    if (last) return attr ? { attribute: attr } : nested ? { block: nested } : undefined;
    b = nested?.block;
  }
  return undefined;
}

const settable = (m: Member) => m !== undefined && ("block" in m || m.attribute.optional === true || m.attribute.required === true);
const computedOnly = (m: Member) => m !== undefined && "attribute" in m && m.attribute.computed === true && !m.attribute.optional && !m.attribute.required;
const required = (m: Member) => m !== undefined && ("attribute" in m ? m.attribute.required === true : (m.block.min_items ?? 0) > 0);

/** The first release between where the predicate holds of the member at `path`. */
function firstWhere(
  releases: readonly string[],
  mode: Mode,
  type: string,
  path: readonly string[],
  test: (m: Member, exists: boolean) => boolean,
): string | undefined {
  for (const v of releases) {
    const block = schemaAt(v, mode, type);
    if (test(path.length ? member(block, path) : undefined, block !== undefined)) return v;
  }
  return undefined;
}

function entries(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x));
}

export function schemaChanges(config: TfConfiguration, from: string, to: string): SchemaChange[] {
  const releases = releasesBetween(from, to);
  const out: SchemaChange[] = [];
  const seenTypes = new Set<string>();
  for (const r of config.resources) {
    if (!r.type.startsWith("genesyscloud_")) continue;
    const before = schemaAt(from, r.mode, r.type);
    const after = schemaAt(to, r.mode, r.type);
    const what = r.mode === "data" ? "data source" : "resource type";
    if (before && !after) {
      const since = firstWhere(releases, r.mode, r.type, [], (_m, exists) => !exists) ?? to;
      out.push({ address: r.address, kind: "type-removed", since, message: `${what} ${r.type} is gone from v${since}: terraform plan fails on ${r.address}.` });
      continue;
    }
    if (!before && after) {
      const since = firstWhere(releases, r.mode, r.type, [], (_m, exists) => exists) ?? to;
      if (!seenTypes.has(r.type))
        out.push({
          address: r.address,
          kind: "type-added",
          since,
          message: `${what} ${r.type} exists from v${since}: the configuration uses it before the version it runs with.`,
        });
      seenTypes.add(r.type);
      continue;
    }
    if (!before || !after) continue;
    walk(r, r.values, before, after, [], releases, out);
  }
  return out;
}

function walk(
  r: TfResource,
  values: Record<string, unknown>,
  before: SchemaBlock,
  after: SchemaBlock,
  prefix: string[],
  releases: readonly string[],
  out: SchemaChange[],
): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || (prefix.length === 0 && META.has(name))) continue;
    const path = [...prefix, name];
    const shown = path.join(".");
    const was = member(before, path);
    const now = member(after, path);
    if (!was) continue; // unknown at `from` already: the schema check (GRG012) reports it today
    if (!now) {
      const since = firstWhere(releases, r.mode, r.type, path, (m) => m === undefined) ?? releases[releases.length - 1];
      out.push({
        address: r.address,
        kind: "removed",
        path: shown,
        since,
        message: `${r.address}: ${shown} is gone from v${since}: terraform plan fails until it is removed.`,
      });
      continue;
    }
    if (settable(was) && computedOnly(now)) {
      const since = firstWhere(releases, r.mode, r.type, path, computedOnly) ?? releases[releases.length - 1];
      out.push({
        address: r.address,
        kind: "computed-only",
        path: shown,
        since,
        message: `${r.address}: ${shown} is computed by the provider from v${since} and can no longer be set: terraform plan fails until it is removed.`,
      });
      continue;
    }
    if ("block" in was && "block" in now) for (const entry of entries(value)) walk(r, entry, before, after, path, releases, out);
  }
  // Newly required, among what this level of the block does not set.
  const level = prefix.length ? member(after, prefix) : undefined;
  const afterLevel = prefix.length ? (level && "block" in level ? level.block.block : undefined) : after;
  if (!afterLevel) return;
  const names = [...Object.keys(afterLevel.attributes ?? {}), ...Object.keys(afterLevel.block_types ?? {})];
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(values, name) && values[name] !== undefined && values[name] !== null) continue;
    const path = [...prefix, name];
    if (!required(member(after, path)) || required(member(before, path))) continue;
    const since = firstWhere(releases, r.mode, r.type, path, required) ?? releases[releases.length - 1];
    out.push({
      address: r.address,
      kind: "newly-required",
      path: path.join("."),
      since,
      message: `${r.address}: ${path.join(".")} is required from v${since} and not set: terraform plan fails until it is.`,
    });
  }
}

/** How a target beyond the schema data is checked, for the report. */
export function targetNote(to: string): string | undefined {
  const t = parseVersion(to)!;
  if (compareVersions(t, parseVersion(PROVIDER_VERSION)!) <= 0) return undefined;
  return `v${to} is newer than the schema data (v1.0.0–${PROVIDER_VERSION}): checked against v${PROVIDER_VERSION} plus the types known to be added in v${ADDITIONS_VERSION}.`;
}
