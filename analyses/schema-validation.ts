// Checks a configuration against the vendored provider schema (genesys/provider.ts):
// genesyscloud_* types, attribute and block names, required attributes and blocks, block
// counts, primitive types and computed-only attributes. Pure and linear in the size of the
// configuration: one walk over each body, per-schema-block tables built once, "did you mean"
// suggestions cached per (schema block, name).
import type { TfConfiguration } from "../model/terraform";
import { isPlainObject } from "../readers/terraform/normalize";
import { acceptFor } from "./schema-accept";
import type { VersionSelection } from "./provider-version";
import { describeVersions, providerBlockAt, schemaByHash, schemaHashAt } from "../genesys/provider-versions";
import {
  ADDITIONS_VERSION,
  Mode,
  PROVIDER_VERSION,
  SchemaAttribute,
  SchemaBlock,
  SchemaBlockType,
  TYPES_WITHOUT_SCHEMA,
  addedAfterSchema,
  isGenesysType,
  providerSchema,
  resourceSchema,
  resourceTypes,
} from "../genesys/provider";
import { capValue, showValue } from "../model/safe-text";

export interface SchemaProblem {
  /** Resource address (`type.name`, `data.type.name`) or `provider.genesyscloud`. */
  address: string;
  /** Where in the body, e.g. `media_policies[0].call_policy[0].actions[0].retain_recordng`; "" for the whole resource. */
  path: string;
  /** One line. */
  problem: string;
  suggestion?: string;
  /** Only for provider blocks: they have no resource address to find their file by. */
  file?: string;
  /**
   * "unknown" when only some of the provider releases the configuration allows reject it: which
   * release `terraform init` installs is not known statically (a lock file would say), so it is
   * "cannot verify", not a violation (and a hard rule does not fail on it).
   */
  severity?: "unknown";
  /**
   * The type is a genesyscloud_* type the vendored schema lacks and no known type is close to.
   * No known release has the type, but a release newer than the data may, so the provider may still
   * have it: the problem is "cannot verify", not "does not exist".
   */
  outsideVendoredSchema?: boolean;
}

/** Meta-arguments Terraform accepts besides the schema's attributes and blocks. */
/** Exported for tests that compile the same checks. */
export const RESOURCE_META: ReadonlySet<string> = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]);
const DATA_META = new Set(["count", "for_each", "depends_on", "provider", "lifecycle"]);
const PROVIDER_META = new Set(["alias", "version"]);

/** False claims from the forum threads this project grew from (genesys/README.md). */
const LIMITS_HINT =
  "org limits come from the Limits API, GET /api/v2/organizations/limits/namespaces/{ns} (namespaces such as platform.api, recording); keep them in the org settings file";
const FALSE_TYPES: Record<string, { problem: string; suggestion: string }> = {
  genesyscloud_organization_settings: {
    problem: "the provider has no data source for org limits or org settings at all",
    suggestion: `${LIMITS_HINT}; org recording settings come from GET /api/v2/recording/settings`,
  },
};
const FALSE_ATTRIBUTES: Record<string, { problem: string; suggestion: string }> = {
  recording_max_rps: {
    problem:
      'the provider has no recording rate setting anywhere (and there is no "50 rps per org unit" cap); the documented limit is 300 requests per minute per OAuth token',
    suggestion: LIMITS_HINT,
  },
};

/**
 * Values the provider validates at plan time (its schema descriptions name them; the JSON schema
 * format does not carry validators). Checked only where the value is a literal.
 */
