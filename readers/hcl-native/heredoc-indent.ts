// The indentation an indented heredoc (`<<-EOT`) loses, as hclsyntax takes it away (measured
// against hcl2json: test/hcl-differential.test.ts).
import type { TextPart } from "./ast";

const SPACE = 32;
const TAB = 9;
const LF = 10;

/**
 * `<<-` strips the smallest indentation (spaces and tabs, one column each) of its lines from each
 * of them. A line of only whitespace is neither measured nor stripped; a line that starts with an
 * interpolation or directive measures 0.
 */
export function stripIndentation(lineStarts: readonly (TextPart | null)[]): void {
  let min = Infinity;
  const measured: TextPart[] = [];
  for (const part of lineStarts) {
    if (part === null) {
      min = 0;
      continue;
    }
    const v = part.value;
    let i = 0;
    while (v.charCodeAt(i) === SPACE || v.charCodeAt(i) === TAB) i++;
    if (i === v.length - 1 && v.charCodeAt(i) === LF) continue; // whitespace only, then the newline
    measured.push(part);
    if (i < min) min = i;
  }
  if (!Number.isFinite(min) || min === 0) return;
  for (const part of measured) part.value = part.value.slice(min);
}
