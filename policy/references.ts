// Resolves attribute values that may be Terraform references. Supported: literal strings,
// `${type.name.attr}` and `${data.type.name.attr}` interpolations (whole-string), and
// `${var.x}` when the variable has a default. Anything else is unknown: rules report it as
// such instead of passing it silently.
import type { TfConfiguration, TfResource } from "./model";

export type Resolved =
  | { kind: "literal"; value: string }
  | { kind: "ref"; address: string; attribute: string; resource: TfResource | undefined }
  | { kind: "unknown"; text: string };

const WHOLE_REFERENCE = /^\$\{\s*((?:module\.[A-Za-z0-9_-]+\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\s*\}$/;
const VARIABLE = /^\$\{\s*var\.([A-Za-z0-9_-]+)\s*\}$/;

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

  /** A number written literally, as a numeric string, or through a variable with a numeric default. */
  resolveNumber(value: unknown): { kind: "number"; value: number } | { kind: "unknown"; text: string } {
    if (typeof value === "number") return { kind: "number", value };
    if (typeof value === "string") {
      const variable = VARIABLE.exec(value);
      const raw = variable ? this.config.variables[variable[1]] : value.includes("${") ? undefined : value;
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
      if (Number.isFinite(n)) return { kind: "number", value: n };
    }
    return { kind: "unknown", text: value === undefined ? "(unset)" : String(value) };
  }

  resolve(value: unknown): Resolved {
    if (typeof value !== "string") return { kind: "unknown", text: value === undefined ? "(unset)" : JSON.stringify(value) };
    if (!value.includes("${")) return { kind: "literal", value };
    let r = this.resolved.get(value);
    if (!r) this.resolved.set(value, (r = this.resolveTemplate(value)));
    return r;
  }

  private resolveTemplate(value: string): Resolved {
    const variable = VARIABLE.exec(value);
    if (variable) {
      const v = this.config.variables[variable[1]];
      return typeof v === "string" && !v.includes("${") ? { kind: "literal", value: v } : { kind: "unknown", text: value };
    }
    const ref = WHOLE_REFERENCE.exec(value);
    if (!ref || ref[1].startsWith("var.") || ref[1].startsWith("local.")) return { kind: "unknown", text: value };
    return { kind: "ref", address: ref[1], attribute: ref[2], resource: this.byAddress.get(ref[1]) };
  }
}