const KNOWN_VALUES: Record<string, Record<string, { oneOf?: readonly string[]; min?: number; max?: number; source: string }>> = {
  genesyscloud_oauth_client: {
    authorized_grant_type: {
      oneOf: ["CODE", "TOKEN", "SAML2-BEARER", "SAML2BEARER", "PASSWORD", "CLIENT-CREDENTIALS"],
      source: "provider docs: genesyscloud_oauth_client.authorized_grant_type",
    },
    state: { oneOf: ["active", "inactive"], source: "provider docs: genesyscloud_oauth_client.state (case-sensitive)" },
    // 300..172800 for ordinary clients, up to 38880000 for SCIM clients (checked by GRG027).
    access_token_validity_seconds: { min: 300, max: 38880000, source: "provider docs: genesyscloud_oauth_client.access_token_validity_seconds" },
  },
  genesyscloud_telephony_providers_edges_trunkbasesettings: {
    trunk_type: { oneOf: ["EXTERNAL", "PHONE", "EDGE"], source: "provider docs: trunk_type valid values" },
  },
};

type KnownValue = { key: string; oneOf?: readonly string[]; min?: number; max?: number; source: string };

/** KNOWN_VALUES as lists per type, built once: checkKnownValues runs for every managed resource. */
const KNOWN_VALUE_LISTS = new Map<string, KnownValue[]>(
  Object.entries(KNOWN_VALUES).map(([type, rules]) => [type, Object.entries(rules).map(([key, rule]) => ({ key, ...rule }))]),
);

function checkKnownValues(rules: readonly KnownValue[], values: Record<string, unknown>, address: string, out: SchemaProblem[]): void {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const key = rule.key;
    const value = values[key];
    if (value === undefined || value === null || (typeof value === "string" && value.includes("${"))) continue;
    // An object or list where a value belongs is a type error, which the schema walk reports
    // (and String() of an object without a prototype throws).
    if (typeof value === "object") continue;
    if (rule.oneOf && !(typeof value === "string" ? rule.oneOf.includes(value) : rule.oneOf.includes(String(value)))) {
      const near = rule.oneOf.find(
        (v) =>
          v.toLowerCase().replace(/[^a-z0-9]/g, "") ===
          String(value)
            .toLowerCase()
            .replace(/[^a-z0-9]/g, ""),
      );
      out.push({
        address,
        path: key,
        problem: `"${showValue(value)}" is not one of ${rule.oneOf.join(", ")} (${rule.source}): terraform plan fails`,
        ...(near ? { suggestion: `did you mean "${near}"?` } : {}),
      });
    }
    if (rule.min === undefined && rule.max === undefined) continue;
    const n = typeof value === "number" ? value : Number(value);
    if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
      out.push({ address, path: key, problem: `${showValue(value)} is outside ${rule.min}..${rule.max} (${rule.source}): terraform plan fails` });
    }
  }
}

/** What the check needs per resource type, looked up once per type rather than three times per resource. */
interface TypeCheck {
  schema: SchemaBlock | undefined;
  meta: ReadonlySet<string>;
  accept?: (body: Record<string, unknown>) => boolean;
  known?: KnownValue[];
}
const typeChecks: Record<Mode, Map<string, TypeCheck>> = { managed: new Map(), data: new Map() };

function typeCheck(mode: Mode, type: string): TypeCheck {
  let c = typeChecks[mode].get(type);
  if (!c) {
    const schema = resourceSchema(mode, type);
    const meta = mode === "managed" ? RESOURCE_META : DATA_META;
    c = { schema, meta, accept: schema && acceptFor(schema, meta), known: mode === "managed" ? KNOWN_VALUE_LISTS.get(type) : undefined };
    typeChecks[mode].set(type, c);
  }
  return c;
}

/**
 * `compiled: false` walks every body, skipping the compiled check (tests compare the two).
 * `versions`: check against those provider releases (analyses/provider-version.ts) instead of the newest schema.
 */
