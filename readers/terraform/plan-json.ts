// Plan JSON (`terraform show -json <planfile>`) -> TfConfiguration.
//
// Values come from planned_values (child_modules walked recursively). What Terraform cannot
// know before apply (an auth role's id, so the client's roles.role_id) is omitted there and
// marked in resource_changes[].change.after_unknown; those attributes are taken from the
// configuration expressions instead: {"references": ["genesyscloud_auth_role.x.id",
// "genesyscloud_auth_role.x"]} becomes "${genesyscloud_auth_role.x.id}" (what the HCL and
// Terraform JSON inputs give), {"constant_value": v} becomes v.
//
// A known value that equals the attribute its expression references (a division_id read from
// data.genesyscloud_auth_division_home.home.id) is also written back as the reference: the engine
// learns what an id is (the home division, a role the configuration declares) only from
// references, and the three input kinds then give the same findings.
//
// Sensitive values. `terraform show -json` prints sensitive values in clear and marks them:
// `sensitive_values` beside each resource's values (and `after_sensitive` in resource_changes),
// `"sensitive": true` on root module variables. The rules still read the real values (a sensitive
// attribute decides what it decided before); what the plan marks is recorded here, when the plan
// is read, as the texts no report may show: the reporters replace them with "(sensitive)"
// (sensitiveValuesOf, model/safe-text.ts redactor).
import { InputError } from "../../model/input-error";
import { withoutInstanceKeys } from "../../model/instances";
import type { Mode, TfConfiguration, TfProviderConfig, TfResource } from "../../model/terraform";
import { emptyConfiguration } from "../../model/terraform";
import { isPlainObject, normalizeBody } from "./normalize";
import { SchemaBlock, providerSchema, resourceSchema } from "../../genesys/provider";

type Obj = Record<string, unknown>;

/** Plan JSON (or `terraform show -json` of a state, which has `values` instead of `planned_values`). */
export function isPlanJson(doc: unknown): boolean {
  return isPlainObject(doc) && ("planned_values" in doc || ("format_version" in doc && "terraform_version" in doc));
}

interface Planned {
  address: string;
  mode: Mode;
  type: string;
  name: string;
  values: Obj;
  /** sensitive_values: true where the value is sensitive, mirroring values. */
  sensitive: unknown;
  /** Module instance path with a trailing dot ("module.m."), "" in the root module. */
  prefix: string;
}

interface Declared {
  mode: Mode;
  type: string;
  name: string;
  expressions: Obj;
  /** count or for_each on the resource or an enclosing module call. */
  repeated: boolean;
  prefix: string;
}

interface Context {
  prefix: string;
  known: ReadonlyMap<string, Planned>;
  /** The root module's input variable values the plan was made with. */
  variables: Readonly<Record<string, unknown>>;
}

const UNKNOWN = "${known after apply}";

