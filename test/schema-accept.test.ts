// The compiled "certainly valid" check (analyses/schema-accept.ts) may only ever skip the walk
// for bodies the walk would find nothing in. These tests compare the schema findings with and
// without it on every fixture and on thousands of seeded mutations of realistic bodies.
import * as fs from "fs";
import { generateConfig } from "../bench/generate";
import { Rng } from "../bench/prng";
import { fixtureTfJsonFiles, mutate } from "./corpus";
import type { TfConfiguration, TfResource } from "../model/terraform";
import { resourceSchema } from "../genesys/provider";
import { acceptFor } from "../analyses/schema-accept";
import { RESOURCE_META, validateAgainstSchema } from "../analyses/schema-validation";
import { readTerraformJson } from "../readers/terraform/tf-json";

const both = (config: TfConfiguration) => [validateAgainstSchema(config), validateAgainstSchema(config, { compiled: false })];

it("gives the same schema findings as the walk on every fixture", () => {
  const files = fixtureTfJsonFiles();
  expect(files.length).toBeGreaterThan(50);
  let problems = 0;
  for (const file of files) {
    const [compiled, walked] = both(readTerraformJson(JSON.parse(fs.readFileSync(file, "utf8")), file));
    expect({ file, problems: compiled }).toEqual({ file, problems: walked });
    problems += walked.length;
  }
  expect(problems).toBeGreaterThan(0); // the fixtures do contain schema problems (GRG012's failing side)
});

it("gives the same schema findings as the walk on 6,000 mutated bodies", () => {
  const generated = readTerraformJson(JSON.parse(generateConfig(1000).text), "bench/cdk.tf.json");
  const rng = new Rng(20261121);
  const resources: TfResource[] = [];
  for (let round = 0; round < 6; round++) {
    for (const r of generated.resources) resources.push({ ...r, address: `${r.address}_${round}`, values: mutate(r.values, rng) as Record<string, unknown> });
  }
  const config: TfConfiguration = { resources, providers: [], variables: {}, locals: {}, moduleCalls: [] };
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
  for (const r of managed)
    expect({ address: r.address, accepted: acceptFor(resourceSchema("managed", r.type)!, RESOURCE_META)(r.values) }).toEqual({
      address: r.address,
      accepted: true,
    });
});
