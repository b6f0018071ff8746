// How deeply an HCL text nests, found before hcl2json sees it. hcl2json's parser is recursive Go
// compiled to WebAssembly: a few thousand nested brackets, blocks or template interpolations
// exhaust V8's stack inside the Go runtime ("Maximum call stack size exceeded"), and the runtime
// is left mid-allocation, so the next file parsed in the same process aborts the whole process
// ("fatal error: malloc deadlock"). Counting first keeps the parser away from such input.
//
// Counted as one level each: ( [ { (blocks and object, tuple, call and group brackets) and a
// template interpolation or directive (${ and %{) in a quoted string or heredoc. Strings, comments
// and heredoc text are skipped, so brackets inside them do not count; $${ and %%{ are escapes.
// Unary operators, conditionals and traversals are parsed with loops (10,000 deep were measured
// to parse) and are not counted.

type Frame = "bracket" | "string" | "heredoc";

/** The deepest nesting in the text; reading stops as soon as it exceeds `max`. */
export function hclNestingDepth(text: string, max: number): number {
  // Each frame is a place to return to: after a closing bracket, the code around it; after the
  // `}` of an interpolation, the string or heredoc it sits in.
  const frames: Frame[] = [];
  const heredocEnds: string[] = [];
  let deepest = 0;
  let i = 0;
  const n = text.length;
  let mode: "code" | "string" | "heredoc" = "code";
  const open = (frame: Frame) => {
    frames.push(frame);
    if (frames.length > deepest) deepest = frames.length;
  };
  while (i < n) {
    if (deepest > max) return deepest;
    const c = text.charCodeAt(i);
    if (mode === "code") {
      if (c === 0x22 /* " */) {
        mode = "string";
        i++;
      } else if (c === 0x23 /* # */ || (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f)) {
        const eol = text.indexOf("\n", i);
        i = eol < 0 ? n : eol;
      } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
        const end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c === 0x3c /* < */ && text.charCodeAt(i + 1) === 0x3c) {
        const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 300));
        if (m) {
          heredocEnds.push(m[1]);
          mode = "heredoc";
          i += m[0].length - 1; // at the newline: the heredoc branch reads line by line from there
        } else i += 2;
      } else if (c === 0x28 || c === 0x5b || c === 0x7b /* ( [ { */) {
        open("bracket");
        i++;
      } else if (c === 0x29 || c === 0x5d || c === 0x7d /* ) ] } */) {
        const frame = frames.pop();
        if (frame === "string" || frame === "heredoc") mode = frame;
        i++;
      } else i++;
    } else if (mode === "string") {
      if (c === 0x5c /* \ */) i += 2;
      else if (c === 0x22) {
        mode = "code";
        i++;
      } else if (c === 0x0a) {
        mode = "code"; // an unterminated string ends at the line (hcl2json refuses it anyway)
        i++;
      } else if (isInterpolation(text, i)) {
        open("string");
        mode = "code";
        i += 2;
      } else i += escapedInterpolation(text, i) ? 3 : 1;
    } else {
      // heredoc: text until a line holding only the end marker
      if (c === 0x0a) {
        const lineStart = i + 1;
        const eol = text.indexOf("\n", lineStart);
        const line = text.slice(lineStart, eol < 0 ? n : eol).trim();
        if (line === heredocEnds[heredocEnds.length - 1]) {
          heredocEnds.pop();
          mode = "code";
          i = eol < 0 ? n : eol;
          continue;
        }
        i = lineStart;
        continue;
      }
      if (isInterpolation(text, i)) {
        open("heredoc");
        mode = "code";
        i += 2;
      } else i += escapedInterpolation(text, i) ? 3 : 1;
    }
  }
  return deepest;
}

/** `${` or `%{` (a template interpolation or directive) at i. */
export function isInterpolation(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 0x24 || c === 0x25) && text.charCodeAt(i + 1) === 0x7b;
}

/** `$${` or `%%{`: a literal `${` / `%{`, not an interpolation. */
export function escapedInterpolation(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 0x24 || c === 0x25) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 0x7b;
}
