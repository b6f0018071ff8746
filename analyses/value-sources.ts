// Where the values a finding depends on came from, when a variable was set by something other than
// its default: `var.division_id from prod.tfvars`, `var.ttl from TF_VAR_ttl`, `var.x from --var`.
// A reviewer of `terraform plan -var-file=prod.tfvars` needs to know that a finding is about prod's
// value, not the default in variables.tf (issue #16: "the report says which source set each value").
//
// What is followed, from the attribute the finding names: the value at that path (a nested block
// or a JSON-encoded string as a whole), locals it uses (a few steps), and the `name` of a resource
// or data source it refers to (a role's `division_id = data.genesyscloud_auth_division.d.id` depends
// on that division's `name`, which may be `var.division_name`). Nothing else: a finding names no
// variable it does not depend on.
import type { TfConfiguration, TfResource } from "../model/terraform";
import type { ReferenceResolver } from "./references";

/** `var.x` not inside a longer name (`module.m.var.x` is a module's own variable, left unbound). */
const VARIABLE_REFERENCE = /(?<![\w.-])var\.([A-Za-z_][A-Za-z0-9_-]*)/g;
const LOCAL_REFERENCE = /(?<![\w.-])local\.([A-Za-z_][A-Za-z0-9_-]*)/g;
/** How far locals and references are followed: enough for a local naming a local naming a variable. */
const MAX_DEPTH = 4;

/** `roles[0].division_ids[1]` → ["roles", 0, "division_ids", 1]. */
function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [part];
    if (m[1]) out.push(m[1]);
    for (const index of m[2].match(/\d+/g) ?? []) out.push(Number(index));
  }
  return out;
}

/** The value at the path, or the nearest string on the way (a JSON-encoded `properties` as a whole). */
function valueAt(values: Record<string, unknown>, path: string): unknown {
  let v: unknown = values;
  for (const segment of pathSegments(path)) {
    if (typeof v === "string") return v;
    if (v === null || typeof v !== "object") return undefined;
    // Blocks the schema knows are arrays; a block written as an object is its element 0.
    const container: unknown = Array.isArray(v) && typeof segment === "string" ? v[0] : v;
    if (container === null || typeof container !== "object" || !Object.prototype.hasOwnProperty.call(container, segment)) return undefined;
    v = (container as Record<string | number, unknown>)[segment];
  }
  return v;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** Sorted `var.x from SOURCE` for the variables the finding's attribute depends on; none when all are defaults. */
export function valueSources(config: TfConfiguration, resolver: ReferenceResolver, resource: TfResource | undefined, attribute: string | undefined): string[] {
  const sources = config.variableSources;
  if (!sources || !resource || attribute === undefined) return [];
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || seen.has(value)) return;
    if (value !== null && typeof value === "object") seen.add(value);
    for (const text of strings(value)) {
      if (!text.includes("${") || seen.has(text)) continue;
      seen.add(text);
      for (const m of text.matchAll(VARIABLE_REFERENCE))
        if (Object.prototype.hasOwnProperty.call(sources, m[1])) found.add(`var.${m[1]} from ${sources[m[1]]}`);
      for (const m of text.matchAll(LOCAL_REFERENCE)) if (Object.prototype.hasOwnProperty.call(config.locals, m[1])) visit(config.locals[m[1]], depth + 1);
      const ref = resolver.resolve(text);
      if (ref.kind === "ref" && ref.resource && ref.resource !== resource) visit(ref.resource.values.name, depth + 1);
    }
  };
  visit(valueAt(resource.values, attribute), 0);
  return [...found].sort();
}
