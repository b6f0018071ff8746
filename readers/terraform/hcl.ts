// HCL (`*.tf`) -> TfConfiguration. The file becomes what @cdktf/hcl2json (HashiCorp's HCL parser
// compiled to wasm) makes of it: Terraform-JSON-shaped output where every block is an array and
// every expression a "${...}" string (`role_id = genesyscloud_auth_role.x.id` ->
// "${genesyscloud_auth_role.x.id}", which ReferenceResolver reads). The fast reader in
// readers/hcl-native produces exactly that output for what it is sure of; hcl2json reads the rest.
// That shape is Terraform JSON, so readTerraformJson does the rest (jsonencode folded there too).
import { InputError } from "../../model/input-error";
import { MAX_NESTING, measure } from "../json-text";
import type { TfConfiguration } from "../../model/terraform";
import { hclNestingDepth } from "./hcl-nesting";
import { readTerraformJson } from "./tf-json";
import { convertHcl } from "../hcl-native/convert";
import { HUGE_EXPONENT_DIGITS, hugeNumberOffset } from "../hcl-native/item-end";
import { HugeNumber } from "../hcl-native/parser";

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
  return readTerraformJson(doc, file);
}

/** `RECORDING_GUARD_HCL_READER=hcl2json`: every item read by hcl2json (the fallback path), for tests and comparisons. */
export function fallbackForced(): boolean {
  return process.env.RECORDING_GUARD_HCL_READER === "hcl2json";
}

function nestingError(file: string): InputError {
  return new InputError(file, undefined, `nested deeper than ${MAX_NESTING} levels: not a configuration this tool reads`);
}

/**
 * What hcl2json gives for one file, or an InputError naming the file and line of the first syntax
 * error. The fast reader (readers/hcl-native) converts what it is sure of and hands hcl2json the
 * items it is not; a file it cannot finish (a syntax error among them) is read by hcl2json whole,
 * so errors keep hcl2json's messages and lines.
 */
export async function parseHcl(text: string, file: string): Promise<Record<string, unknown>> {
  if (hclNestingDepth(text, MAX_NESTING) > MAX_NESTING) throw nestingError(file);
  try {
    const converted = await convertHcl(text, (piece) => hcl2jsonParse(piece, file), { forceFallback: fallbackForced() });
    if (converted) return converted.doc;
    const huge = hugeNumberOffset(text);
    if (huge !== undefined) throw new HugeNumber(huge);
  } catch (err) {
    if (err instanceof HugeNumber) throw hugeNumberError(text, file, err.offset);
    throw err;
  }
  return hcl2jsonParse(text, file);
}

async function hcl2jsonParse(text: string, file: string): Promise<Record<string, unknown>> {
  const { parse } = await hcl2json();
  try {
    return await parse(file, text);
  } catch (err) {
    // Stack exhausted inside the parser despite the count above (a deep JavaScript caller): still bad input.
    if (err instanceof RangeError || /Maximum call stack size exceeded/.test(String(err))) throw nestingError(file);
    throw syntaxError(file, err instanceof Error ? err.message : String(err));
  }
}

function hugeNumberError(text: string, file: string, offset: number): InputError {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return new InputError(
    file,
    `line ${line}, column ${column}`,
    `a number with an exponent of ${10 ** (HUGE_EXPONENT_DIGITS - 1)} or more: not a value this tool reads`,
  );
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
