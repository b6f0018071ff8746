// Where an attribute of a declared block is written: `roles[0].division_id` of a client, the key
// `trunk_recording_enabled` inside a trunk's `properties` JSON. Found by scanning the source text
// from the block's declaration, never from a parser's output, so every reader of the same file
// (hcl2json today, a faster HCL reader tomorrow) gives the same line.
//
// A path is names and indexes: `roles[0].division_id`, `permission_policies[2].action_set`,
// `properties.trunk_recording_enabled`. `name[k]` is the k-th block `name { }` (HCL), or the k-th
// element of `name = [ ... ]` / `"name": [ ... ]`. Once a value is neither a block nor an object
// (an expression, a JSON string, a jsonencode(...) call), the rest of the path is looked up as keys
// written inside it (`key =`, `"key":`, `\"key\":`). Whatever cannot be found keeps the deepest
// position found so far: a finding then points at the enclosing block, never nowhere.

interface Segment {
  name: string;
  index?: number;
}

/** Parses `a[0].b.c[2]`; undefined when the path is not of that shape. */
export function parseAttributePath(path: string): Segment[] | undefined {
  const out: Segment[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    const indexes = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    out.push({ name: m[1], ...(indexes.length ? { index: indexes[0] } : {}) });
    // Further indexes (a[0][1]) address nested lists: not written by any rule; the first is kept.
  }
  return out;
}

/**
 * The offset where `path` is written inside the block declared at `declaration` (the offset of
 * its `resource`/`data` keyword in HCL, of its name key in Terraform JSON).
 */
export function attributeOffset(text: string, format: "hcl" | "json", declaration: number, path: string): number {
  const segments = parseAttributePath(path);
  if (!segments) return declaration;
  let at = declaration;
  let range = format === "hcl" ? hclBlockBody(text, declaration) : jsonValueRange(text, afterColon(text, declaration));
  for (let s = 0; s < segments.length && range; s++) {
    const seg = segments[s];
    const item = format === "hcl" ? hclItem(text, range, seg) : jsonItem(text, range, seg);
    if (!item) {
      // Inside an expression or a JSON string: the remaining keys as written in that text.
      const found = keyInText(text, range, segments.slice(s));
      return found ?? at;
    }
    at = item.offset;
    range = item.value;
  }
  return at;
}

type Range = { start: number; end: number };

// ---------------------------------------------------------------------------------------------
// HCL

/** The body of the block whose declaration starts at `from`: between its `{` and the matching `}`. */
function hclBlockBody(text: string, from: number): Range | undefined {
  const open = text.indexOf("{", from);
  if (open < 0) return undefined;
  const close = matching(text, open, "hcl");
  return { start: open + 1, end: close };
}

/** The item `seg` at the top level of an HCL body: a block `name { }` or an attribute `name = ...`. */
function hclItem(text: string, body: Range, seg: Segment): { offset: number; value: Range | undefined } | undefined {
  let blocksSeen = 0;
  let i = body.start;
  while (i < body.end) {
    // Start of a line at depth 0 of this body: is it `name =` or `name ... {`?
    const lineStart = i;
    const m = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*(=(?!=)|\{|"|[A-Za-z_])/.exec(text.slice(lineStart, Math.min(body.end, lineStart + 300)));
    if (m && m[1] === seg.name) {
      const offset = lineStart + m[0].indexOf(m[1]);
      if (m[2] === "=") {
        const valueStart = lineStart + m[0].length;
        const valueEnd = expressionEnd(text, valueStart, body.end);
        if (seg.index === undefined) return { offset, value: { start: valueStart, end: valueEnd } };
        const element = listElement(text, { start: valueStart, end: valueEnd }, seg.index, "hcl");
        return element ? { offset: element.start, value: element } : { offset, value: undefined };
      }
      // A block: `name {` or `name "label" {`.
      if ((seg.index ?? 0) === blocksSeen) {
        const open = text.indexOf("{", offset);
        return { offset, value: open >= 0 && open < body.end ? { start: open + 1, end: matching(text, open, "hcl") } : undefined };
      }
      blocksSeen++;
    }
    i = nextLineAtDepth0(text, lineStart, body.end);
  }
  return undefined;
}

/** The start of the next line that begins at depth 0 (strings, comments, heredocs and brackets skipped). */
function nextLineAtDepth0(text: string, from: number, end: number): number {
  let depth = 0;
  let i = from;
  while (i < end) {
    const c = text[i];
    if (c === "\n" && depth === 0) return i + 1;
    const skipped = skipAtom(text, i, "hcl");
    if (skipped > i) {
      i = skipped;
      continue;
    }
    if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") depth = Math.max(0, depth - 1);
    i++;
  }
  return end;
}

/** Where an attribute's expression ends: the end of its line, past any brackets it opens. */
function expressionEnd(text: string, from: number, end: number): number {
  const next = nextLineAtDepth0(text, from, end);
  return next > from && text[next - 1] === "\n" ? next - 1 : next;
}

// ---------------------------------------------------------------------------------------------
// JSON

function afterColon(text: string, keyQuote: number): number {
  const close = stringEnd(text, keyQuote);
  const colon = text.indexOf(":", close + 1);
  return colon < 0 ? text.length : colon + 1;
}

/** The value starting at or after `from` (white space skipped): an object, array, string or scalar. */
function jsonValueRange(text: string, from: number): Range | undefined {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (i >= text.length) return undefined;
  const c = text[i];
  if (c === "{" || c === "[") return { start: i, end: matching(text, i, "json") + 1 };
  if (c === '"') return { start: i, end: stringEnd(text, i) + 1 };
  let j = i;
  while (j < text.length && !/[,}\]\s]/.test(text[j])) j++;
  return { start: i, end: j };
}

