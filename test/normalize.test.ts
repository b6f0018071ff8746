// The compiled normalizer (readers/terraform/normalize.ts) against the plain walk it replaced, written out
// here as the specification: same values, same key order, and the input returned as it is when
// nothing changes (copy-on-write).
import * as fs from "fs";
import { generateConfig } from "../bench/generate";
import { Rng } from "../bench/prng";
import { normalizeBody } from "../readers/terraform/normalize";
import { validateAgainstSchema } from "../analyses/schema-validation";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { resourceSchema, type SchemaBlock } from "../genesys/provider";
import { fixtureTfJsonFiles, mutate } from "./corpus";

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function reference(schema: SchemaBlock | undefined, body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) return {};
  const out: Record<string, unknown> = {};
  let changed = false;
  for (const key of Object.keys(body)) {
    const value = body[key];
    const blockType = schema?.block_types && Object.prototype.hasOwnProperty.call(schema.block_types, key) ? schema.block_types[key] : undefined;
    let next = value;
    if (blockType && value !== null && value !== undefined && typeof value !== "string") {
      const items = Array.isArray(value) ? value.map((v) => reference(blockType.block, v)) : [reference(blockType.block, value)];
      next = Array.isArray(value) && items.every((x, i) => x === value[i]) ? value : items;
    }
    if (next !== value) changed = true;
    // An own property even for "__proto__" (JSON.parse makes it one; Terraform sees an attribute).
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return changed ? out : body;
}

function bodies(): { mode: "managed" | "data"; type: string; body: unknown }[] {
  const out: { mode: "managed" | "data"; type: string; body: unknown }[] = [];
  const collect = (doc: Record<string, Record<string, Record<string, unknown>>> | undefined, mode: "managed" | "data") => {
    for (const [type, byName] of Object.entries(doc ?? {}))
      for (const body of Object.values(byName ?? {})) out.push({ mode, type, body: Array.isArray(body) ? body[0] : body });
  };
  const files = fixtureTfJsonFiles();
  for (const text of [...files.map((f) => fs.readFileSync(f, "utf8")), generateConfig(1000).text]) {
    const doc = JSON.parse(text);
    collect(doc.resource, "managed");
    collect(doc.data, "data");
  }
  return out;
}

it("normalizes every fixture body and 6,000 mutated ones exactly as the plain walk does", () => {
  const rng = new Rng(7);
  const all = bodies();
  const cases = [...all, ...Array.from({ length: 6 }, () => all.map((b) => ({ ...b, body: mutate(b.body, rng) }))).flat()];
  expect(cases.length).toBeGreaterThan(6000);
  let copied = 0;
  for (const { mode, type, body } of cases) {
    const expected = reference(resourceSchema(mode, type), body);
    const actual = normalizeBody(mode, type, body);
    expect(actual).toEqual(expected);
    expect(isPlainObject(actual) ? Object.keys(actual) : []).toEqual(Object.keys(expected));
    expect(actual === body).toBe(expected === body);
    if (actual !== body) copied++;
  }
  expect(copied).toBeGreaterThan(100); // the cases do exercise the copying side
});

it('keeps a JSON "__proto__" key an own key when a body is copied, so the schema rule names it', () => {
  const text =
    '{"resource":{"genesyscloud_auth_role":{"r":{"name":"r","permission_policies":{"domain":"recording","entity_name":"recording","action_set":["view"]},"__proto__":{"bogus":1}}}}}';
  const config = readTerraformJson(JSON.parse(text), "proto.tf.json");
  expect(Object.keys(config.resources[0].values)).toEqual(["name", "permission_policies", "__proto__"]);
  expect(validateAgainstSchema(config)).toEqual([{ address: "genesyscloud_auth_role.r", path: "__proto__", problem: "unknown attribute or block" }]);
});
