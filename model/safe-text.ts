// Output safety: what the audit echoes from its inputs (attribute values, keys, names, reasons)
// is bounded and cannot act on the terminal. Rules, input errors and reporters use these helpers;
// nothing here changes what a rule decides, only how a value is shown.
//
// - capValue: one value echoed in a message or shown in a report cell, at most 200 characters.
// - capText: last resort for composed text (a finding message, a reason), head and tail kept.
// - escapeControl: control characters and bidi controls made visible (`\n`, `\u001b`), for the
//   text report, stderr and every human-facing format.
// - redactor: values a plan marks sensitive, replaced by "(sensitive)" wherever they appear.

/** One value echoed from the input (an attribute value, a key, a name, an owner). */
export const MAX_VALUE_CHARS = 200;
/** Identifiers that locate something (addresses, file paths, targets): real ones are never this long. */
export const MAX_NAME_CHARS = 1000;
/** Composed text (a finding message, a remediation, an error's problem), built from capped values. */
export const MAX_TEXT_CHARS = 4000;

const HIGH = /[\ud800-\udbff]/;
const LOW = /[\udc00-\udfff]/;

/**
 * `value` when it is at most `max` characters, else its start and `…(<length> chars)`, at most
 * `max` characters in all (so capping twice changes nothing). A surrogate pair is never cut.
 */
export function capValue(value: string, max: number = MAX_VALUE_CHARS): string {
  if (value.length <= max) return value;
  const suffix = `…(${value.length} chars)`;
  let keep = Math.max(0, max - suffix.length);
  if (keep > 0 && HIGH.test(value[keep - 1])) keep--;
  return value.slice(0, keep) + suffix;
}

/**
 * Composed text capped at `max` characters: its start and its end (which says what is wrong)
 * with `…(<n> chars omitted)…` between them.
 */
export function capText(text: string, max: number = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text;
  const marker = (omitted: number) => `…(${omitted} chars omitted)…`;
  const room = Math.max(0, max - marker(text.length).length);
  let head = Math.ceil(room * 0.75);
  let tailStart = text.length - (room - head);
  if (head > 0 && HIGH.test(text[head - 1])) head--;
  if (tailStart < text.length && LOW.test(text[tailStart])) tailStart++;
  return text.slice(0, head) + marker(tailStart - head) + text.slice(tailStart);
}