export function validateAgainstSchema(config: TfConfiguration, options: { compiled?: boolean; versions?: VersionSelection } = {}): SchemaProblem[] {
  // Exactly the newest release (what cdktf apps pin): the newest schema, its problems labelled with the selection.
  if (options.versions?.versions.length === 1 && options.versions.versions[0] === PROVIDER_VERSION) {
    const { label, allowsAdditions } = options.versions;
    const problems = validateAgainstSchema(config, { compiled: options.compiled }).map((p) =>
      p.outsideVendoredSchema ? p : { ...p, problem: `${p.problem} [provider ${label}]` },
    );
    if (allowsAdditions) return problems;
    // Exactly v1.84.1: a type the newest schema has only from the later additions (genesyscloud_access_policy, v1.86.0) is not in it.
    const added = config.resources.filter((r) => isGenesysType(r.type) && addedAfterSchema(r.mode, r.type));
    if (!added.length) return problems;
    const addresses = new Set(added.map((r) => r.address));
    return [
      ...problems.filter((p) => !addresses.has(p.address)),
      ...added.map((r) => ({
        address: r.address,
        path: "",
        problem: `${r.type} was added in provider v${addedAfterSchema(r.mode, r.type)}, which ${label} does not allow`,
      })),
    ];
  }
  if (options.versions) return validateAcrossVersions(config, options.versions);
  const compiled = options.compiled !== false;
  const out: SchemaProblem[] = [];
  for (const r of config.resources) {
    if (!isGenesysType(r.type)) continue;
    const { schema, meta, accept, known } = typeCheck(r.mode, r.type);
    if (!schema) {
      if (TYPES_WITHOUT_SCHEMA.has(r.type)) continue;
      out.push(unknownType(r.address, r.mode, r.type));
      continue;
    }
    // The compiled check settles the (usual) valid body; the walk reports whatever it cannot.
    if (!compiled || !accept!(r.values)) validateBlock(schema, r.values, undefined, r.address, meta, out);
    if (known) checkKnownValues(known, r.values, r.address, out);
  }
  for (const p of config.providers) {
    if (p.name !== "genesyscloud") continue;
    const alias = typeof p.values.alias === "string" ? `.${p.values.alias}` : "";
    const before = out.length;
    validateBlock(providerSchema(), p.values, undefined, `provider.genesyscloud${alias}`, PROVIDER_META, out);
    for (let i = before; i < out.length; i++) out[i].file = p.location.file;
  }
  return out;
}

/**
 * Each resource checked against every distinct schema its type has in the selected releases (most
 * types have one or two): a problem every release has is an error naming the releases; one that
 * only some releases have is "unknown", naming those that reject it and those that accept it.
 */
