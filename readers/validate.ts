// Schema validation with zod, turned into the project's one-line InputError.
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { InputError, formatFieldPath } from "../model/input-error";
import { MAX_NESTING, measure, parseJsonText } from "./json-text";
import { readInputText, shownName } from "./read-file";

export { jsonSyntaxError } from "./json-text";
export { describeFsError, displayPath, isFile } from "./read-file";

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = [...result.error.issues].sort((a, b) => a.path.length - b.path.length)[0];
  let field = formatFieldPath(issue.path);
  let problem = issue.message;
  if (issue.code === "invalid_key") {
    // A record key that fails its own schema (the path ends in the key): say what was expected.
    problem = `not a valid key: ${issue.issues[0]?.message ?? "see the format in the README"}`;
  }
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    field = formatFieldPath([...issue.path, key]);
    problem = "unknown key";
  }
  throw new InputError(file, field, problem);
}

/** Reads a UTF-8 input (bounded, regular files or - only; see read-file.ts), or throws an InputError naming it. */
export function readTextFile(file: string): string {
  return readInputText(file);
}

/** Reads and parses a JSON input; a repeated key, nesting or a syntax error is an InputError naming the file and line. */
export function readJsonFile(file: string): unknown {
  return parseJsonText(readInputText(file), shownName(file));
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Reads and parses a YAML file (the yaml package), or throws an InputError naming the file and line.
 * Duplicate keys are errors (the package's default); aliases are bounded (an alias bomb expands a
 * few hundred bytes into gigabytes) and so is nesting, as in JSON.
 */
export function readYamlFile(file: string): unknown {
  const text = readInputText(file);
  const shown = shownName(file);
  const lineCounter = new LineCounter();
  let value: unknown;
  try {
    const doc = parseDocument(text, { prettyErrors: false, lineCounter });
    const problem = doc.errors[0];
    if (problem) {
      const at = lineCounter.linePos(problem.pos[0]);
      throw new InputError(shown, at ? `line ${at.line}, column ${at.col}` : undefined, `not valid YAML (${problem.message.split("\n")[0].slice(0, 200)})`);
    }
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (err instanceof RangeError) throw new InputError(shown, undefined, `nested deeper than ${MAX_NESTING} levels: not a file this tool reads`);
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new InputError(
        shown,
        undefined,
        `aliases expand too far (more than ${MAX_YAML_ALIASES} alias uses per node): refused as a resource-exhaustion attack`,
      );
    }
    throw new InputError(shown, undefined, `not valid YAML (${(err as Error).message.split("\n")[0].slice(0, 200)})`);
  }
  if (measure(value).depth > MAX_NESTING) throw new InputError(shown, undefined, `nested deeper than ${MAX_NESTING} levels: not a file this tool reads`);
  return value;
}

/** The yaml package's own default (100): no intents file needs more. */
const MAX_YAML_ALIASES = 100;
