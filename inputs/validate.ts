// Schema validation with zod, turned into the project's one-line InputError.
import * as fs from "fs";
import * as path from "path";
import { type ParseError, parse as parseJsonc, printParseErrorCode, visit } from "jsonc-parser";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { InputError, formatFieldPath } from "./input-error";

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

/** Reads a UTF-8 file, or throws an InputError naming the file and why it cannot be read. */
export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(displayPath(file), undefined, describeFsError(err));
  }
}

/** Reads and parses a JSON file, or throws an InputError naming the file. */
export function readJsonFile(file: string): unknown {
  // A UTF-8 byte order mark (Windows editors write one) is not JSON but not an error either.
  const text = readTextFile(file).replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw jsonSyntaxError(displayPath(file), text, err);
  }
  rejectDuplicateKeys(text, displayPath(file));
  return value;
}

/**
 * JSON.parse keeps the last of two equal keys in an object without a word: in an intents or
 * settings file that silently drops what the first one said (a principal's intent, a limit).
 */
function rejectDuplicateKeys(text: string, file: string): void {
  const open: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, offset) => {
      const keys = open[open.length - 1];
      if (!keys.has(key)) return void keys.add(key);
      const before = text.slice(0, offset);
      throw new InputError(file, `line ${before.split("\n").length}, column ${offset - before.lastIndexOf("\n")}`, `duplicate key ${JSON.stringify(key)}: JSON keeps only the last one; write it once`);
    },
  });
}

/** One line naming where the JSON breaks (jsonc-parser locates it; JSON.parse messages vary by Node version). */
export function jsonSyntaxError(file: string, text: string, err: unknown): InputError {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (!errors.length) return new InputError(file, undefined, `not valid JSON (${(err as Error).message.split("\n")[0]})`);
  const before = text.slice(0, errors[0].offset);
  const line = before.split("\n").length;
  const column = errors[0].offset - before.lastIndexOf("\n");
  const what = printParseErrorCode(errors[0].error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return new InputError(file, `line ${line}, column ${column}`, `not valid JSON: ${what}`);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Reads and parses a YAML file (the yaml package), or throws an InputError naming the file and line. */
export function readYamlFile(file: string): unknown {
  const text = readTextFile(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  const problem = doc.errors[0];
  if (problem) {
    const at = lineCounter.linePos(problem.pos[0]);
    throw new InputError(displayPath(file), at ? `line ${at.line}, column ${at.col}` : undefined, `not valid YAML (${problem.message.split("\n")[0]})`);
  }
  return doc.toJS();
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "file not found";
  if (code === "EISDIR") return "is a directory, expected a file";
  if (code === "EACCES") return "permission denied";
  return (err as Error).message;
}

/** A path relative to the working directory when it is below it: messages stay short and portable. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** A regular file (following links); false for a directory, a dangling link or nothing. */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