function validateAcrossVersions(config: TfConfiguration, selection: VersionSelection): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const merge = (groups: Map<string, string[]>, problemsOf: (key: string) => SchemaProblem[]) => {
    const seen = new Map<string, { problem: SchemaProblem; versions: string[] }>();
    for (const [key, versions] of groups) {
      for (const p of problemsOf(key)) {
        const id = `${p.path}\u0000${p.problem}`;
        const entry = seen.get(id);
        if (entry) entry.versions.push(...versions);
        else seen.set(id, { problem: p, versions: [...versions] });
      }
    }
    for (const { problem, versions } of seen.values()) {
      if (versions.length === selection.versions.length) out.push({ ...problem, problem: `${problem.problem} [provider ${selection.label}]` });
      else {
        const accepting = selection.versions.filter((v) => !versions.includes(v));
        out.push({
          ...problem,
          severity: "unknown",
          problem: `${problem.problem} in ${describeVersions(versions)}; ${describeVersions(accepting)} accept it [provider ${selection.label}]`,
        });
      }
    }
  };
  // Per type, once: the selected releases grouped by the type's schema, and each schema's compiled check.
  type TypeEntry = { groups: Map<string, string[]>; accepts: ((body: Record<string, unknown>) => boolean)[] };
  const byType: Record<Mode, Map<string, TypeEntry>> = { managed: new Map(), data: new Map() };
  for (const r of config.resources) {
    if (!isGenesysType(r.type) || TYPES_WITHOUT_SCHEMA.has(r.type)) continue;
    const meta = r.mode === "managed" ? RESOURCE_META : DATA_META;
    let entry = byType[r.mode].get(r.type);
    if (!entry) {
      const groups = new Map<string, string[]>();
      for (const v of selection.versions) {
        const hash = schemaHashAt(v, r.mode, r.type) ?? "";
        groups.set(hash, [...(groups.get(hash) ?? []), v]);
      }
      const accepts = [...groups.keys()].map((hash) => (hash === "" ? () => false : acceptFor(schemaByHash(r.mode, r.type, hash), meta)));
      byType[r.mode].set(r.type, (entry = { groups, accepts }));
    }
    const { groups } = entry;
    const known = r.mode === "managed" ? KNOWN_VALUE_LISTS.get(r.type) : undefined;
    // The usual body is valid in every release: nothing to merge.
    if (entry.accepts.every((accept) => accept(r.values))) {
      if (known) checkKnownValues(known, r.values, r.address, out);
      continue;
    }
    if (groups.size === 1 && groups.has("")) {
      // In none of the releases: a type added later (the additions), a misspelling, or unknown.
      const later = resourceSchema(r.mode, r.type);
      if (later && addedAfterSchema(r.mode, r.type) && selection.allowsAdditions) {
        // The constraint allows the release that added it: checked against the additions' schema.
        const before = out.length;
        validateBlock(later, r.values, undefined, r.address, meta, out);
        for (let i = before; i < out.length; i++)
          out[i] = { ...out[i], problem: `${out[i].problem} [provider v${addedAfterSchema(r.mode, r.type)}, which ${selection.label} allows]` };
      } else if (later && addedAfterSchema(r.mode, r.type)) {
        out.push({
          address: r.address,
          path: "",
          problem: `${r.type} was added in provider v${addedAfterSchema(r.mode, r.type)}, which ${selection.label} does not allow`,
        });
      } else out.push(unknownType(r.address, r.mode, r.type));
      continue;
    }
    merge(groups, (hash) => {
      const problems: SchemaProblem[] = [];
      if (hash === "")
        problems.push({ address: r.address, path: "", problem: `${r.mode === "managed" ? "resource" : "data source"} type ${r.type} does not exist` });
      else {
        const schema = schemaByHash(r.mode, r.type, hash);
        // As on the newest schema: the compiled check settles the usual valid body (acceptFor caches per schema block).
        if (!acceptFor(schema, meta)(r.values)) validateBlock(schema, r.values, undefined, r.address, meta, problems);
      }
      return problems;
    });
    if (known) checkKnownValues(known, r.values, r.address, out);
  }
  for (const p of config.providers) {
    if (p.name !== "genesyscloud") continue;
    const alias = typeof p.values.alias === "string" ? `.${p.values.alias}` : "";
    const groups = new Map<string, string[]>();
    for (const v of selection.versions) {
      const { hash } = providerBlockAt(v);
      groups.set(hash, [...(groups.get(hash) ?? []), v]);
    }
    const before = out.length;
    merge(groups, (hash) => {
      const problems: SchemaProblem[] = [];
      const version = groups.get(hash)![0];
      validateBlock(providerBlockAt(version).block, p.values, undefined, `provider.genesyscloud${alias}`, PROVIDER_META, problems);
      return problems;
    });
    for (let i = before; i < out.length; i++) out[i].file = p.location.file;
  }
  return out;
}

