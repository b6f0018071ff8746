// A fast "certainly valid" check per provider-schema block, compiled once into a plain function
// (the technique ajv uses). Nearly every body of a real configuration is valid, and the generic
// walk in schema-validation.ts spent most of the audit's schema time asking the same questions of
// the same few block shapes: one Map lookup and one type dispatch per key. The compiled check
// answers only "valid" or "not sure": it never produces a message. When it says "not sure"
// (templates, numbers written as strings, dynamic blocks, any unknown key or wrong type), the walk
// runs and reports exactly as before, so every problem keeps its wording and path.
//
// Not ajv itself: it would need the provider schema translated to JSON Schema with Terraform's
// conversions (numbers as strings, "true"/"false", templates anywhere) and its errors mapped back
// to these messages; this check needs neither. The generated source names only keys and types
// from the vendored provider schema, each key written with JSON.stringify.
import type { SchemaBlock, SchemaBlockType } from "../genesys/provider";

export type AcceptBody = (body: Record<string, unknown>) => boolean;

/** Compiled checks per schema block and meta-argument set (the same block is compiled once per set). */
const compiled = new WeakMap<SchemaBlock, Map<ReadonlySet<string>, AcceptBody>>();

/**
 * A function that returns true only when `body` has no schema problem at all: every key is "//",
 * a meta-argument, an attribute of a fitting literal type or a well-formed nested block, and every
 * required attribute and block is present. False means "walk it".
 */
export function acceptFor(schema: SchemaBlock, meta: ReadonlySet<string>): AcceptBody {
  let byMeta = compiled.get(schema);
  if (!byMeta) compiled.set(schema, (byMeta = new Map()));
  let fn = byMeta.get(meta);
  if (!fn) byMeta.set(meta, (fn = compile(schema, meta)));
  return fn;
}

const NO_META: ReadonlySet<string> = new Set();

/** Generated source for one root block: a function per block and per list, map or nested-block check. */
class Compiler {
  private readonly functions: string[] = [];
  private readonly blockNames = new Map<SchemaBlock, string>();

  compile(root: SchemaBlock, meta: ReadonlySet<string>): AcceptBody {
    const rootName = this.block(root, meta);
    return new Function(`"use strict";\n${this.functions.join("\n")}\nreturn ${rootName};`)() as AcceptBody;
  }

  private add(prefix: string, body: (name: string) => string): string {
    const name = `${prefix}${this.functions.length}`;
    this.functions.push(""); // reserve the slot: the body may add functions of its own
    const slot = this.functions.length - 1;
    this.functions[slot] = body(name);
    return name;
  }

  /** Nested blocks take no meta-arguments, so each nested schema block is compiled once per root. */
  private block(schema: SchemaBlock, meta: ReadonlySet<string>): string {
    const known = meta === NO_META ? this.blockNames.get(schema) : undefined;
    if (known) return known;
    return this.add("block", (name) => {
      if (meta === NO_META) this.blockNames.set(schema, name);
      return this.blockSource(name, schema, meta);
    });
  }

  private blockSource(name: string, schema: SchemaBlock, meta: ReadonlySet<string>): string {
    // The walk's order of precedence: "//" and meta-arguments are skipped, "dynamic" is its own
    // syntax (left to the walk), then an attribute wins over a block of the same name.
    const cases = new Map<string, string>();
    cases.set("//", "break;");
    for (const m of meta) if (!cases.has(m)) cases.set(m, "break;");
    if (!cases.has("dynamic")) cases.set("dynamic", "return false;");
    const attributes = Object.entries(schema.attributes ?? {});
    const blockTypes = Object.entries(schema.block_types ?? {});
    for (const [key, attr] of attributes) {
      if (cases.has(key)) continue;
      const computedOnly = attr.computed && !attr.optional && !attr.required;
      cases.set(key, computedOnly ? "if (v != null) return false; break;" : `if (v != null && !(${this.fits("v", attr.type)})) return false; break;`);
    }
    for (const [key, blockType] of blockTypes) {
      if (cases.has(key)) continue;
      cases.set(key, `if (v != null && !${this.nested(blockType)}(v)) return false; break;`);
    }
    // As the walk: every required attribute and every block with min_items must be set.
    const required = [...attributes.filter(([, a]) => a.required), ...blockTypes.filter(([, b]) => (b.min_items ?? 0) > 0)].map(
      ([key]) => `  if (b[${JSON.stringify(key)}] == null) return false;`,
    );
    return [
      `function ${name}(b) {`,
      "  for (const k in b) {",
      "    const v = b[k];",
      "    switch (k) {",
      ...[...cases].map(([key, code]) => `      case ${JSON.stringify(key)}: ${code}`),
      "      default: return false;",
      "    }",
      "  }",
      ...required,
      "  return true;",
      "}",
    ].join("\n");
  }

