// JSON text -> value, for untrusted input. JSON.parse alone is not enough:
//  - it keeps the last of two equal keys without a word. Terraform merges some repeated keys
//    (block types) and refuses others ("Duplicate argument"); an intents file that repeats a key
//    loses what the first one said. Either way a silently dropped key can hide a resource from the
//    audit, so every repeated key is handed to a policy that merges or refuses it;
//  - the audit walks values recursively: nesting deeper than MAX_NESTING is refused up front.
// The check is cheap on the usual input: the keys JSON.parse kept are counted and compared with
// the key tokens in the text (one indexOf scan); only when they differ is the text parsed again
// with jsonc-parser's tree, which keeps every property and its offset.
import { type Node, type ParseError, parse as parseJsonc, parseTree, printParseErrorCode } from "jsonc-parser";
import { InputError } from "../model/input-error";

/** Deeper than any real configuration, plan or intents file (they stay under 40), shallow enough for every recursive walk. */
export const MAX_NESTING = 256;

/** What to do with a repeated key: "merge" (both values kept, as an array of both) or the problem to report. */
export type DuplicatePolicy = (path: readonly string[], key: string) => "merge" | string;

export const refuseDuplicates: DuplicatePolicy = () => "JSON keeps only the last one; write it once";

export function parseJsonText(text: string, file: string, onDuplicate: DuplicatePolicy = refuseDuplicates): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw jsonSyntaxError(file, text, err);
  }
  const shape = measure(doc);
  if (shape.depth > MAX_NESTING) throw nestingError(file, text);
  if (shape.keys === countKeyTokens(text)) return doc;
  return parseKeepingDuplicates(text, file, onDuplicate);
}

/** Keys (at every depth) and nesting depth of a parsed value, without recursion. */
export function measure(doc: unknown): { keys: number; depth: number } {
  let keys = 0;
  let depth = 0;
  const stack: unknown[] = [doc];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const v = stack.pop();
    const d = depths.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (d > depth) depth = d;
    if (d > MAX_NESTING) break;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (typeof v[i] === "object" && v[i] !== null) {
          stack.push(v[i]);
          depths.push(d + 1);
        }
      }
    } else {
      for (const k in v) {
        keys++;
        const x = (v as Record<string, unknown>)[k];
        if (typeof x === "object" && x !== null) {
          stack.push(x);
          depths.push(d + 1);
        }
      }
    }
  }
  return { keys, depth };
}

/**
 * The property names in a valid JSON text: every `"` that closes a string and is followed by
 * optional white space and `:`. A quote inside a string is always escaped (an odd run of
 * backslashes before it), and a value string is never followed by a colon.
 */
function countKeyTokens(text: string): number {
  let n = 0;
  for (let i = text.indexOf('":'); i >= 0; i = text.indexOf('":', i + 2)) if (closesString(text, i)) n++;
  const spaced = /"[ \t\r\n]+:/g;
  for (let m = spaced.exec(text); m; m = spaced.exec(text)) if (closesString(text, m.index)) n++;
  return n;
}

function closesString(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; text.charCodeAt(j) === 92; j--) backslashes++;
  return backslashes % 2 === 0;
}

function parseKeepingDuplicates(text: string, file: string, onDuplicate: DuplicatePolicy): unknown {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  if (!root) throw new InputError(file, undefined, "not valid JSON");
  return toValue(root, [], text, file, onDuplicate);
}

function toValue(node: Node, path: string[], text: string, file: string, onDuplicate: DuplicatePolicy): unknown {
  if (node.type === "array") return (node.children ?? []).map((c) => toValue(c, path, text, file, onDuplicate));
  if (node.type !== "object") return node.value;
  const out: Record<string, unknown> = {};
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children!;
    const key = keyNode.value as string;
    const value = valueNode ? toValue(valueNode, [...path, key], text, file, onDuplicate) : undefined;
    if (!Object.prototype.hasOwnProperty.call(out, key)) {
      // defineProperty, not assignment: "__proto__" stays an ordinary own key, as JSON.parse makes it.
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      continue;
    }
    const verdict = onDuplicate(path, key);
    if (verdict !== "merge")
      throw new InputError(
        file,
        `${lineColumn(text, keyNode.offset)}`,
        `duplicate key ${JSON.stringify(key)}${path.length ? ` in ${path.join(".")}` : ""}: ${verdict}`,
      );
    const before = out[key];
    out[key] = [...(Array.isArray(before) ? before : [before]), ...(Array.isArray(value) ? value : [value])];
  }
  return out;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split("\n").length}, column ${offset - before.lastIndexOf("\n")}`;
}

/** Where the nesting first exceeds MAX_NESTING (a scan that knows strings), as one line. */
function nestingError(file: string, text: string): InputError {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_NESTING)
        return new InputError(file, lineColumn(text, i), `nested deeper than ${MAX_NESTING} levels: not a configuration this tool reads`);
    } else if (c === 125 || c === 93) depth--;
  }
  return new InputError(file, undefined, `nested deeper than ${MAX_NESTING} levels: not a configuration this tool reads`);
}

/** One line naming where the JSON breaks (jsonc-parser locates it; JSON.parse messages vary by Node version). */
export function jsonSyntaxError(file: string, text: string, err: unknown): InputError {
  const errors: ParseError[] = [];
  try {
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses: only nesting far deeper than any configuration gets here.
    return nestingError(file, text);
  }
  if (!errors.length) return new InputError(file, undefined, `not valid JSON (${(err as Error).message.split("\n")[0].slice(0, 200)})`);
  const what = printParseErrorCode(errors[0].error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return new InputError(file, lineColumn(text, errors[0].offset), `not valid JSON: ${what}`);
}