function unknownType(address: string, mode: Mode, type: string): SchemaProblem {
  const kind = mode === "managed" ? "resource" : "data source";
  const claim = hasOwn(FALSE_TYPES, type) ? FALSE_TYPES[type] : undefined;
  if (claim) return { address, path: "", problem: `unknown ${kind} type ${type}: ${claim.problem}`, suggestion: claim.suggestion };
  const near = closest(type, typeNames(mode));
  if (near) return { address, path: "", problem: `unknown ${kind} type ${capValue(type)}`, suggestion: `did you mean ${near}?` };
  return {
    address,
    path: "",
    problem: `${kind} type ${capValue(type)} is not a type of provider v${PROVIDER_VERSION} (the newest schema known here, plus ${resourceTypes(mode)
      .filter((t) => addedAfterSchema(mode, t))
      .join(", ")} from v${ADDITIONS_VERSION}): if a newer provider added it, it cannot be checked`,
    outsideVendoredSchema: true,
  };
}

/** Per schema block: names Terraform requires, computed once. */
interface BlockTable {
  requiredAttributes: string[];
  requiredBlocks: [string, SchemaBlockType][];
  names: string[];
  /**
   * Every attribute and block by name (an attribute wins over a block of the same name, as in
   * the walk's order): one lookup per key of a body instead of up to four own-property checks
   * on the schema's objects, for every key of every resource.
   */
  members: Map<string, { attribute: SchemaAttribute; blockType?: undefined } | { attribute?: undefined; blockType: SchemaBlockType }>;
}
const tables = new WeakMap<SchemaBlock, BlockTable>();

function table(schema: SchemaBlock): BlockTable {
  let t = tables.get(schema);
  if (!t) {
    const attrs = schema.attributes ?? {};
    const blockTypes = schema.block_types ?? {};
    t = {
      requiredAttributes: Object.keys(attrs).filter((k) => attrs[k].required),
      requiredBlocks: Object.entries(blockTypes).filter(([, b]) => (b.min_items ?? 0) > 0),
      names: [...Object.keys(attrs), ...Object.keys(blockTypes)],
      members: new Map(),
    };
    for (const [name, blockType] of Object.entries(blockTypes)) t.members.set(name, { blockType });
    for (const [name, attribute] of Object.entries(attrs)) t.members.set(name, { attribute });
    tables.set(schema, t);
  }
  return t;
}

/**
 * Where a body sits: a chain of block names and indices, rendered to text only when a problem
 * is reported (the walk itself allocates no path strings).
 */
interface PathNode {
  parent: PathNode | undefined;
  name: string;
  index?: number;
}

/** The path of `key` for messages; each name (a key from the input) capped at 200 characters. */
function render(path: PathNode | undefined, key?: string): string {
  const parts: string[] = key === undefined ? [] : [capValue(key)];
  for (let p = path; p; p = p.parent) parts.push(p.index === undefined ? capValue(p.name) : `${capValue(p.name)}[${p.index}]`);
  return parts.reverse().join(".");
}

function validateBlock(
  schema: SchemaBlock,
  body: Record<string, unknown>,
  path: PathNode | undefined,
  address: string,
  meta: ReadonlySet<string>,
  out: SchemaProblem[],
): void {
  const t = table(schema);
  let dynamicBlocks: Set<string> | undefined; // blocks written as `dynamic`, rare
  for (const key in body) {
    const value = body[key];
    if (key === "//" || meta.has(key)) continue;
    if (key === "dynamic") {
      validateDynamic(schema, value, { parent: path, name: "dynamic" }, address, (dynamicBlocks ??= new Set()), out);
      continue;
    }
    const member = t.members.get(key);
    const attr = member?.attribute;
    if (attr) {
      if (value === null || value === undefined) continue;
      if (attr.computed && !attr.optional && !attr.required) {
        out.push({ address, path: render(path, key), problem: "computed by the provider: it cannot be set" });
        continue;
      }
      const mismatch = typeMismatch(attr.type, value);
      if (mismatch) out.push({ address, path: render(path, key), problem: `expected ${typeName(attr.type)}, ${mismatch}` });
      continue;
    }
    const blockType = member?.blockType;
    if (blockType) {
      validateNested(blockType, key, value, path, address, out);
      continue;
    }
    out.push(unknownName(schema, key, render(path, key), address));
  }
  for (const key of t.requiredAttributes) {
    if (body[key] === undefined || body[key] === null) out.push({ address, path: render(path, key), problem: "missing required attribute" });
  }
  for (const [key, blockType] of t.requiredBlocks) {
    if ((body[key] === undefined || body[key] === null) && !dynamicBlocks?.has(key)) {
      out.push({ address, path: render(path, key), problem: `missing required block (at least ${blockType.min_items})` });
    }
  }
}

