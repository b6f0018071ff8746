// Brings resource bodies from any input into one shape: nested blocks the provider schema
// declares become arrays of objects (Terraform JSON allows an object or an array; HCL-to-JSON
// gives arrays; cdktf writes objects for single blocks). Unknown keys are kept as written so
// that the schema rule can report them. Copy-on-write: a body already in that shape is returned
// as it is (the audit never mutates values), so large inputs are not copied twice. Terraform
// JSON's "//" comment key (cdktf's metadata) is kept too: Terraform ignores it and so does every
// walk over keys (the schema rule), while copying each cdktf body only to drop it was a tenth of
// reading a large stack.
import { SchemaBlock, resourceSchema } from "../../genesys/provider";
import type { Mode } from "../../model/terraform";

type Normalize = (body: unknown) => Record<string, unknown>;

const byType: Record<Mode, Map<string, Normalize>> = { managed: new Map(), data: new Map() };

export function normalizeBody(mode: Mode, type: string, body: unknown): Record<string, unknown> {
  let normalize = byType[mode].get(type);
  if (!normalize) {
    const schema = resourceSchema(mode, type);
    if (!schema) return asObject(body); // not cached: the types outside the schema are the input's, unbounded
    byType[mode].set(type, (normalize = normalizerFor(schema)));
  }
  return normalize(body);
}

export function normalizeBlock(schema: SchemaBlock | undefined, body: unknown): Record<string, unknown> {
  return normalizerFor(schema)(body);
}

const compiled = new WeakMap<SchemaBlock, Normalize>();
const asObject: Normalize = (body) => (isPlainObject(body) ? body : {});

/**
 * One function per schema block, compiled once: it looks up only the keys the schema declares as
 * nested blocks (most types have a few, many none) instead of walking every key of every body.
 * The generated source names only block keys of the vendored provider schema, each written with
 * JSON.stringify. Semantics, per block key whose value is set and not a string (a template):
 * an array has each item normalized (a new array only when an item changed), anything else
 * becomes a one-item array; an item that is not an object becomes {} (the schema rule then
 * reports what it lacks). The body is copied (key order kept) only when a block changed; the copy is a spread, so a JSON
 * "__proto__" key stays an own key (as Terraform sees it) rather than becoming the copy's prototype.
 */
function normalizerFor(schema: SchemaBlock | undefined): Normalize {
  if (!schema) return asObject;
  let fn = compiled.get(schema);
  if (!fn) {
    const functions: string[] = [];
    const names = new Map<SchemaBlock, string>();
    const emit = (block: SchemaBlock): string => {
      const known = names.get(block);
      if (known) return known;
      const name = `normalize${names.size}`;
      names.set(block, name);
      const lines = [`function ${name}(b) {`, '  if (typeof b !== "object" || b === null || Array.isArray(b)) return {};', "  let out, v, n;"];
      for (const [key, blockType] of Object.entries(block.block_types ?? {})) {
        const k = JSON.stringify(key);
        const item = emit(blockType.block);
        lines.push(
          `  v = b[${k}];`,
          '  if (v !== undefined && v !== null && typeof v !== "string") {',
          `    if (Array.isArray(v)) { n = undefined; for (let i = 0; i < v.length; i++) { const x = ${item}(v[i]); if (x !== v[i] && n === undefined) n = v.slice(0, i); if (n !== undefined) n.push(x); } if (n !== undefined) (out ??= { ...b })[${k}] = n; }`,
          `    else (out ??= { ...b })[${k}] = [${item}(v)];`,
          "  }",
        );
      }
      lines.push("  return out ?? b;", "}");
      functions.push(lines.join("\n"));
      return name;
    };
    const root = emit(schema);
    fn = new Function(`"use strict";\n${functions.join("\n")}\nreturn ${root};`)() as Normalize;
    compiled.set(schema, fn);
  }
  return fn;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
