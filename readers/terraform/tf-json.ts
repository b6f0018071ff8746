// Terraform JSON configuration (`*.tf.json`, cdktf's `cdk.tf.json`) -> TfConfiguration.
// Terraform JSON allows each level to be an object or an array of objects; both are read.
import type { Mode, TfConfiguration, TfResource } from "../../model/terraform";
import { emptyConfiguration } from "../../model/terraform";
import { InputError } from "../../model/input-error";
import { isPlainObject, normalizeBlock, normalizeBody } from "./normalize";
import { providerSchema } from "../../genesys/provider";
import { foldJsonencode } from "../hcl-native/evaluate";

/**
 * Whether a parsed JSON document looks like Terraform JSON: one of Terraform's top-level block
 * keys holding an object or an array (of blocks). A key alone is not enough: a package.json may
 * have "module": "index.mjs".
 */
export function isTerraformJson(doc: unknown): boolean {
  if (!isPlainObject(doc)) return false;
  return ["resource", "data", "provider", "terraform", "variable", "output", "module", "locals"].some((k) => {
    const v = doc[k];
    return typeof v === "object" && v !== null;
  });
}

/** Module block arguments that are Terraform's, not the module's variables. */
const MODULE_META = new Set(["source", "version", "count", "for_each", "providers", "depends_on", "//"]);

export function readTerraformJson(doc: unknown, file: string): TfConfiguration {
  if (!isPlainObject(doc)) throw new InputError(file, undefined, "expected a JSON object with Terraform blocks (resource, data, provider, ...)");
  foldJsonencodeStrings(doc);
  const config = emptyConfiguration();
  collectResources(doc.resource, "managed", file, config.resources);
  collectResources(doc.data, "data", file, config.resources);
  for (const providers of asObjects(doc.provider, file, "provider")) {
    for (const [name, bodies] of Object.entries(providers)) {
      for (const body of asArray(bodies)) config.providers.push({ name, values: normalizeBlock(providerSchema(), body), location: { file } });
    }
  }
  for (const variables of asObjects(doc.variable, file, "variable")) {
    for (const [name, body] of Object.entries(variables)) {
      const first = asArray(body)[0];
      (config.declaredVariables ??= new Set()).add(name);
      if (isPlainObject(first) && "default" in first) config.variables[name] = first.default;
    }
  }
  for (const modules of asObjects(doc.module, file, "module")) {
    for (const name in modules) {
      if (!hasOwn(modules, name)) continue;
      const body = asArray(modules[name])[0];
      const args: Record<string, unknown> = Object.create(null);
      if (isPlainObject(body)) for (const k of Object.keys(body)) if (!MODULE_META.has(k)) args[k] = body[k];
      config.moduleCalls.push({
        name,
        source: isPlainObject(body) ? body.source : undefined,
        location: { file },
        arguments: args,
        repeated: isPlainObject(body) && (body.count !== undefined || body.for_each !== undefined),
      });
    }
  }
  for (const locals of asObjects(doc.locals, file, "locals")) {
    for (const name in locals) if (hasOwn(locals, name)) config.locals[name] = locals[name];
  }
  const constraint = providerConstraint(doc, config);
  if (constraint !== undefined) config.providerRequirement = { constraint, constraintFile: file };
  return config;
}

/**
 * Every string that is exactly "${jsonencode(<literal>)}" replaced, in place, by the JSON text
 * Terraform would make of it (readers/hcl-native/evaluate.ts): a trunk's `properties` written
 * with jsonencode reads the same in Terraform JSON as in HCL. Object keys are left alone.
 */
function foldJsonencodeStrings(doc: Record<string, unknown>): void {
  const folded = new Map<string, string | undefined>();
  const fold = (s: string): string => {
    if (!s.includes("jsonencode(")) return s;
    let out = folded.get(s);
    if (out === undefined && !folded.has(s)) folded.set(s, (out = foldJsonencode(s)));
    return out ?? s;
  };
  // One pass over every value, writing back only what changed, and without an array of keys per
  // object: this walk meets every value of the configuration (about 9 ms at 10k resources before).
  const visit = (value: object): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === "string") {
          if (v.charCodeAt(0) === 36) {
            const f = fold(v);
            if (f !== v) value[i] = f;
          }
        } else if (typeof v === "object" && v !== null) visit(v);
      }
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!hasOwn(record, key) || key === "//") continue;
      const v = record[key];
      if (typeof v === "string") {
        if (v.charCodeAt(0) === 36) {
          const f = fold(v);
          if (f !== v) record[key] = f;
        }
      } else if (typeof v === "object" && v !== null) visit(v);
    }
  };
  visit(doc);
}

/**
 * The genesyscloud version constraint: `terraform { required_providers { genesyscloud = { version
 * = "..." } } }` (or the old `genesyscloud = "..."`), else a provider block's `version` argument.
 * In Terraform JSON and in hcl2json's output blocks may be objects or lists of objects.
 */
function providerConstraint(doc: Record<string, unknown>, config: TfConfiguration): string | undefined {
  const objects = (v: unknown) => asArray(v).filter(isPlainObject);
  for (const terraform of objects(doc.terraform)) {
    for (const required of objects(terraform.required_providers)) {
      if (!hasOwn(required, "genesyscloud")) continue;
      const entry = asArray(required.genesyscloud)[0];
      if (typeof entry === "string") return entry;
      if (isPlainObject(entry) && typeof entry.version === "string") return entry.version;
    }
  }
  const block = config.providers.find((p) => p.name === "genesyscloud" && typeof p.values.version === "string");
  return block ? (block.values.version as string) : undefined;
}

function collectResources(section: unknown, mode: Mode, file: string, out: TfResource[]): void {
  const field = mode === "managed" ? "resource" : "data";
  // for...in over the parsed objects rather than Object.entries, and the first body taken
  // without wrapping it in an array: no [key, value] pair or array per resource (10k+ per audit).
  for (const byType of asObjects(section, file, field)) {
    for (const type in byType) {
      if (!hasOwn(byType, type)) continue;
      for (const names of asObjects(byType[type], file, `${field}.${type}`)) {
        for (const name in names) {
          if (!hasOwn(names, name)) continue;
          const bodies = names[name];
          // Terraform JSON allows one block as an array of one; a second is the same address again.
          if (Array.isArray(bodies) && bodies.length > 1) {
            throw new InputError(
              file,
              `${field}.${type}.${name}`,
              `declared ${bodies.length} times: Terraform refuses a second block with the same address ("Duplicate ${mode === "data" ? "data " : ""}resource configuration")`,
            );
          }
          const body = Array.isArray(bodies) ? bodies[0] : bodies;
          if (!isPlainObject(body)) throw new InputError(file, `${field}.${type}.${name}`, "expected an object");
          const meta = body["//"];
          const constructPath = isPlainObject(meta) && isPlainObject(meta.metadata) && typeof meta.metadata.path === "string" ? meta.metadata.path : undefined;
          out.push({
            address: mode === "managed" ? `${type}.${name}` : `data.${type}.${name}`,
            mode,
            type,
            name,
            values: normalizeBody(mode, type, body),
            location: constructPath ? { file, constructPath } : { file },
          });
        }
      }
    }
  }
}

function asObjects(value: unknown, file: string, field: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) if (!isPlainObject(item)) throw new InputError(file, field, "expected an object or an array of objects");
  return items as Record<string, unknown>[];
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
