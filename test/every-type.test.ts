// Every resource and data-source type of the provider (v1.84.1, 143 + 114, and the v1.86 additions)
// is known: one instance of each, built from its required attributes and blocks, gives no schema
// finding at all (no "did you mean" for a type that exists, no "cannot verify").
import { resourceSchema, resourceTypes, type Mode, type SchemaBlock } from "../genesys/provider";
import { validateAgainstSchema } from "../analyses/schema-validation";
import type { TfConfiguration } from "../model/terraform";
import { readTerraformJson } from "../readers/terraform/tf-json";

/** A value of a Terraform type: "x", 1, true, a one-element list or set, an empty map, an object of its attributes. */
function valueOf(type: unknown): unknown {
  if (type === "string") return "x";
  if (type === "number") return 1;
  if (type === "bool") return true;
  if (Array.isArray(type)) {
    const [kind, inner] = type as [string, unknown];
    if (kind === "list" || kind === "set") return [valueOf(inner)];
    if (kind === "map") return {};
    if (kind === "object") return Object.fromEntries(Object.entries(inner as Record<string, unknown>).map(([k, t]) => [k, valueOf(t)]));
  }
  return "x";
}

/** The required attributes and blocks of a schema block, filled. */
function minimalBody(block: SchemaBlock): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(block.attributes ?? {})) if (a.required) body[name] = valueOf(a.type);
  for (const [name, b] of Object.entries(block.block_types ?? {})) {
    const n = b.min_items ?? 0;
    if (n > 0) body[name] = Array.from({ length: n }, () => minimalBody(b.block));
  }
  return body;
}

function configOf(mode: Mode): { config: TfConfiguration; count: number } {
  const section: Record<string, Record<string, unknown>> = {};
  for (const type of resourceTypes(mode)) section[type] = { example: minimalBody(resourceSchema(mode, type)!) };
  const doc = mode === "managed" ? { resource: section } : { data: section };
  return { config: readTerraformJson(doc, "every-type.tf.json"), count: Object.keys(section).length };
}

describe("every provider type", () => {
  it.each([
    ["resource", "managed" as Mode, 144],
    ["data source", "data" as Mode, 115],
  ])("one instance of every %s type gives no schema finding", (_kind, mode, expected) => {
    const { config, count } = configOf(mode);
    expect(count).toBe(expected);
    // Known values (grant types, token lifetimes) are checked too; the placeholder "x" is not one.
    const problems = validateAgainstSchema(config).filter((p) => !/is not one of|is outside/.test(p.problem));
    expect(problems).toEqual([]);
  });

  it("names the two registered types without a documented schema as real (not checked, never 'did you mean')", () => {
    const config = readTerraformJson(
      { resource: { genesyscloud_bcp_tf_exporter: { b: {} }, genesyscloud_externalusers_identity: { e: { user_id: "u" } } } },
      "t.tf.json",
    );
    expect(validateAgainstSchema(config)).toEqual([]);
  });

  it("still calls a misspelt type an error with the right suggestion", () => {
    const config = readTerraformJson({ resource: { genesyscloud_routing_queu: { q: { name: "q" } } } }, "t.tf.json");
    expect(validateAgainstSchema(config).map((p) => p.suggestion)).toEqual(["did you mean genesyscloud_routing_queue?"]);
  });
});