/** A character that ends a value inside composed text: whitespace or the punctuation around values. */
const SEPARATOR = /[\s,;()[\]{}"'`<>|]/g;

/**
 * Every run longer than 200 characters without a space or punctuation separating it (a value
 * inside composed text) capped with capValue: a last resort for text whose values were not
 * capped where they were echoed. The runs are found between separators (a regular expression
 * matching a 10 MB run itself overflows the engine's stack).
 */
export function capWords(text: string): string {
  if (text.length <= MAX_VALUE_CHARS) return text;
  let out = "";
  let from = 0;
  let start = 0;
  SEPARATOR.lastIndex = 0;
  for (;;) {
    const m = SEPARATOR.exec(text);
    const end = m ? m.index : text.length;
    if (end - start > MAX_VALUE_CHARS) {
      out += text.slice(from, start) + capValue(text.slice(start, end));
      from = end;
    }
    if (!m) break;
    start = end + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A message for stderr: one line, inert, bounded (usage errors, warnings, internal errors echo arguments and inputs). */
export function terminalLine(text: string, max: number = MAX_TEXT_CHARS): string {
  return capText(wellFormed(escapeControl(text)), max);
}

/** Composed text as reports show it: long values capped, the whole bounded, well-formed. */
export function displayText(text: string, max: number = MAX_TEXT_CHARS): string {
  return wellFormed(capText(capWords(text), max));
}

/**
 * C0 controls (newline, tab and ESC included), DEL, C1 controls, bidi controls (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069), line and paragraph separators (U+2028, U+2029, which
 * some terminals and editors break lines at) and the non-characters U+FFFE, U+FFFF (not allowed
 * in XML). Lone surrogates are handled by wellFormed.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Control and bidi characters written as visible escapes (`\n`, `\u001b`): the text stays one line and inert. */
export function escapeControl(text: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Lone surrogates (not Unicode text: invalid in XML, refused by strict JSON readers) replaced by U+FFFD. */
export function wellFormed(text: string): string {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, "\ufffd") : text;
}

/**
 * Any value as a string, never throwing: String() throws on an object without a prototype or
 * with an own `toString` that is not a function (`{"toString": 0.5}` in a hostile input).
 * Strings and primitives as String() gives them; objects and arrays as JSON. Not capped.
 */
export function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A value of any type as a message shows it: strings as written, anything else as JSON; capped. */
export function showValue(value: unknown, max: number = MAX_VALUE_CHARS): string {
  if (typeof value === "string") return capValue(value, max);
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return String(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === null) return String(value);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return capValue(json ?? Object.prototype.toString.call(value), max);
}

// ---------------------------------------------------------------------------------------------
// Sensitive values

export const SENSITIVE_MARKER = "(sensitive)";
/** A start this long of a sensitive value, cut by a cap, is redacted too. */
const MIN_PREFIX = 12;
/** Shorter sensitive values are redacted only as whole words, not inside other words. */
const MIN_SUBSTRING = 4;

export type Redact = (text: string) => string;

const identity: Redact = (text) => text;

/**
 * A function replacing each of `secrets` (its JSON-escaped and control-escaped forms too) with
 * "(sensitive)", and a start of one at least 12 characters long where a cap cut it (followed by
 * "…" or "..."). Over-redaction is accepted: a sensitive value shorter than 4 characters is
 * replaced wherever it is a whole word, also in unrelated text. Linear in the text: the secrets
 * are indexed by their first 4 characters.
 */
export function redactor(secrets: Iterable<string>): Redact {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    const json = JSON.stringify(s).slice(1, -1);
    if (json !== s) forms.add(json);
    const escaped = escapeControl(s);
    if (escaped !== s) forms.add(escaped);
  }
  if (!forms.size) return identity;
  // Per first 4 characters, the secrets starting with them, longest first (a secret holding another is replaced whole).
  const byHead = new Map<string, string[]>();
  const short: string[] = [];
  for (const s of [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    if (s.length < MIN_SUBSTRING) short.push(s);
    else byHead.set(s.slice(0, MIN_SUBSTRING), [...(byHead.get(s.slice(0, MIN_SUBSTRING)) ?? []), s]);
  }
  const shortWords = short.length ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${short.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`, "gu") : undefined;
  return (text) => {
    let out = "";
    let from = 0;
    if (byHead.size) {
      for (let i = 0; i + MIN_SUBSTRING <= text.length;) {
        const matched = matchAt(text, i, byHead.get(text.slice(i, i + MIN_SUBSTRING)));
        if (matched) {
          out += text.slice(from, i) + SENSITIVE_MARKER;
          from = i += matched;
        } else i++;
      }
    }
    const redacted = from ? out + text.slice(from) : text;
    return shortWords ? redacted.replace(shortWords, SENSITIVE_MARKER) : redacted;
  };
}

/** How many characters at `i` are a secret (or a start of one cut by a cap), or 0. */
function matchAt(text: string, i: number, candidates: readonly string[] | undefined): number {
  if (!candidates) return 0;
  for (const secret of candidates) {
    let n = MIN_SUBSTRING;
    while (n < secret.length && i + n < text.length && text[i + n] === secret[n]) n++;
    if (n === secret.length) return n;
    if (n >= MIN_PREFIX && (text.startsWith("…", i + n) || text.startsWith("...", i + n))) return n;
  }
  return 0;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Every string in a JSON-like value mapped by `f` (objects and arrays copied; other values kept). */
export function mapStrings<T>(value: T, f: (s: string, key: string | undefined) => string, key?: string): T {
  if (typeof value === "string") return f(value, key) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f, key)) as unknown as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f, k);
    return out as T;
  }
  return value;
}

/** "a, b, c and 7 more": messages stay short when thousands of principals share an intent. */
export function nameSome(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => capValue(n));
  return names.length <= max ? shown.join(", ") : `${shown.join(", ")} and ${names.length - max} more`;
}
