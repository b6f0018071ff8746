// Seeded mutations of HCL text for the differential test: small edits made of the characters and
// tokens HCL's grammar turns on (quotes, braces, template sequences, heredoc markers, comments,
// operators, escapes, keywords), so that most mutants are near-valid HCL in unusual shapes, and
// the rest are errors the fast reader must hand back.
import { Rng } from "../bench/prng";

const TOKENS = [
  '"',
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  "$",
  "%",
  "~",
  "\\",
  "\n",
  "\n\n",
  "#",
  "//",
  "/*",
  "*/",
  " ",
  "\t",
  "\r",
  "\r\n",
  "=",
  "==",
  "=>",
  ":",
  "?",
  "!",
  "-",
  "+",
  "*",
  "/",
  ".",
  ",",
  "...",
  "<",
  "<<",
  "<<EOT\n",
  "<<-EOT\n",
  "\nEOT\n",
  "EOT",
  "${",
  "%{",
  "$${",
  "%%{",
  "${~",
  "~}",
  "%{ if x }",
  "%{ else }",
  "%{ endif }",
  "%{ for v in l }",
  "%{ endfor }",
  "0",
  "1.5",
  "1e3",
  "007",
  "e",
  "x",
  "a.b",
  "[*]",
  ".*",
  "[0]",
  ".0",
  "if",
  "for",
  "in",
  "true",
  "null",
  "__proto__",
  '"a"',
  '"${x}"',
  "\\n",
  "\\u00e9",
  "\\U0001F600",
  "é",
  "😀",
  "\u00a0",
  "f(x)",
  "f(x...)",
  "provider::p::f(1)",
];

/** One to three edits: insert a token, delete or replace a span, duplicate, drop or swap lines. */
export function mutateHcl(text: string, rng: Rng): string {
  let out = text;
  const edits = rng.int(1, 3);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(0, out.length);
    const roll = rng.next();
    if (roll < 0.45) out = out.slice(0, at) + rng.pick(TOKENS) + out.slice(at);
    else if (roll < 0.65) out = out.slice(0, at) + out.slice(at + rng.int(1, 3));
    else if (roll < 0.8) out = out.slice(0, at) + rng.pick(TOKENS) + out.slice(at + 1);
    else {
      const lines = out.split("\n");
      const i = rng.int(0, lines.length - 1);
      if (roll < 0.88) lines.splice(i, 0, lines[i]);
      else if (roll < 0.94) lines.splice(i, 1);
      else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      out = lines.join("\n");
    }
  }
  return out;
}
