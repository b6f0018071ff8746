// Brings resource bodies from any input into one shape: nested blocks the provider schema
// declares become arrays of objects (Terraform JSON allows an object or an array; HCL-to-JSON
// gives arrays; cdktf writes objects for single blocks). Unknown keys are kept as written so
// that the schema rule can report them. Copy-on-write: a body already in that shape is returned
// as it is (the audit never mutates values), so large inputs are not copied twice. Terraform
// JSON's "//" comment key (cdktf's metadata) is kept too: Terraform ignores it and so does every
// walk over keys (the schema rule), while copying each cdktf body only to drop it was a tenth of
// reading a large stack.
import { SchemaBlock, resourceSchema } from "./provider-schema";
import type { Mode } from "../policy/model";

export function normalizeBody(mode: Mode, type: string, body: unknown): Record<string, unknown> {
  const schema = resourceSchema(mode, type);
  return normalizeBlock(schema, body);
}

export function normalizeBlock(schema: SchemaBlock | undefined, body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) return {};
  const blockTypes = schema?.block_types;
  let out: Record<string, unknown> | undefined;
  for (const key in body) {
    const value = body[key];
    let next = value;
    const blockType = blockTypes !== undefined && Object.prototype.hasOwnProperty.call(blockTypes, key) ? blockTypes[key] : undefined;
    if (blockType && value !== null && value !== undefined && typeof value !== "string") {
      if (Array.isArray(value)) {
        let items: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const n = normalizeBlock(blockType.block, value[i]);
          if (n !== value[i] && !items) items = value.slice(0, i);
          if (items) items.push(n);
        }
        if (items) next = items;
      } else next = [normalizeBlock(blockType.block, value)];
    }
    if (next !== value && !out) out = copyBefore(body, key);
    if (out) out[key] = next;
  }
  return out ?? body;
}

function copyBefore(body: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in body) {
    if (k === stop) break;
    out[k] = body[k];
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