export function readPlanJson(doc: unknown, file: string): TfConfiguration {
  if (!isPlainObject(doc) || !isPlanJson(doc)) throw new InputError(file, undefined, "expected plan JSON (terraform show -json <planfile>)");
  const config = emptyConfiguration();
  const planned: Planned[] = [];
  collectPlanned(doc.planned_values ?? doc.values, file, doc.planned_values ? "planned_values" : "values", planned);
  const known = new Map(planned.map((r) => [r.address, r]));
  // Data sources read while planning live in the refreshed prior state, not in planned_values.
  const prior: Planned[] = [];
  collectPlanned(obj(doc.prior_state).values, file, "prior_state.values", prior);
  for (const r of prior) {
    if (r.mode !== "data" || known.has(r.address)) continue;
    planned.push(r);
    known.set(r.address, r);
  }

  const afterUnknown = new Map<string, unknown>();
  const afterSensitive = new Map<string, unknown>();
  for (const c of list(doc.resource_changes)) {
    if (!isPlainObject(c) || typeof c.address !== "string" || c.deposed) continue;
    afterUnknown.set(c.address, obj(c.change).after_unknown);
    afterSensitive.set(c.address, obj(c.change).after_sensitive);
  }
  const configuration = obj(doc.configuration);
  const declared = new Map<string, Declared>();
  collectDeclared(obj(configuration.root_module), "", false, declared);
  const providerConfig = obj(obj(configuration.provider_config).genesyscloud);
  if (typeof providerConfig.version_constraint === "string")
    config.providerRequirement = { constraint: providerConfig.version_constraint, constraintFile: file };
  const variables = (config.variables = readVariables(doc, configuration));

  const secrets = new Set<string>();
  for (const r of planned) {
    collectSensitive(r.values, r.sensitive, secrets);
    collectSensitive(r.values, afterSensitive.get(r.address), secrets);
  }
  for (const [name, v] of Object.entries(obj(obj(configuration.root_module).variables))) {
    if (isPlainObject(v) && v.sensitive === true && Object.prototype.hasOwnProperty.call(variables, name)) collectSensitive(variables[name], true, secrets);
  }

  for (const r of planned) {
    const decl = declared.get(withoutInstanceKeys(r.address));
    const ctx = { prefix: r.prefix, known, variables };
    const values = mergeBlock(r.values, decl?.expressions, afterUnknown.get(r.address), resourceSchema(r.mode, r.type), ctx);
    config.resources.push(resource(r.address, r.mode, r.type, r.name, values, file));
  }
  // Declared but neither planned nor read (e.g. outside a -target plan): values from the configuration.
  for (const [address, d] of declared) {
    if (d.repeated || known.has(address)) continue;
    const values = mergeBlock({}, d.expressions, true, resourceSchema(d.mode, d.type), { prefix: d.prefix, known, variables });
    config.resources.push(resource(address, d.mode, d.type, d.name, values, file));
  }

  config.providers = readProviders(configuration, { prefix: "", known, variables }, file);
  if (secrets.size) {
    const texts = [...secrets];
    for (const owner of [...config.resources, ...config.providers]) SENSITIVE.set(owner, texts);
  }
  return config;
}

// ---------------------------------------------------------------------------------------------
// Sensitive values

/** Per resource and provider block read from a plan: the texts of every value the plan marks sensitive. */
const SENSITIVE = new WeakMap<object, readonly string[]>();

/**
 * The values no report may show, as texts: those plan JSON marked sensitive (recorded when the
 * plan was read), and the values of attributes the provider schema declares sensitive
 * (genesyscloud_oauth_client.client_secret, the provider's oauthclient_secret), from any input.
 * Booleans and empty strings are not listed (they cannot be told apart from other text).
 */
export function sensitiveValuesOf(config: TfConfiguration): string[] {
  const out = new Set<string>();
  const lists = new Set<readonly string[]>();
  for (const r of config.resources) {
    const list = SENSITIVE.get(r);
    if (list) lists.add(list);
    const schema = resourceSchema(r.mode, r.type);
    if (schema) collectSchemaSensitive(schema, r.values, out);
  }
  for (const p of config.providers) {
    const list = SENSITIVE.get(p);
    if (list) lists.add(list);
    if (p.name === "genesyscloud") collectSchemaSensitive(providerSchema(), p.values, out);
  }
  for (const list of lists) for (const text of list) out.add(text);
  return [...out];
}

/** The leaves of `value` where `marks` (sensitive_values' shape: true, or an object or array of marks) is true. */
function collectSensitive(value: unknown, marks: unknown, out: Set<string>): void {
  if (marks === true) collectLeaves(value, out);
  else if (Array.isArray(marks) && Array.isArray(value)) marks.forEach((m, i) => collectSensitive(value[i], m, out));
  else if (isPlainObject(marks) && isPlainObject(value))
    for (const key of Object.keys(marks)) if (Object.prototype.hasOwnProperty.call(value, key)) collectSensitive(value[key], marks[key], out);
}

function collectLeaves(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (value !== "") out.add(value);
  } else if (typeof value === "number") out.add(String(value));
  else if (Array.isArray(value)) for (const v of value) collectLeaves(v, out);
  else if (isPlainObject(value)) for (const v of Object.values(value)) collectLeaves(v, out);
}

