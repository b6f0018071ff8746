// Brings resource bodies from any input into one shape: nested blocks the provider schema
// declares become arrays of objects (Terraform JSON allows an object or an array; HCL-to-JSON
// gives arrays; cdktf writes objects for single blocks). Unknown keys are kept as written so
// that the schema rule can report them.
import { SchemaBlock, resourceSchema } from "./provider-schema";
import type { Mode } from "../policy/model";

export function normalizeBody(mode: Mode, type: string, body: unknown): Record<string, unknown> {
  const schema = resourceSchema(mode, type);
  return normalizeBlock(schema, body);
}

export function normalizeBlock(schema: SchemaBlock | undefined, body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue; // cdktf metadata
    const blockType = schema?.block_types?.[key];
    if (blockType && value !== null && value !== undefined && typeof value !== "string") {
      const items = Array.isArray(value) ? value : [value];
      out[key] = items.map((item) => normalizeBlock(blockType.block, item));
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
