// The provider's schema at every release from 1.0.0 to 1.84.1 (provider-schema-history.json,
// deduplicated by hash; format in genesys/README.md), and Terraform's version constraints over
// those releases. Loaded on first use: only a configuration that names a provider version needs it.
import * as fs from "fs";
import * as path from "path";
import { resourceSchema, type Mode, type SchemaBlock } from "./provider";

interface History {
  versions: string[];
  index: Record<string, { provider: string; resources: Record<string, string>; data_sources: Record<string, string> }>;
  provider_blocks: Record<string, { block: SchemaBlock }>;
  resource_schemas: Record<string, Record<string, { block: SchemaBlock }>>;
  data_source_schemas: Record<string, Record<string, { block: SchemaBlock }>>;
}

let history: History | undefined;
function load(): History {
  // Read, not imported: 2.5 MB that most runs never need (and that tsc would type and copy). Next
  // to this file under ts-node; from dist/genesys/ the source folder is two levels up.
  if (!history) {
    const beside = path.join(__dirname, "provider-schema-history.json");
    const file = fs.existsSync(beside) ? beside : path.resolve(__dirname, "..", "..", "genesys", "provider-schema-history.json");
    history = JSON.parse(fs.readFileSync(file, "utf8")) as History;
  }
  return history;
}

/** Every release in the data, ascending. */
export function knownVersions(): readonly string[] {
  return load().versions;
}

/** The schema hash of a type at a release (undefined: the type does not exist there). */
export function schemaHashAt(version: string, mode: Mode, type: string): string | undefined {
  const entry = load().index[version];
  const table = mode === "managed" ? entry.resources : entry.data_sources;
  return Object.prototype.hasOwnProperty.call(table, type) ? table[type] : undefined;
}

const patched = new Map<string, SchemaBlock>();

/**
 * A type's schema by hash. The history data drops every attribute named `description`; it is put
 * back wherever v1.84.1's schema of the type has it at the same place (else a release's check would
 * call every description unknown).
 */
export function schemaByHash(mode: Mode, type: string, hash: string): SchemaBlock {
  const key = `${mode}\u0000${type}\u0000${hash}`;
  let block = patched.get(key);
  if (!block) {
    const h = load();
    block = withDescriptions((mode === "managed" ? h.resource_schemas : h.data_source_schemas)[type][hash].block, resourceSchema(mode, type));
    patched.set(key, block);
  }
  return block;
}

function withDescriptions(block: SchemaBlock, reference: SchemaBlock | undefined): SchemaBlock {
  if (!reference) return block;
  const attributes = { ...block.attributes };
  if (reference.attributes?.description && !attributes.description) attributes.description = reference.attributes.description;
  const blockTypes: NonNullable<SchemaBlock["block_types"]> = {};
  for (const [name, bt] of Object.entries(block.block_types ?? {}))
    blockTypes[name] = { ...bt, block: withDescriptions(bt.block, reference.block_types?.[name]?.block) };
  return { ...block, attributes, block_types: blockTypes };
}

export function providerBlockAt(version: string): { hash: string; block: SchemaBlock } {
  const h = load();
  const hash = h.index[version].provider;
  return { hash, block: h.provider_blocks[hash].block };
}

// ---------------------------------------------------------------------------------------------
// Version constraints (https://developer.hashicorp.com/terraform/language/expressions/version-constraints)

type Version = [number, number, number];

export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** A predicate for a constraint such as `~> 1.53.0`, `>= 1.60, < 1.70`, `1.84.1`; undefined when malformed. */
export function constraintMatcher(constraint: string): ((v: Version) => boolean) | undefined {
  const parts = constraint.split(",").map((p) => p.trim());
  const tests: ((v: Version) => boolean)[] = [];
  for (const part of parts) {
    const m = /^(=|!=|>=|<=|>|<|~>)?\s*(v?\d+(?:\.\d+){0,2}(?:[-+][\w.-]*)?)$/.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? "=";
    const target = parseVersion(m[2])!;
    const segments = m[2].replace(/^v/, "").split(/[-+]/)[0].split(".").length;
    if (op === "~>") {
      // ~> 1.53.0: >= 1.53.0 and < 1.54.0; ~> 1.53: >= 1.53 and < 2.0; ~> 1: >= 1.0 and < 2.0.
      const upper: Version = segments >= 3 ? [target[0], target[1] + 1, 0] : [target[0] + 1, 0, 0];
      tests.push((v) => compareVersions(v, target) >= 0 && compareVersions(v, upper) < 0);
      continue;
    }
    const cmp = (v: Version) => compareVersions(v, target);
    tests.push(
      op === "="
        ? (v) => cmp(v) === 0
        : op === "!="
          ? (v) => cmp(v) !== 0
          : op === ">"
            ? (v) => cmp(v) > 0
            : op === ">="
              ? (v) => cmp(v) >= 0
              : op === "<"
                ? (v) => cmp(v) < 0
                : (v) => cmp(v) <= 0,
    );
  }
  return (v) => tests.every((t) => t(v));
}

/** "1.53.0–1.53.2, 1.60.0": versions as ranges of consecutive known releases. */
export function describeVersions(versions: readonly string[]): string {
  const all = knownVersions();
  const positions = versions.map((v) => all.indexOf(v)).sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < positions.length; i++) {
    let j = i;
    while (j + 1 < positions.length && positions[j + 1] === positions[j] + 1) j++;
    ranges.push(i === j ? `v${all[positions[i]]}` : `v${all[positions[i]]}–${all[positions[j]]}`);
    i = j;
  }
  return ranges.join(", ");
}
