// The compiled "certainly valid" check (terraform/schema-accept.ts) may only ever skip the walk
// for bodies the walk would find nothing in. These tests compare the schema findings with and
// without it on every fixture and on thousands of seeded mutations of realistic bodies.
import * as fs from "fs";
import * as path from "path";
import { generateConfig } from "../bench/generate";
import { Rng } from "../bench/prng";
import type { TfConfiguration, TfResource } from "../policy/model";
import { resourceSchema } from "../terraform/provider-schema";
import { acceptFor } from "../terraform/schema-accept";
import { validateAgainstSchema } from "../terraform/schema-validation";
import { readTerraformJson } from "../terraform/tf-json";

function tfJsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tfJsonFiles(full) : e.name.endsWith(".tf.json") ? [full] : [];
  });
}

const RESOURCE_META = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]);
const both = (config: TfConfiguration) => [validateAgainstSchema(config), validateAgainstSchema(config, { compiled: false })];

it("gives the same schema findings as the walk on every fixture", () => {
  const files = [...tfJsonFiles("policy/rules/fixtures"), ...tfJsonFiles("test/fixtures")];
  expect(files.length).toBeGreaterThan(50);
  let problems = 0;
  for (const file of files) {
    const [compiled, walked] = both(readTerraformJson(JSON.parse(fs.readFileSync(file, "utf8")), file));
    expect({ file, problems: compiled }).toEqual({ file, problems: walked });
    problems += walked.length;
  }
  expect(problems).toBeGreaterThan(0); // the fixtures do contain schema problems (GRG012's failing side)
});

// Small edits of the kinds a hand-written configuration gets wrong, applied at any depth.
const VALUES: unknown[] = [null, 0, 12, "12", "", "x", "true", true, "${var.x}", "%{ if x }y%{ endif }", [], ["a"], [1, null], [{}], {}, { a: 1 }, { a: "b" }];

function mutate(value: unknown, rng: Rng, depth = 0): unknown {
  if (Array.isArray(value)) {
    const copy = value.map((v) => (rng.chance(0.5) ? mutate(v, rng, depth + 1) : v));
    if (rng.chance(0.15)) copy.push(copy[0] ?? {});
    if (rng.chance(0.1)) copy.pop();
    return copy;
  }
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys[rng.int(0, Math.max(0, keys.length - 1))];
    const roll = rng.next();
    if (key === undefined || roll < 0.1) copy[rng.chance(0.5) ? "unknown_key" : "dynamic"] = rng.chance(0.5) ? {} : "x";
    else if (roll < 0.3) delete copy[key];
    else if (roll < 0.6) copy[key] = VALUES[rng.int(0, VALUES.length - 1)];
    else if (depth < 4) copy[key] = mutate(copy[key], rng, depth + 1);
    if (rng.chance(0.1)) copy.count = 2;
    if (rng.chance(0.1)) copy["//"] = { metadata: { path: "x" } };
    return copy;
  }
  return VALUES[rng.int(0, VALUES.length - 1)];
}

it("gives the same schema findings as the walk on 6,000 mutated bodies", () => {
  const generated = readTerraformJson(JSON.parse(generateConfig(1000).text), "bench/cdk.tf.json");
  const rng = new Rng(20261121);
  const resources: TfResource[] = [];
  for (let round = 0; round < 6; round++) {
    for (const r of generated.resources) resources.push({ ...r, address: `${r.address}_${round}`, values: mutate(r.values, rng) as Record<string, unknown> });
  }
  const config: TfConfiguration = { resources, providers: [], variables: {} };
  const [compiled, walked] = both(config);
  expect(compiled).toEqual(walked);
  // The mutations do reach both answers of the compiled check, so the comparison means something.
  const accepted = resources.filter((r) => {
    const schema = resourceSchema(r.mode, r.type);
    return schema && acceptFor(schema, RESOURCE_META)(r.values);
  }).length;
  expect(accepted).toBeGreaterThan(resources.length * 0.1);
  expect(accepted).toBeLessThan(resources.length * 0.9);
  expect(walked.length).toBeGreaterThan(1000);
});

it("accepts the valid bodies of a synthesized-shape configuration and leaves none with problems", () => {
  const config = readTerraformJson(JSON.parse(generateConfig(1000).text), "bench/cdk.tf.json");
  expect(validateAgainstSchema(config, { compiled: false })).toEqual([]);
  const managed = config.resources.filter((r) => r.mode === "managed");
  for (const r of managed) expect({ address: r.address, accepted: acceptFor(resourceSchema("managed", r.type)!, RESOURCE_META)(r.values) }).toEqual({ address: r.address, accepted: true });
});