/** The key `seg` of the object in `range` (an array of objects: its first, or its index-th, element). */
function jsonItem(text: string, range: Range, seg: Segment): { offset: number; value: Range | undefined } | undefined {
  let object = range;
  if (text[range.start] === "[") {
    // A block written as a list of objects (`"roles": [{...}]`): the lookup applies to its first element.
    const first = listElement(text, range, 0, "json");
    if (!first) return undefined;
    object = first;
  }
  if (text[object.start] !== "{") return undefined;
  let depth = 0;
  for (let i = object.start; i < object.end; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && /^\s*:/.test(text.slice(end + 1, end + 20)) && text.slice(i + 1, end) === seg.name) {
        const value = jsonValueRange(text, afterColon(text, i));
        if (seg.index === undefined || !value) return { offset: i, value };
        if (text[value.start] !== "[") return { offset: i, value };
        const element = listElement(text, value, seg.index, "json");
        return element ? { offset: element.start, value: element } : { offset: i, value: undefined };
      }
      i = end;
      continue;
    }
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Shared

/** The index-th element of the list opening at range.start (`[`), as its range. */
function listElement(text: string, range: Range, index: number, format: "hcl" | "json"): Range | undefined {
  let i = range.start;
  while (i < range.end && text[i] !== "[") i++;
  if (i >= range.end) return undefined;
  const close = matching(text, i, format);
  let n = 0;
  let j = i + 1;
  while (j < close) {
    while (j < close && /[\s,]/.test(text[j])) j++;
    if (j >= close) break;
    const start = j;
    // The element ends at the next comma at depth 0.
    let depth = 0;
    while (j < close) {
      const skipped = skipAtom(text, j, format);
      if (skipped > j) {
        j = skipped;
        continue;
      }
      const c = text[j];
      if (c === "{" || c === "[" || c === "(") depth++;
      else if (c === "}" || c === "]" || c === ")") depth--;
      else if (c === "," && depth === 0) break;
      j++;
    }
    if (n === index) return { start, end: j };
    n++;
    j++;
  }
  return undefined;
}

/** The remaining keys written as text inside an expression or a JSON string (`k =`, `"k":`, `\"k\":`). */
function keyInText(text: string, range: Range, segments: readonly Segment[]): number | undefined {
  let from = range.start;
  let found: number | undefined;
  for (const seg of segments) {
    const name = seg.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = new RegExp(`(?:\\\\?"${name}\\\\?"|(?<![\\w-])${name}(?![\\w-]))\\s*[:=]`, "g");
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m || m.index >= range.end) return found;
    found = m.index + (m[0].startsWith("\\") ? 1 : 0);
    from = m.index + m[0].length;
  }
  return found;
}

/** Offset of the bracket closing the one at `open` (strings and comments skipped). */
function matching(text: string, open: number, format: "hcl" | "json"): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const skipped = skipAtom(text, i, format);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    const c = text[i];
    if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return text.length;
}

/** Past a string, comment or heredoc starting at i; i itself when none starts there. */
function skipAtom(text: string, i: number, format: "hcl" | "json"): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i) + 1;
  if (format === "json") return i;
  if (c === "#" || (c === "/" && text[i + 1] === "/")) {
    const eol = text.indexOf("\n", i);
    return eol < 0 ? text.length : eol;
  }
  if (c === "/" && text[i + 1] === "*") {
    const end = text.indexOf("*/", i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (c === "<" && text[i + 1] === "<") {
    const m = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 300));
    if (!m) return i;
    const marker = new RegExp(`^[ \\t]*${m[1]}[ \\t]*\\r?$`, "m");
    marker.lastIndex = 0;
    const rest = text.slice(i + m[0].length);
    const end = marker.exec(rest);
    return end ? i + m[0].length + end.index + end[0].length : text.length;
  }
  return i;
}

/** Index of the quote closing the string that opens at `start` (HCL templates `${...}` with quotes inside are rare in paths we scan past). */
function stringEnd(text: string, start: number): number {
  for (let j = text.indexOf('"', start + 1); j !== -1; j = text.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
  return text.length;
}
