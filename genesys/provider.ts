// The vendored provider schema (terraform providers schema -json shape, provider v1.84.1).
import schemaJson from "./provider-schema.json";

export interface SchemaAttribute {
  type: unknown;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  description?: string;
}

export interface SchemaBlockType {
  nesting_mode: "single" | "list" | "set" | "map" | "group";
  min_items?: number;
  max_items?: number;
  block: SchemaBlock;
}

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaBlockType>;
}

interface ProviderSchemaJson {
  provider_schemas: Record<
    string,
    { provider: { block: SchemaBlock }; resource_schemas: Record<string, { block: SchemaBlock }>; data_source_schemas: Record<string, { block: SchemaBlock }> }
  >;
}

export const PROVIDER_SOURCE = "registry.terraform.io/mypurecloud/genesyscloud";
export const PROVIDER_VERSION = "1.84.1";

const provider = (schemaJson as unknown as ProviderSchemaJson).provider_schemas[PROVIDER_SOURCE];

export type Mode = "managed" | "data";

export function resourceSchema(mode: Mode, type: string): SchemaBlock | undefined {
  const table = mode === "managed" ? provider.resource_schemas : provider.data_source_schemas;
  return Object.prototype.hasOwnProperty.call(table, type) ? table[type].block : undefined;
}

export function providerSchema(): SchemaBlock {
  return provider.provider.block;
}

export function resourceTypes(mode: Mode): string[] {
  return Object.keys(mode === "managed" ? provider.resource_schemas : provider.data_source_schemas).sort();
}

/** Types of the provider this project audits: names starting with `genesyscloud_`. */
export function isGenesysType(type: string): boolean {
  return type.startsWith("genesyscloud_");
}