function collectSchemaSensitive(schema: SchemaBlock, values: Obj, out: Set<string>): void {
  if (!holdsSensitive(schema)) return;
  for (const [key, attribute] of Object.entries(schema.attributes ?? {})) {
    // Interpolations (`${var.x}`) are references, not the secret.
    if (
      attribute.sensitive &&
      Object.prototype.hasOwnProperty.call(values, key) &&
      !(typeof values[key] === "string" && (values[key] as string).includes("${"))
    ) {
      collectLeaves(values[key], out);
    }
  }
  for (const [key, blockType] of Object.entries(schema.block_types ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(values, key)) continue;
    const bodies = Array.isArray(values[key]) ? (values[key] as unknown[]) : [values[key]];
    for (const body of bodies) if (isPlainObject(body)) collectSchemaSensitive(blockType.block, body, out);
  }
}

const sensitiveSchemas = new WeakMap<SchemaBlock, boolean>();

/** Whether a schema block declares a sensitive attribute, itself or in a nested block (most do not). */
function holdsSensitive(schema: SchemaBlock): boolean {
  let holds = sensitiveSchemas.get(schema);
  if (holds === undefined) {
    holds = Object.values(schema.attributes ?? {}).some((a) => a.sensitive) || Object.values(schema.block_types ?? {}).some((b) => holdsSensitive(b.block));
    sensitiveSchemas.set(schema, holds);
  }
  return holds;
}

/** Declared defaults, overridden by the values the plan was made with (defaults, tfvars, -var). */
function readVariables(doc: Obj, configuration: Obj): Record<string, unknown> {
  // No prototype: a variable named __proto__ or constructor is an ordinary name.
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, v] of Object.entries(obj(obj(configuration.root_module).variables))) if (isPlainObject(v) && "default" in v) out[name] = v.default;
  for (const [name, v] of Object.entries(obj(doc.variables))) if (isPlainObject(v) && "value" in v) out[name] = v.value;
  return out;
}

/** Provider blocks have no planned values: configuration expressions only. */
function readProviders(configuration: Obj, root: Context, file: string): TfProviderConfig[] {
  const out: TfProviderConfig[] = [];
  for (const p of Object.values(obj(configuration.provider_config))) {
    if (!isPlainObject(p) || typeof p.name !== "string") continue;
    const prefix = typeof p.module_address === "string" && p.module_address ? `${p.module_address}.` : "";
    const values = mergeBlock({}, p.expressions, true, providerSchema(), { ...root, prefix });
    if (typeof p.alias === "string") values.alias = p.alias;
    out.push({ name: p.name, values, location: { file } });
  }
  return out;
}

function resource(address: string, mode: Mode, type: string, name: string, values: Obj, file: string): TfResource {
  return { address, mode, type, name, values: normalizeBody(mode, type, values), location: { file } };
}

function collectPlanned(module: unknown, file: string, field: string, out: Planned[]): void {
  if (!isPlainObject(module)) return;
  collectModule(module.root_module, file, `${field}.root_module`, out);
}

function collectModule(module: unknown, file: string, field: string, out: Planned[]): void {
  if (!isPlainObject(module)) return;
  const prefix = typeof module.address === "string" && module.address ? `${module.address}.` : "";
  strictList(module.resources, file, `${field}.resources`).forEach((r, i) => {
    if (!isPlainObject(r) || typeof r.address !== "string" || typeof r.type !== "string" || typeof r.name !== "string") {
      throw new InputError(file, `${field}.resources[${i}]`, "expected an object with address, type and name");
    }
    if (r.values !== undefined && r.values !== null && !isPlainObject(r.values)) {
      throw new InputError(file, `${field}.resources[${i}].values`, "expected an object of attribute values");
    }
    const mode: Mode = r.mode === "data" ? "data" : "managed";
    out.push({ address: r.address, mode, type: r.type, name: r.name, values: obj(r.values), sensitive: r.sensitive_values, prefix });
  });
  strictList(module.child_modules, file, `${field}.child_modules`).forEach((m, i) => collectModule(m, file, `${field}.child_modules[${i}]`, out));
}

