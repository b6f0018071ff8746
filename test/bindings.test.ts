// The generated provider bindings (.gen/providers/genesyscloud, from scripts/generate-bindings.js)
// and the vendored schema (genesys/provider-schema.json) agree: same schema digest, one class per
// resource and data source type, and every attribute and block of the schema accepted by the
// generated config and synthesized under its Terraform name.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { TerraformDataSource, TerraformProvider, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import * as genesyscloud from "../.gen/providers/genesyscloud";
import { GenesyscloudProvider } from "../.gen/providers/genesyscloud/provider";
import { REPO_ROOT, TfJson, synthJson } from "./helpers";

// ---------------------------------------------------------------------------------------------
// The schema, in the shape `terraform providers schema -json` prints

type AttributeType = "string" | "number" | "bool" | [collection: "list" | "set" | "map", element: string];

interface SchemaAttribute {
  type: AttributeType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}

interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, { nesting_mode: string; min_items?: number; max_items?: number; block: SchemaBlock }>;
}

const SCHEMA_FILE = path.join(REPO_ROOT, "genesys", "provider-schema.json");
const BINDINGS_DIR = path.join(REPO_ROOT, ".gen", "providers", "genesyscloud");
const schemaText = fs.readFileSync(SCHEMA_FILE, "utf8");
const provider: {
  provider: { block: SchemaBlock };
  resource_schemas: Record<string, { block: SchemaBlock }>;
  data_source_schemas: Record<string, { block: SchemaBlock }>;
} = JSON.parse(schemaText).provider_schemas["registry.terraform.io/mypurecloud/genesyscloud"];
// Bindings are generated for the types the app declares (scripts/generate-bindings.js BINDING_TYPES), not for all 257.
const { BINDING_TYPES } = require("../scripts/generate-bindings.js") as { BINDING_TYPES: { resource_schemas: string[]; data_source_schemas: string[] } };
const resourceTypes = [...BINDING_TYPES.resource_schemas].sort();
const dataSourceTypes = [...BINDING_TYPES.data_source_schemas].sort();

// ---------------------------------------------------------------------------------------------
// The generated classes

type BindingClass = (new (scope: Construct, id: string, config: Record<string, unknown>) => Construct) & { tfResourceType: string };

const classes: BindingClass[] = Object.values(genesyscloud)
  .flatMap((module) => Object.values(module as Record<string, unknown>))
  .filter((v): v is BindingClass => typeof v === "function" && Object.prototype.hasOwnProperty.call(v, "tfResourceType"));
const isA = (base: abstract new (...args: never[]) => unknown) => (cls: BindingClass) => cls.prototype instanceof base;
const resourceClasses = classes.filter(isA(TerraformResource));
const dataSourceClasses = classes.filter(isA(TerraformDataSource));
const providerClasses = classes.filter(isA(TerraformProvider));

function onlyClass(candidates: BindingClass[], type: string): BindingClass {
  const found = candidates.filter((c) => c.tfResourceType === type);
  expect(found.map((c) => c.tfResourceType)).toEqual([type]);
  return found[0];
}

// ---------------------------------------------------------------------------------------------
// Sample configurations built from the schema

/** The property name cdktf generates for a Terraform name: snake_case to camelCase. */
function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function sampleValue(type: AttributeType, name: string): unknown {
  if (type === "string") return `${name}-value`;
  if (type === "number") return 7;
  if (type === "bool") return true;
  const [collection, element] = type;
  const item = sampleValue(element as AttributeType, name);
  return collection === "map" ? { key: item } : [item];
}

const settable = (a: SchemaAttribute) => a.required || a.optional;

interface Sample {
  /** The generated config (camelCase). */
  config: Record<string, unknown>;
  /** The Terraform JSON it must synthesize to (snake_case). */
  expected: Record<string, unknown>;
}

