// The one way every input is read: Terraform (JSON, HCL, plan JSON), intents, org settings,
// environment files, JMeter plans and nginx configurations. A reader of untrusted files must not
// hang or grow without bound, so:
//  - only regular files are read (and "-", standard input); a FIFO would block forever, /dev/zero
//    would grow the process until it dies. The file is opened non-blocking and checked with fstat
//    on the open descriptor, so a path swapped for a FIFO between a check and the read is refused too;
//  - at most the size limit is read (default 64 MB, GRG_MAX_INPUT_MB overrides it); a larger file
//    is refused, whatever stat said (a /proc file reports size 0);
//  - the bytes read are the ones digested: the evidence manifest records what the audit saw, not
//    what a second read finds (standard input cannot be read twice).
import { AsyncLocalStorage } from "async_hooks";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../model/input-error";

export const STDIN = "-";
/** How standard input is named in messages and reports. */
export const STDIN_NAME = "<stdin>";
export const DEFAULT_MAX_INPUT_MB = 64;
export const MAX_INPUT_ENV = "GRG_MAX_INPUT_MB";

/** Digests of the inputs read during one audit, by the name shown in reports. */
export type InputLog = Map<string, string>;
const currentLog = new AsyncLocalStorage<InputLog>();

/** Runs `work` recording the sha256 of every input it reads (see readInputBytes). */
export async function withInputLog<T>(work: () => Promise<T>): Promise<{ result: T; log: InputLog }> {
  const log: InputLog = new Map();
  const result = await currentLog.run(log, work);
  return { result, log };
}

/** The name of an input as messages and reports show it. */
export function shownName(file: string): string {
  return file === STDIN ? STDIN_NAME : displayPath(file);
}

/** The size limit in bytes, from GRG_MAX_INPUT_MB (a positive number of megabytes) or the default. */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[MAX_INPUT_ENV];
  if (raw === undefined || raw === "") return DEFAULT_MAX_INPUT_MB * 1024 * 1024;
  const mb = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(mb > 0) || mb > 4096) {
    throw new InputError(MAX_INPUT_ENV, undefined, `expected a number of megabytes from 1 to 4096, got ${JSON.stringify(raw.slice(0, 40))}`);
  }
  return Math.floor(mb * 1024 * 1024);
}

/** Reads one input whole, bounded; records its digest in the current input log. */
export function readInputBytes(file: string): Buffer {
  const shown = shownName(file);
  const limit = maxInputBytes();
  const bytes = file === STDIN ? readStdin(shown, limit) : readRegularFile(file, shown, limit);
  const log = currentLog.getStore();
  if (log) {
    if (file === STDIN && log.has(STDIN_NAME)) throw new InputError(STDIN_NAME, undefined, "standard input (-) is named twice: it can be read only once");
    log.set(shown, createHash("sha256").update(bytes).digest("hex"));
  }
  return bytes;
}

/** readInputBytes as UTF-8 text, without a leading byte order mark (Windows editors write one). */
export function readInputText(file: string): string {
  return readInputBytes(file)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
}

function readRegularFile(file: string, shown: string, limit: number): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(shown, undefined, describeFsError(err));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(shown, undefined, "is a directory, expected a file");
    if (!stat.isFile()) throw new InputError(shown, undefined, `is ${kindOf(stat)}, not a regular file: name a file (or - for standard input)`);
    if (stat.size > limit) throw tooLarge(shown, stat.size, limit);
    return readBounded(fd, shown, limit);
  } finally {
    fs.closeSync(fd);
  }
}

function readStdin(shown: string, limit: number): Buffer {
  return readBounded(0, shown, limit);
}

/** Reads to the end, at most limit bytes; one byte more means the input is over the limit. */
function readBounded(fd: number, shown: string, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        waitBriefly(); // standard input from a terminal or a non-blocking pipe: no data yet
        continue;
      }
      if (code === "EOF") break; // Windows pipes
      throw new InputError(shown, undefined, `cannot be read (${code ?? (err as Error).message})`);
    }
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > limit) throw tooLarge(shown, undefined, limit);
  }
  return Buffer.concat(chunks, total);
}

function waitBriefly(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}

function tooLarge(shown: string, size: number | undefined, limit: number): InputError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
  const what = size === undefined ? `is larger than ${mb(limit)}` : `is ${mb(size)}`;
  return new InputError(
    shown,
    undefined,
    `${what}, over the input size limit of ${mb(limit)}; raise it with ${MAX_INPUT_ENV}=<megabytes> if the file is what you meant`,
  );
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "file not found";
  if (code === "EISDIR") return "is a directory, expected a file";
  if (code === "EACCES") return "permission denied";
  if (code === "ENOTDIR") return "a part of the path is not a directory";
  if (code === "ELOOP") return "too many levels of symbolic links";
  return (err as Error).message;
}

/** A path relative to the working directory when it is below it: messages stay short and portable. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** A directory (following links); false for anything else or nothing. */
export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A regular file (following links); false for a directory, a dangling link, a FIFO or nothing. */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
