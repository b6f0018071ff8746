// Resolves attribute values that may be Terraform references. Supported: literal strings,
// `${type.name.attr}` and `${data.type.name.attr}` interpolations (whole-string), and
// `${var.x}` when the variable has a default. Anything else is unknown: rules report it as
// such instead of passing it silently.
import type { TfConfiguration, TfResource } from "../model/terraform";
import { showValue } from "../model/safe-text";

export type Resolved =
  | { kind: "literal"; value: string }
  | { kind: "ref"; address: string; attribute: string; resource: TfResource | undefined }
  | { kind: "unknown"; text: string };

const WHOLE_REFERENCE = /^\$\{\s*((?:module\.[A-Za-z0-9_-]+(?:\[(?:\d+|"[^"\\]*")\])?\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\s*\}$/;
const VARIABLE = /^\$\{\s*var\.([A-Za-z0-9_-]+)\s*\}$/;
const LOCAL = /^\$\{\s*local\.([A-Za-z0-9_-]+)\s*\}$/;
/** `${type.name[KEY].attr}` (count and for_each instances), also under data. and module paths. */
const INDEXED_REFERENCE = /^\$\{\s*((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\[([^\]]+)\]\.([A-Za-z0-9_]+)\s*\}$/;
/** `var.x[0]`, `local.x["a"]`, `module.m["a"]`, `each.value[0]`: indexed, but not a resource. */
const NOT_A_RESOURCE = /^(?:(?:var|local|each|count|self|path|terraform)\.|module\.[A-Za-z0-9_-]+$)/;
/** Instance keys Terraform writes in addresses: a number or a quoted string. */
const INSTANCE_KEY = /^\s*(\d+|"[^"\\]*")\s*$/;

export class ReferenceResolver {
  private readonly byAddress = new Map<string, TfResource>();
  /** Results per string: the same references recur across resources. */
  private readonly resolved = new Map<string, Resolved>();

  constructor(private readonly config: TfConfiguration) {
    for (const r of config.resources) this.byAddress.set(r.address, r);
  }

  resource(address: string): TfResource | undefined {
    return this.byAddress.get(address);
  }

  /** Where the value of a whole `${var.x}` came from, when not its default: a .tfvars file, TF_VAR_x, --var. */
  variableSource(value: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    const variable = VARIABLE.exec(value);
    const sources = this.config.variableSources;
    return variable && sources && Object.prototype.hasOwnProperty.call(sources, variable[1]) ? `var.${variable[1]} from ${sources[variable[1]]}` : undefined;
  }

  /** A number written literally, as a numeric string, or through a variable with a numeric default. */
  resolveNumber(value: unknown): { kind: "number"; value: number } | { kind: "unknown"; text: string } {
    if (typeof value === "number") return { kind: "number", value };
    if (typeof value === "string") {
      const variable = VARIABLE.exec(value);
      const local = variable ? undefined : LOCAL.exec(value);
      const raw = variable ? this.config.variables[variable[1]] : local ? this.localValue(local[1]) : value.includes("${") ? undefined : value;
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
      if (Number.isFinite(n)) return { kind: "number", value: n };
    }
    return { kind: "unknown", text: value === undefined ? "(unset)" : showValue(value) };
  }

  resolve(value: unknown): Resolved {
    if (typeof value !== "string") return { kind: "unknown", text: value === undefined ? "(unset)" : JSON.stringify(value) };
    if (!value.includes("${")) return { kind: "literal", value };
    let r = this.resolved.get(value);
    if (!r) this.resolved.set(value, (r = this.resolveTemplate(value)));
    return r;
  }

  private resolveTemplate(value: string): Resolved {
    // Most templates are `${type.name.attr}` or `${data.type.name.attr}`, written without spaces:
    // read those with one scan. The regular expressions decide everything else.
    const split = simpleReferenceSplit(value);
    if (split > 0) {
      const address = value.slice(2, split);
      return { kind: "ref", address, attribute: value.slice(split + 1, -1), resource: this.byAddress.get(address) };
    }
    const variable = VARIABLE.exec(value);
    if (variable) {
      const v = this.config.variables[variable[1]];
      return typeof v === "string" && !v.includes("${") ? { kind: "literal", value: v } : { kind: "unknown", text: value };
    }
    const local = LOCAL.exec(value);
    if (local) {
      const v = this.localValue(local[1]);
      return typeof v === "string" && !v.includes("${") ? { kind: "literal", value: v } : { kind: "unknown", text: value };
    }
    const indexed = INDEXED_REFERENCE.exec(value);
    if (indexed && !NOT_A_RESOURCE.test(indexed[1])) {
      // Plan JSON has one resource per instance (`r[0]`, `r["a"]`); a configuration has the block
      // (`r`), which every instance shares. An expression key (count.index, each.key) names some
      // instance of the block.
      const [, base, key, attribute] = indexed;
      const instance = INSTANCE_KEY.test(key) ? this.byAddress.get(`${base}[${key.trim()}]`) : undefined;
      const resource = instance ?? this.byAddress.get(base);
      return { kind: "ref", address: resource?.address ?? `${base}[${key.trim()}]`, attribute, resource };
    }
    const ref = WHOLE_REFERENCE.exec(value);
    if (!ref || ref[1].startsWith("var.") || ref[1].startsWith("local.")) return { kind: "unknown", text: value };
    return { kind: "ref", address: ref[1], attribute: ref[2], resource: this.byAddress.get(ref[1]) };
  }

  /**
   * A local value as far as it can be known: a literal as written, or a string that is itself
   * exactly a variable or another local (followed a few steps; a cycle or anything longer stays
   * unknown). Locals built with functions or operators are not evaluated.
   */
  private localValue(name: string, depth = 0): unknown {
    const locals = this.config.locals ?? {};
    if (depth > 8 || !Object.prototype.hasOwnProperty.call(locals, name)) return undefined;
    const v = locals[name];
    if (typeof v !== "string" || !v.includes("${")) return v;
    const variable = VARIABLE.exec(v);
    if (variable) return this.config.variables[variable[1]];
    const local = LOCAL.exec(v);
    return local ? this.localValue(local[1], depth + 1) : undefined;
  }
}

/**
 * For `${a.b.c}` and `${data.a.b.c}` (no spaces, no module path; segments of letters, digits, `_`
 * and `-`, the attribute without `-`): the index of the dot before the attribute, which is where
 * WHOLE_REFERENCE would split. 0 for anything else, which is left to the regular expressions
 * (including `${var.x.y}` and `${local.x.y}`, which are not resource references).
 */
export function simpleReferenceSplit(value: string): number {
  const end = value.length - 1;
  if (end < 6 || value.charCodeAt(0) !== 36 /* $ */ || value.charCodeAt(1) !== 123 /* { */ || value.charCodeAt(end) !== 125 /* } */) return 0;
  const dots: number[] = [];
  let segmentStart = 2;
  let hyphenInLast = false;
  for (let i = 2; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c === 46 /* . */) {
      if (i === segmentStart || dots.length === 3) return 0;
      dots.push(i);
      segmentStart = i + 1;
      hyphenInLast = false;
    } else if (c === 45 /* - */) hyphenInLast = true;
    else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return 0;
  }
  if (segmentStart === end || hyphenInLast) return 0;
  const first = value.slice(2, dots[0]);
  if (first === "var" || first === "local" || first === "module") return 0;
  if (dots.length === 2) return first === "data" ? 0 : dots[1];
  if (dots.length === 3) return first === "data" ? dots[2] : 0;
  return 0;
}
