// The vendored provider schema (terraform providers schema -json shape): every type of provider
// v1.84.1 (provider-schema.json: 143 resources, 114 data sources, from the provider's generated
// docs checked against its Go schema), plus the types confirmed added later
// (provider-schema-additions-1.86.json: genesyscloud_access_policy, v1.86.0).
import additionsJson from "./provider-schema-additions-1.86.json";
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
const additions = (additionsJson as unknown as ProviderSchemaJson).provider_schemas[PROVIDER_SOURCE];
/** The release that added each type of the additions file. */
export const ADDITIONS_VERSION = "1.86.0";

export type Mode = "managed" | "data";

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The type's schema: v1.84.1, else the later additions. */
export function resourceSchema(mode: Mode, type: string): SchemaBlock | undefined {
  const table = mode === "managed" ? provider.resource_schemas : provider.data_source_schemas;
  if (hasOwn(table, type)) return table[type].block;
  const added = mode === "managed" ? additions.resource_schemas : additions.data_source_schemas;
  return hasOwn(added, type) ? added[type].block : undefined;
}

/** The release that added a type newer than v1.84.1, for a type of the additions file. */
export function addedAfterSchema(mode: Mode, type: string): string | undefined {
  const table = mode === "managed" ? provider.resource_schemas : provider.data_source_schemas;
  if (hasOwn(table, type)) return undefined;
  const added = mode === "managed" ? additions.resource_schemas : additions.data_source_schemas;
  return hasOwn(added, type) ? ADDITIONS_VERSION : undefined;
}

/**
 * Types the provider registers that have no documentation page, so no schema here
 * (genesys/README.md): real, not checked, never "did you mean".
 */
export const TYPES_WITHOUT_SCHEMA: ReadonlySet<string> = new Set(["genesyscloud_bcp_tf_exporter", "genesyscloud_externalusers_identity"]);

export function providerSchema(): SchemaBlock {
  return provider.provider.block;
}

export function resourceTypes(mode: Mode): string[] {
  const own = Object.keys(mode === "managed" ? provider.resource_schemas : provider.data_source_schemas);
  const added = Object.keys(mode === "managed" ? additions.resource_schemas : additions.data_source_schemas);
  return [...own, ...added].sort();
}

/** Types of the provider this project audits: names starting with `genesyscloud_`. */
export function isGenesysType(type: string): boolean {
  return type.startsWith("genesyscloud_");
}