  /** An expression true when `v` (not null) fits the Terraform type as written; anything needing a conversion or a template is left to the walk. */
  private fits(v: string, type: unknown): string {
    if (type === "string") return `typeof ${v} === "string" || typeof ${v} === "number" || typeof ${v} === "boolean"`;
    if (type === "number") return `typeof ${v} === "number"`;
    if (type === "bool") return `typeof ${v} === "boolean" || ${v} === "true" || ${v} === "false"`;
    if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) {
      const element = type[1];
      const fn = this.add("list", (name) =>
        [
          `function ${name}(a) {`,
          "  if (!Array.isArray(a)) return false;",
          "  for (let i = 0; i < a.length; i++) {",
          "    const e = a[i];",
          `    if (e !== null && !(${this.fits("e", element)})) return false;`,
          "  }",
          "  return true;",
          "}",
        ].join("\n"),
      );
      return `${fn}(${v})`;
    }
    if (Array.isArray(type) && type[0] === "map") {
      const element = type[1];
      const fn = this.add("map", (name) =>
        [
          `function ${name}(m) {`,
          '  if (typeof m !== "object" || Array.isArray(m)) return false;',
          "  for (const k in m) {",
          "    const e = m[k];",
          `    if (e !== null && !(${this.fits("e", element)})) return false;`,
          "  }",
          "  return true;",
          "}",
        ].join("\n"),
      );
      return `${fn}(${v})`;
    }
    return "true"; // object, tuple, dynamic: the walk does not check them either
  }

  /** The walk's nested-block checks: a template passes; the count within the block's limits; each item an object that passes. */
  private nested(blockType: SchemaBlockType): string {
    const item = this.block(blockType.block, NO_META);
    const max = blockType.nesting_mode === "single" || blockType.nesting_mode === "group" ? 1 : blockType.max_items;
    const min = blockType.min_items ?? 0;
    // Numbers go into the generated source: make sure they are numbers.
    if ((max !== undefined && !Number.isInteger(max)) || !Number.isInteger(min))
      throw new Error(`provider schema: max_items/min_items must be integers (${JSON.stringify({ max, min })})`);
    const limits = [max !== undefined && max > 0 ? `n > ${max}` : "", min > 0 ? `n < ${min}` : ""].filter(Boolean);
    return this.add("nested", (name) =>
      [
        `function ${name}(v) {`,
        '  if (typeof v === "string") return v.includes("${") || v.includes("%{");',
        "  const n = Array.isArray(v) ? v.length : 1;",
        ...(limits.length ? [`  if (${limits.join(" || ")}) return false;`] : []),
        `  if (!Array.isArray(v)) return typeof v === "object" && ${item}(v);`,
        "  for (let i = 0; i < n; i++) {",
        "    const x = v[i];",
        `    if (typeof x !== "object" || x === null || Array.isArray(x) || !${item}(x)) return false;`,
        "  }",
        "  return true;",
        "}",
      ].join("\n"),
    );
  }
}

function compile(root: SchemaBlock, meta: ReadonlySet<string>): AcceptBody {
  return new Compiler().compile(root, meta);
}