/** A nested block: an object or an array of objects (Terraform JSON allows both). */
function validateNested(blockType: SchemaBlockType, key: string, value: unknown, parent: PathNode | undefined, address: string, out: SchemaProblem[]): void {
  if (value === null || value === undefined || isTemplate(value)) return;
  const count = Array.isArray(value) ? value.length : 1;
  const max = blockType.nesting_mode === "single" || blockType.nesting_mode === "group" ? 1 : blockType.max_items;
  if (max !== undefined && max > 0 && count > max)
    out.push({ address, path: render(parent, key), problem: `block may appear at most ${max} time(s), found ${count}` });
  const min = blockType.min_items ?? 0;
  if (count < min) out.push({ address, path: render(parent, key), problem: `block needs at least ${min} item(s), found ${count}` });
  // One node for all the items, its index moved along: a node is only read while its item is
  // walked (render() copies it into the message), so nothing keeps a stale index.
  const path: PathNode = { parent, name: key, index: 0 };
  for (let i = 0; i < count; i++) {
    const item = Array.isArray(value) ? value[i] : value;
    path.index = i;
    if (isPlainObject(item)) validateBlock(blockType.block, item, path, address, NO_META, out);
    else out.push({ address, path: render(path), problem: `expected a block (an object), ${describe(item)}` });
  }
}

const NO_META: ReadonlySet<string> = new Set();

/** `"dynamic": {"<block>": {"for_each": ..., "content": {...}}}`: the block must exist; its content is checked. */
function validateDynamic(schema: SchemaBlock, value: unknown, path: PathNode, address: string, seen: Set<string>, out: SchemaProblem[]): void {
  const blockTypes = schema.block_types ?? {};
  const groups = Array.isArray(value) ? value : [value];
  for (const group of groups) {
    if (!isPlainObject(group)) continue;
    for (const name in group) {
      const blockType = hasOwn(blockTypes, name) ? blockTypes[name] : undefined;
      if (!blockType) {
        // Terraform lets an SDKv2 attribute of list or set of objects be written as blocks, dynamic ones included.
        if (isObjectCollectionAttribute(schema, name)) continue;
        out.push(unknownName(schema, name, render(path, name), address));
        continue;
      }
      seen.add(name);
      const bodies = Array.isArray(group[name]) ? (group[name] as unknown[]) : [group[name]];
      const contentPath = { parent: { parent: path, name }, name: "content" };
      for (const body of bodies) {
        const content = isPlainObject(body) ? body.content : undefined;
        const contents = Array.isArray(content) ? content : [content];
        for (const c of contents) if (isPlainObject(c)) validateBlock(blockType.block, c, contentPath, address, NO_META, out);
      }
    }
  }
}

/** An attribute whose type is a list or set of objects (older provider releases declared blocks so). */
function isObjectCollectionAttribute(schema: SchemaBlock, name: string): boolean {
  const attribute = hasOwn(schema.attributes ?? {}, name) ? schema.attributes![name] : undefined;
  const type = attribute?.type;
  return Array.isArray(type) && (type[0] === "list" || type[0] === "set") && Array.isArray(type[1]) && type[1][0] === "object";
}

const suggestions = new WeakMap<SchemaBlock, Map<string, string | undefined>>();