/** configuration.root_module and its module_calls, keyed by address without instance keys. */
function collectDeclared(module: Obj, prefix: string, repeated: boolean, out: Map<string, Declared>): void {
  for (const r of list(module.resources)) {
    if (!isPlainObject(r) || typeof r.address !== "string" || typeof r.type !== "string" || typeof r.name !== "string") continue;
    out.set(prefix + r.address, {
      mode: r.mode === "data" ? "data" : "managed",
      type: r.type,
      name: r.name,
      expressions: obj(r.expressions),
      repeated: repeated || "count_expression" in r || "for_each_expression" in r,
      prefix,
    });
  }
  for (const [name, call] of Object.entries(obj(module.module_calls))) {
    const c = obj(call);
    collectDeclared(obj(c.module), `${prefix}module.${name}.`, repeated || "count_expression" in c || "for_each_expression" in c, out);
  }
}

/**
 * One block: planned values (nulls dropped: an unset argument is absent from HCL) completed
 * from its configuration expressions. `unknown` is the matching part of after_unknown.
 */
function mergeBlock(planned: unknown, expressions: unknown, unknown: unknown, schema: SchemaBlock | undefined, ctx: Context): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(obj(planned))) if (value !== null && !computedOnly(schema, key)) out[key] = value;
  for (const [key, expr] of Object.entries(obj(expressions))) {
    const u = unknown === true ? true : isPlainObject(unknown) ? unknown[key] : undefined;
    const blockType = schema?.block_types?.[key];
    if (blockType || (!schema?.attributes?.[key] && !isExpression(expr))) {
      out[key] = mergeBlocks(out[key], expr, u, blockType?.block, ctx);
    } else if (isPlainObject(expr)) {
      // Planned as null and not unknown after apply: known to be unset (e.g. `scopes = each.value.scopes`
      // for an instance without scopes), not a value to take from the configuration's expression.
      if (u !== true && isPlainObject(planned) && planned[key] === null) continue;
      const value = fromExpression(expr, out[key], u, ctx);
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
  }
  return out;
}

/**
 * Attributes only the provider sets (client_id, integration_credential_id) are outputs, not
 * configuration: dropped, as the schema rule would otherwise read them as set by hand.
 */
function computedOnly(schema: SchemaBlock | undefined, key: string): boolean {
  const a = schema?.attributes?.[key];
  return a !== undefined && a.computed === true && !a.optional && !a.required;
}

/**
 * Nested blocks. Configuration gives an array of expression objects (an object for single
 * nesting). Planned values of set blocks (oauth_client.roles, auth_role.permission_policies) are
 * in Terraform's set order, not source order, so each planned block is paired with the first
 * unused configuration block whose known values agree with it, trying the same index first.
 */
function mergeBlocks(planned: unknown, expressions: unknown, unknown: unknown, schema: SchemaBlock | undefined, ctx: Context): unknown {
  const configured = (Array.isArray(expressions) ? expressions : [expressions]).filter(isPlainObject);
  const items = planned === undefined ? [] : Array.isArray(planned) ? planned : [planned];
  const unknownAt = (i: number) => (Array.isArray(unknown) ? unknown[i] : unknown);
  if (items.length === 0 && configured.length > 0 && (unknown === true || planned === undefined)) {
    return configured.map((c) => mergeBlock({}, c, true, schema, ctx));
  }
  const used = new Set<number>();
  const merged = items.map((item, i) => {
    const j = [i, ...configured.keys()].find((k) => k < configured.length && !used.has(k) && agrees(item, configured[k], ctx));
    if (j !== undefined) used.add(j);
    return mergeBlock(item, j === undefined ? undefined : configured[j], unknownAt(i), schema, ctx);
  });
  return Array.isArray(planned) || Array.isArray(expressions) ? merged : merged[0];
}

