// Every problem with a user's file ends as one line: "<file>: <field>: <what is wrong>".
// Adapters throw InputError; the CLI and main.ts print its message and exit 2.
//
// The line is printed to a terminal whatever the input holds, so each part is made safe here, as
// a last resort behind the capping done where values are echoed: control characters (a newline,
// ESC of an ANSI sequence, bidi overrides) are written as visible escapes, a name in the field
// longer than 200 characters and a quoted value longer than 400 are capped at 200 (saying how long
// they were), and each part is bounded as a whole.
import { MAX_NAME_CHARS, MAX_VALUE_CHARS, capText, capValue, escapeControl, wellFormed } from "./safe-text";

/** The problem part is at most this long (head and tail kept: the end says what is wrong). */
const MAX_PROBLEM_CHARS = 1000;

export class InputError extends Error {
  readonly file: string;
  readonly field: string | undefined;
  readonly problem: string;

  constructor(file: string, field: string | undefined, problem: string) {
    const safeFile = safePart(file, MAX_NAME_CHARS);
    const safeField = field === undefined ? undefined : safePart(capLongNames(field), MAX_NAME_CHARS);
    const safeProblem = safePart(capQuoted(problem), MAX_PROBLEM_CHARS);
    super(safeField ? `${safeFile}: ${safeField}: ${safeProblem}` : `${safeFile}: ${safeProblem}`);
    this.name = "InputError";
    this.file = safeFile;
    this.field = safeField;
    this.problem = safeProblem;
  }
}

function safePart(text: string, max: number): string {
  return capText(wellFormed(escapeControl(text)), max);
}

/** Each name in a field path (between "." and "[") capped at 200 characters. (No regular expression: a 10 MB key overflows its stack.) */
function capLongNames(field: string): string {
  if (field.length <= MAX_VALUE_CHARS) return field;
  return field
    .split(".")
    .map((part) =>
      part
        .split("[")
        .map((name) => capValue(name))
        .join("["),
    )
    .join(".");
}

/**
 * A quoted value not capped where it was echoed (problems quote the values they echo): longer than
 * 400 characters, it is capped at 200. (Up to 400 is left alone: an echo point that writes
 * invisible characters as escapes, as the nginx reader does, lengthens a value it already cut.)
 */
function capQuoted(problem: string): string {
  if (problem.length <= UNCAPPED_QUOTE_CHARS) return problem;
  const parts = problem.split('"');
  // Odd parts are inside quotes; a last odd part has no closing quote: a value to the end.
  return parts.map((part, i) => (i % 2 === 1 && part.length > UNCAPPED_QUOTE_CHARS ? capValue(part) : part)).join('"');
}

const UNCAPPED_QUOTE_CHARS = 2 * MAX_VALUE_CHARS;

/** Formats a path such as ["serviceAccounts", 0, "capabilities", 1] as serviceAccounts[0].capabilities[1]. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(top level)";
}
