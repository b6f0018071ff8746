// HCL (`*.tf`) -> TfConfiguration. @cdktf/hcl2json (HashiCorp's HCL parser compiled to wasm)
// turns a file into Terraform-JSON-shaped output: every block is an array, every expression a
// "${...}" string (`role_id = genesyscloud_auth_role.x.id` -> "${genesyscloud_auth_role.x.id}",
// which ReferenceResolver reads). That shape is Terraform JSON, so readTerraformJson does the rest.
import { InputError } from "../../model/input-error";
import { MAX_NESTING, measure } from "../json-text";
import type { TfConfiguration } from "../../model/terraform";
import { hclNestingDepth } from "./hcl-nesting";
import { isPlainObject } from "./normalize";
import { readTerraformJson } from "./tf-json";

type Hcl2Json = typeof import("@cdktf/hcl2json");
let loaded: Promise<Hcl2Json> | undefined;

/** Imported on first use: importing the module boots a Go wasm runtime (about 0.2 s). */
function hcl2json(): Promise<Hcl2Json> {
  return (loaded ??= import("@cdktf/hcl2json"));
}

export async function readHcl(text: string, file: string): Promise<TfConfiguration> {
  const doc = await parseHcl(text, file);
  // The audit walks values recursively; HCL nested deeper than any configuration is refused, as in JSON.
  if (measure(doc).depth > MAX_NESTING) throw nestingError(file);
  await evaluateJsonencode(doc);
  return readTerraformJson(doc, file);
}

function nestingError(file: string): InputError {
  return new InputError(file, undefined, `nested deeper than ${MAX_NESTING} levels: not a configuration this tool reads`);
}

/** The hcl2json output of one file, or an InputError naming the file and line of the first syntax error. */
export async function parseHcl(text: string, file: string): Promise<Record<string, unknown>> {
  if (hclNestingDepth(text, MAX_NESTING) > MAX_NESTING) throw nestingError(file);
  const { parse } = await hcl2json();
  try {
    return await parse(file, text);
  } catch (err) {
    // Stack exhausted inside the parser despite the count above (a deep JavaScript caller): still bad input.
    if (err instanceof RangeError || /Maximum call stack size exceeded/.test(String(err))) throw nestingError(file);
    throw syntaxError(file, err instanceof Error ? err.message : String(err));
  }
}

// hcl2json reports "parse config: [<file>:<line>,<col>-<end>: <summary>; <detail> <file>:...]",
// all diagnostics in one string. Keep the first, on one line, and count the others.
function syntaxError(file: string, message: string): InputError {
  const at = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `, "g");
  const first = at.exec(message);
  if (!first) return new InputError(file, undefined, `HCL parse error: ${oneLine(message)}`);
  const start = at.lastIndex;
  const next = at.exec(message);
  let others = 0;
  if (next) for (others = 1; at.exec(message); others++);
  const text = oneLine(message.slice(start, next ? next.index : undefined).replace(/\]\s*$/, ""));
  return new InputError(file, `line ${first[1]}, column ${first[2]}`, `HCL syntax error: ${text}${others ? ` (and ${others} more)` : ""}`);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

// Terraform evaluates `jsonencode(<literal>)` (how HCL writes trunk base settings `properties`)
// at plan time, but hcl2json keeps it as expression text: "${jsonencode({ ... })}". Without this
// step the HCL input would see an unresolved expression where *.tf.json and plan JSON have the
// JSON string. The argument is parsed again by hcl2json as a local value; when the result holds
// no interpolation it is a literal and is encoded as Terraform would (sorted keys, compact).
// Anything else (references, other functions) stays an expression.
const JSONENCODE = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/;

async function evaluateJsonencode(doc: Record<string, unknown>): Promise<void> {
  const encoded = new Map<string, string | undefined>();
  visitStrings(doc, (s) => {
    if (JSONENCODE.test(s)) encoded.set(s, undefined);
    return s;
  });
  if (encoded.size === 0) return;
  for (const expr of encoded.keys()) encoded.set(expr, await encodeLiteral(JSONENCODE.exec(expr)![1]));
  visitStrings(doc, (s) => encoded.get(s) ?? s);
}

async function encodeLiteral(argument: string): Promise<string | undefined> {
  const { parse } = await hcl2json();
  try {
    // The newline before "}" ends a trailing `#` comment the argument may carry.
    const out = await parse("jsonencode.tf", `locals {\n  v = ${argument}\n}\n`);
    const locals = out.locals;
    const value = Array.isArray(locals) && locals.length === 1 && isPlainObject(locals[0]) ? locals[0].v : undefined;
    let literal = value !== undefined;
    visitStrings(value, (s) => {
      if (s.includes("${")) literal = false;
      return s;
    });
    return literal ? JSON.stringify(value) : undefined;
  } catch {
    return undefined; // not a plain expression (e.g. the greedy match spanned two interpolations)
  }
}

/** Replaces every string inside a JSON value, in place (object keys are left alone). */
function visitStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = visitStrings(value[i], fn);
  else if (isPlainObject(value)) for (const key of Object.keys(value)) value[key] = visitStrings(value[key], fn);
  return value;
}