/** A config setting every settable attribute and every nested block of a schema block. */
function fullSample(block: SchemaBlock): Sample {
  const sample: Sample = { config: {}, expected: {} };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (!settable(attribute)) continue;
    const value = sampleValue(attribute.type, name);
    sample.config[camelCase(name)] = value;
    sample.expected[name] = value;
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const inner = fullSample(nested.block);
    // cdktf types a block of at most one item as an object, any other block as a list.
    const single = nested.max_items === 1;
    sample.config[camelCase(name)] = single ? inner.config : [inner.config];
    sample.expected[name] = single ? inner.expected : [inner.expected];
  }
  return sample;
}

/** A config setting only the required attributes. */
function requiredSample(block: SchemaBlock): Sample {
  const sample: Sample = { config: {}, expected: {} };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (!attribute.required) continue;
    const value = sampleValue(attribute.type, name);
    sample.config[camelCase(name)] = value;
    sample.expected[name] = value;
  }
  return sample;
}

function synthOne(cls: BindingClass, config: Record<string, unknown>): TfJson {
  return synthJson((scope) => {
    new cls(scope, "subject", config);
  });
}

const primitiveOnly = (block: SchemaBlock) => Object.values(block.attributes ?? {}).every((a) => typeof a.type === "string");

// ---------------------------------------------------------------------------------------------

describe("generated bindings", () => {
  it("were generated from the vendored schema (schema.sha256)", () => {
    const digest = crypto.createHash("sha256").update(schemaText).digest("hex");
    expect(fs.readFileSync(path.join(BINDINGS_DIR, "schema.sha256"), "utf8").trim()).toBe(digest);
  });

  it("hold exactly one provider class, genesyscloud", () => {
    expect(providerClasses).toEqual([GenesyscloudProvider]);
    expect(GenesyscloudProvider.tfResourceType).toBe("genesyscloud");
  });

  it("hold a class for every resource and data source type of the schema, and no other", () => {
    expect(resourceClasses.map((c) => c.tfResourceType).sort()).toEqual(resourceTypes);
    expect(dataSourceClasses.map((c) => c.tfResourceType).sort()).toEqual(dataSourceTypes);
  });

  describe.each(resourceTypes)("resource %s", (type) => {
    const block = provider.resource_schemas[type].block;

    it("accepts every attribute and block of the schema and synthesizes it under its Terraform name", () => {
      const { config, expected } = fullSample(block);
      expect(synthOne(onlyClass(resourceClasses, type), config).resource[type].subject).toEqual(expected);
    });

    if (primitiveOnly(block)) {
      it("synthesizes exactly the required attributes when only they are set", () => {
        const { config, expected } = requiredSample(block);
        const synthesized = synthOne(onlyClass(resourceClasses, type), config).resource[type].subject;
        expect(Object.keys(synthesized).sort()).toEqual(Object.keys(expected).sort());
        expect(synthesized).toEqual(expected);
      });
    }
  });

  describe.each(dataSourceTypes)("data source %s", (type) => {
    it("accepts every attribute and block of the schema and synthesizes it under its Terraform name", () => {
      const { config, expected } = fullSample(provider.data_source_schemas[type].block);
      expect(synthOne(onlyClass(dataSourceClasses, type), config).data[type].subject).toEqual(expected);
    });
  });

  it("accept every provider argument and synthesize it under its Terraform name", () => {
    const { config, expected } = fullSample(provider.provider.block);
    expect(synthOne(GenesyscloudProvider as unknown as BindingClass, config).provider.genesyscloud).toEqual([expected]);
  });

  it("require the provider from mypurecloud/genesyscloud, version ~> 1.84", () => {
    const json = synthJson((scope) => {
      new GenesyscloudProvider(scope, "genesyscloud", { awsRegion: "us-east-1" });
    });
    expect(json.terraform.required_providers).toEqual({ genesyscloud: { source: "mypurecloud/genesyscloud", version: "~> 1.84" } });
  });
});