function unknownName(schema: SchemaBlock, key: string, path: string, address: string): SchemaProblem {
  const claim = hasOwn(FALSE_ATTRIBUTES, key) ? FALSE_ATTRIBUTES[key] : undefined; // not "constructor" or "__proto__" of the table
  if (claim) return { address, path, problem: `unknown attribute: ${claim.problem}`, suggestion: claim.suggestion };
  let cache = suggestions.get(schema);
  if (!cache) suggestions.set(schema, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, closest(key, table(schema).names));
  const near = cache.get(key);
  return { address, path, problem: "unknown attribute or block", ...(near ? { suggestion: `did you mean ${near}?` } : {}) };
}

let typeNameCache: Record<Mode, string[]> | undefined;
function typeNames(mode: Mode): string[] {
  typeNameCache ??= { managed: resourceTypes("managed"), data: resourceTypes("data") };
  return typeNameCache[mode];
}

/**
 * The candidate closest to `name`: same letters ignoring case and separators (camelCase for
 * snake_case), else the smallest edit distance up to 3 (less for short names, so that real but
 * unvendored names such as another telephony resource are not "corrected").
 */
export function closest(name: string, candidates: Iterable<string>, maxEdits = 3): string | undefined {
  const squashed = squash(name);
  const limit = Math.min(maxEdits, Math.max(1, Math.floor(name.length / 5)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === name) continue;
    if (squash(c) === squashed) return c;
    const d = editDistance(name.toLowerCase(), c.toLowerCase(), bestDistance);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Levenshtein distance, giving up (returning `cap`) once every path costs at least `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin >= cap) return cap;
    prev = cur;
  }
  return Math.min(prev[b.length], cap);
}

/** `${...}` and `%{...}` templates are resolved by Terraform: they may yield any type. */
function isTemplate(value: unknown): boolean {
  return typeof value === "string" && (value.includes("${") || value.includes("%{"));
}

/**
 * Why `value` does not fit the schema type, or undefined when it does. Follows Terraform's
 * conversions: numbers and bools convert to strings, "12" to a number, "true"/"false" to a bool.
 */
function typeMismatch(type: unknown, value: unknown): string | undefined {
  // A template may yield any type, so it never mismatches. Asked only once the value does not
  // fit as written: most values fit, and scanning every string (descriptions, trunk properties
  // JSON) for "${" and "%{" cost more than the rest of the walk.
  const mismatch = literalTypeMismatch(type, value);
  return mismatch !== undefined && isTemplate(value) ? undefined : mismatch;
}

/** typeMismatch for a value taken as written (templates not excepted at this level). */
function literalTypeMismatch(type: unknown, value: unknown): string | undefined {
  if (type === "string") return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? undefined : describe(value);
  if (type === "number")
    return typeof value === "number" || (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) ? undefined : describe(value);
  if (type === "bool") return typeof value === "boolean" || value === "true" || value === "false" ? undefined : describe(value);
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) {
    if (!Array.isArray(value)) return describe(value);
    for (let i = 0; i < value.length; i++) {
      const inner = value[i] === null ? undefined : typeMismatch(type[1], value[i]);
      if (inner) return `element [${i}] ${inner}`;
    }
    return undefined;
  }
  if (Array.isArray(type) && type[0] === "map") {
    if (!isPlainObject(value)) return describe(value);
    for (const k in value) {
      const inner = value[k] === null ? undefined : typeMismatch(type[1], value[k]);
      if (inner) return `key "${capValue(k)}" ${inner}`;
    }
    return undefined;
  }
  return undefined; // object, tuple, dynamic: not used by the vendored schema; not checked
}

function typeName(type: unknown): string {
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return `${type[0]} of ${typeName(type[1])}`;
  return "a structured value";
}

/** A short description of a wrong value (no JSON.stringify of whole structures; strings capped). */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `got an array of ${value.length}`;
  if (isPlainObject(value)) return "got an object";
  if (typeof value === "string") return `got the string "${capValue(value)}"`;
  return `got ${typeof value} ${showValue(value)}`;
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
