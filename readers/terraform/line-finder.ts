// The 1-based line where a resource is declared, for findings. Loading never computes lines
// (it would cost a second, offset-keeping pass over every JSON file); the CLI asks per finding,
// and each text is indexed once: line starts, and the declaration offsets of Terraform JSON.
import * as fs from "fs";
import { attributeOffset } from "./attribute-position";
import type { InputKind, LoadedInput } from "./load-inputs";

interface TextIndex {
  lineStarts?: number[];
  /** Offset of each declared address, per kind the text was read as (in practice one). */
  declarations: Map<InputKind, Map<string, number>>;
}

// Keyed by the text itself; the few most recent texts are kept.
const indexes = new Map<string, TextIndex>();
const INDEXES_KEPT = 16;

export function findLine(text: string, kind: InputKind, address: string, attribute?: string): number | undefined {
  const index = indexFor(text);
  let declarations = index.declarations.get(kind);
  if (!declarations) {
    declarations = kind === "hcl" ? hclDeclarations(text) : kind === "terraform-json" ? jsonDeclarations(text) : planDeclarations(text);
    index.declarations.set(kind, declarations);
  }
  // A module's resource is declared in the module's file without its module.<name>. prefix.
  const declared = declarations.get(address) ?? (kind !== "plan-json" ? declarations.get(address.replace(/^(module\.[A-Za-z_][\w-]*\.)+/, "")) : undefined);
  if (declared === undefined) return undefined;
  // Plan JSON lists values, not the source: its findings point at the resource.
  const offset = attribute && kind !== "plan-json" ? attributeOffset(text, kind === "hcl" ? "hcl" : "json", declared, attribute) : declared;
  index.lineStarts ??= lineStarts(text);
  return lineAt(index.lineStarts, offset);
}

/** A per-audit finder over loaded inputs: reads each file once, on its first finding. */
export function createLineFinder(inputs: readonly LoadedInput[], read: (file: string) => string = (f) => fs.readFileSync(f, "utf8")) {
  const kinds = new Map(inputs.map((i) => [i.file, i.kind]));
  const texts = new Map<string, string | undefined>();
  return (file: string, address: string, attribute?: string): number | undefined => {
    const kind = kinds.get(file);
    if (!kind) return undefined;
    if (!texts.has(file)) {
      try {
        texts.set(file, read(file).replace(/^\uFEFF/, ""));
      } catch {
        texts.set(file, undefined); // gone since loading: report without a line
      }
    }
    const text = texts.get(file);
    return text === undefined ? undefined : findLine(text, kind, address, attribute);
  };
}

/** Line and column (1-based) of an offset, for one-off messages such as JSON syntax errors. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: offset - lastBreak };
}

function indexFor(text: string): TextIndex {
  let index = indexes.get(text);
  if (!index) {
    if (indexes.size >= INDEXES_KEPT) indexes.delete(indexes.keys().next().value as string);
    index = { declarations: new Map() };
    indexes.set(text, index);
  }
  return index;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

// Every `resource "type" "name" {`, `data "type" "name" {` and `provider "name" {` at the start
// of a line (providers as provider.<name>, the address schema findings use); labels may be
// quoted or bare. A commented-out block (# or //) does not match; one inside /* */ would.
const HCL_DECLARATION = /^[ \t]*(resource|data|provider)[ \t]+(?:"([^"\n]*)"|([\w-]+))(?:[ \t]+(?:"([^"\n]*)"|([\w-]+)))?[ \t]*\{/gm;

function hclDeclarations(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(HCL_DECLARATION)) {
    const first = m[2] ?? m[3];
    const second = m[4] ?? m[5];
    if ((m[1] === "provider") !== (second === undefined)) continue;
    const address = m[1] === "provider" ? `provider.${first}` : `${m[1] === "data" ? "data." : ""}${first}.${second}`;
    if (!out.has(address)) out.set(address, m.index);
  }
  return out;
}

/**
 * One pass over Terraform JSON: the offset of every resource.<type>.<name>,
 * data.<type>.<name> and provider.<name> key. Each level may be an object or an array of objects, so object levels
 * are counted and arrays skipped. Hand-written because jsonc-parser's parseTree builds a node
 * per value (about 7x JSON.parse at 10k resources); this scanner only decodes keys of the
 * first three object levels.
 */
function jsonDeclarations(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const containers: boolean[] = []; // true: object, false: array
  const keys: string[] = []; // current key per object level
  let level = -1; // innermost object level
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      containers.push(true);
      level++;
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      containers.push(false);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (containers.pop()) level--;
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = containers[containers.length - 1] === true;
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (expectKey && level <= 2) {
        const raw = text.slice(i + 1, end);
        keys[level] = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        let address: string | undefined;
        if (level === 2 && (keys[0] === "resource" || keys[0] === "data"))
          address = keys[0] === "data" ? `data.${keys[1]}.${keys[2]}` : `${keys[1]}.${keys[2]}`;
        else if (level === 1 && keys[0] === "provider") address = `provider.${keys[1]}`;
        if (address !== undefined && !out.has(address)) out.set(address, i);
      }
      expectKey = false;
      i = end;
    }
  }
  return out;
}

/** Index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let j = text.indexOf('"', start + 1); j !== -1; j = text.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
  return text.length;
}

/**
 * Plan JSON: where each "address" is first written (planned_values comes first). None when the
 * file is one line, as terraform writes it: "line 1" would say nothing.
 */
function planDeclarations(text: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!/\n\s*\S/.test(text)) return out;
  for (const m of text.matchAll(/"address"\s*:\s*("(?:[^"\\]|\\.)*")/g)) {
    const address = JSON.parse(m[1]) as string;
    if (!out.has(address)) out.set(address, m.index);
  }
  return out;
}