function agrees(planned: unknown, expressions: Obj, ctx: Context): boolean {
  const values = obj(planned);
  for (const [key, expr] of Object.entries(expressions)) {
    const actual = values[key];
    if (actual === undefined || actual === null || !isExpression(expr)) continue;
    const chains = referenceChains(expr.references);
    const expected = chains.length === 1 ? targetValue(chains[0][0], ctx) : expr.constant_value;
    if (expected !== undefined && !same(expected, actual)) return false;
  }
  return true;
}

function fromExpression(expr: Obj, current: unknown, unknown: unknown, ctx: Context): unknown {
  const chains = referenceChains(expr.references);
  const isUnknown = current === undefined || unknown === true;
  // A list written element by element ([data.a.id, data.b.id]): one reference chain per element.
  if (Array.isArray(current) && chains.length === current.length && unknown !== true) {
    return current.map((v, i) => pick(chains[i][0], v === null || (Array.isArray(unknown) && unknown[i] === true) ? undefined : v, ctx));
  }
  if (chains.length === 1) return pick(chains[0][0], isUnknown ? undefined : current, ctx);
  if (!isUnknown) return current;
  if (chains.length === 0) return "constant_value" in expr ? expr.constant_value : UNKNOWN;
  return `\${known after apply: ${chains.map((c) => qualified(c[0], ctx)).join(", ")}}`;
}

/** The value for an expression that is one reference: the known value, or the reference. */
function pick(reference: string, current: unknown, ctx: Context): unknown {
  if (current === undefined) {
    // Only provider blocks and unplanned resources get here with a root variable: planned values know them.
    const variable = /^var\.([\w-]+)$/.exec(reference);
    if (variable && !ctx.prefix && Object.prototype.hasOwnProperty.call(ctx.variables, variable[1])) return ctx.variables[variable[1]];
    return `\${${qualified(reference, ctx)}}`;
  }
  const target = targetValue(reference, ctx);
  return target !== undefined && same(target, current) ? `\${${qualified(reference, ctx)}}` : current;
}

/** References inside a module are relative to it: prefix them so the resolver finds the resource. */
function qualified(reference: string, ctx: Context): string {
  return ctx.prefix + reference;
}

const RESOURCE_ATTRIBUTE = /^((?:data\.)?([A-Za-z_][\w-]*)\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?)\.([A-Za-z_][\w-]*)$/;
const NOT_RESOURCES = new Set(["var", "local", "module", "count", "each", "path", "terraform", "self"]);

/** The known planned value of `type.name.attr` / `data.type.name.attr`, when the reference is one. */
function targetValue(reference: string, ctx: Context): unknown {
  const m = RESOURCE_ATTRIBUTE.exec(reference);
  if (!m || NOT_RESOURCES.has(m[2])) return undefined;
  const value = ctx.known.get(ctx.prefix + m[1])?.values[m[3]];
  return value === null ? undefined : value;
}

/**
 * Terraform lists every reference from its full traversal down to the object it names
 * (["genesyscloud_auth_role.x.id", "genesyscloud_auth_role.x"]); a chain is one such run, so
 * an expression that is a single reference has exactly one chain.
 */
function referenceChains(references: unknown): string[][] {
  const chains: string[][] = [];
  for (const ref of list(references)) {
    if (typeof ref !== "string") continue;
    const head = chains.length ? chains[chains.length - 1][0] : undefined;
    const step = head !== undefined && head.length > ref.length && head.startsWith(ref) && (head[ref.length] === "." || head[ref.length] === "[");
    if (step) chains[chains.length - 1].push(ref);
    else chains.push([ref]);
  }
  return chains;
}

function isExpression(value: unknown): value is Obj {
  return isPlainObject(value) && Object.keys(value).every((k) => k === "constant_value" || k === "references");
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function obj(value: unknown): Obj {
  return isPlainObject(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A list the plan format requires to be an array when present: anything else is bad input. */
function strictList(value: unknown, file: string, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError(file, field, "expected an array");
  return value;
}
