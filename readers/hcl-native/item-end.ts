// Where a top-level item (a block or an attribute) of an HCL file ends, found without parsing it:
// brackets counted outside strings, comments and heredocs, template interpolations followed into
// and out of. Used when the fast parser hands an item back, so that hcl2json reads only that item
// (its memory grows with what it reads and never shrinks) and the fast parser goes on after it.
// When the text is not shaped as expected the answer is undefined and the whole file goes to
// hcl2json, so a wrong guess here costs speed, never correctness of the output (see convert.ts).

import { escapedInterpolation, isInterpolation } from "../terraform/hcl-nesting";

type Frame = "bracket" | "string" | "heredoc";

export interface ItemExtent {
  /** Offset just after the newline ending the item (or the text's end). */
  end: number;
  /** `name = value` rather than a block. */
  attribute: boolean;
  /** Where a number with a five-digit exponent is written (see HUGE_EXPONENT_DIGITS). */
  hugeNumberAt?: number;
}

/**
 * hcl2json writes a number as all its digits: `1e3000000` takes it minutes and gigabytes. A number
 * whose exponent has this many digits is refused before hcl2json sees it (float64 ends at 1e308).
 */
export const HUGE_EXPONENT_DIGITS = 5;

/** At a digit in code: the offset of the number's exponent when it is huge, else -1, and where the number ends. */
function numberAt(text: string, i: number): { end: number; huge: boolean } {
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  if (text.charCodeAt(j) === 0x2e && /[0-9]/.test(text[j + 1] ?? "")) {
    j++;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  }
  const e = /^[eE][+-]?0*([0-9]*)/.exec(text.slice(j, j + 40));
  if (!e) return { end: j, huge: false };
  return { end: j + e[0].length, huge: e[1].length >= HUGE_EXPONENT_DIGITS };
}

export function topLevelItemEnd(text: string, start: number): ItemExtent | undefined {
  const name = /^[A-Za-z_][A-Za-z0-9_-]*[ \t]*/.exec(text.slice(start, start + 300));
  if (!name) return undefined;
  const afterName = start + name[0].length;
  const attribute = text.charCodeAt(afterName) === 0x3d /* = */ && text.charCodeAt(afterName + 1) !== 0x3d;
  const frames: Frame[] = [];
  const heredocEnds: string[] = [];
  let mode: "code" | "string" | "heredoc" = "code";
  let hugeNumberAt: number | undefined;
  let i = afterName;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (mode === "code") {
      if (c === 0x0a /* \n */) {
        if (frames.length === 0) return { end: i + 1, attribute, ...(hugeNumberAt !== undefined ? { hugeNumberAt } : {}) };
        i++;
      } else if (c === 0x22 /* " */) {
        mode = "string";
        i++;
      } else if (c === 0x23 /* # */ || (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f)) {
        const eol = text.indexOf("\n", i);
        i = eol < 0 ? n : eol;
      } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
        const end = text.indexOf("*/", i + 2);
        if (end < 0) return undefined;
        i = end + 2;
      } else if (c === 0x3c /* < */ && text.charCodeAt(i + 1) === 0x3c) {
        const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(text.slice(i, i + 300));
        if (!m) return undefined;
        heredocEnds.push(m[1]);
        mode = "heredoc";
        i += m[0].length;
      } else if (c >= 48 && c <= 57 && !/[A-Za-z0-9_.-]/.test(text[i - 1] ?? "")) {
        const number = numberAt(text, i);
        if (number.huge && hugeNumberAt === undefined) hugeNumberAt = i;
        i = number.end;
      } else if (c === 0x28 || c === 0x5b || c === 0x7b /* ( [ { */) {
        frames.push("bracket");
        i++;
      } else if (c === 0x29 || c === 0x5d || c === 0x7d /* ) ] } */) {
        const frame = frames.pop();
        if (frame === undefined) return undefined;
        if (frame === "string" || frame === "heredoc") mode = frame;
        i++;
      } else i++;
    } else if (mode === "string") {
      if (c === 0x5c /* \ */) i += 2;
      else if (c === 0x22) {
        mode = "code";
        i++;
      } else if (c === 0x0a)
        return undefined; // a newline in a quoted string: a syntax error
      else if (isInterpolation(text, i)) {
        frames.push("string");
        mode = "code";
        i += 2;
      } else i += escapedInterpolation(text, i) ? 3 : 1;
    } else {
      // Heredoc: at each line start, the end marker; else text with interpolations.
      if (text.charCodeAt(i - 1) === 0x0a) {
        const eol = text.indexOf("\n", i);
        const line = text
          .slice(i, eol < 0 ? n : eol)
          .replace(/\r$/, "")
          .trim();
        if (line === heredocEnds[heredocEnds.length - 1]) {
          heredocEnds.pop();
          mode = "code";
          i = eol < 0 ? n : eol;
          continue;
        }
      }
      if (isInterpolation(text, i)) {
        frames.push("heredoc");
        mode = "code";
        i += 2;
      } else i += escapedInterpolation(text, i) ? 3 : 1;
    }
  }
  return mode === "code" && frames.length === 0 ? { end: n, attribute, ...(hugeNumberAt !== undefined ? { hugeNumberAt } : {}) } : undefined;
}

/** The first number with a huge exponent in the file's code (not in strings or comments), as far as items can be found. */
export function hugeNumberOffset(text: string): number | undefined {
  let i = 0;
  while (i < text.length) {
    const lead = /^(?:\s|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(text.slice(i, i + 100000))![0].length;
    const start = i + lead;
    if (start >= text.length) return undefined;
    const item = topLevelItemEnd(text, start);
    if (!item) return undefined;
    if (item.hugeNumberAt !== undefined) return item.hugeNumberAt;
    i = item.end;
  }
  return undefined;
}
