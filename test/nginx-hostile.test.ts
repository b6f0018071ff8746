// Hostile nginx configurations (issue #12 item 1): the nginx reader must be total over its input.
// For any text it returns a configuration or throws one InputError whose message is one line
// naming the file and the line, and it does so quickly. Before the fix a single no-break space
// (or \v, \f, U+FEFF) after a directive made the tokenizer loop without consuming anything,
// allocating until V8 aborted (~6 GB): no in-process test survives that, so every parse here runs
// in a child process with a heap limit and a time limit, and the parent checks what came back.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Rng } from "../bench/prng";
import { parseNginxConfig } from "../readers/loadtest/nginx";

const ROOT = path.join(__dirname, "..");
const NGINX = path.join(__dirname, "fixtures", "nginx");
const FILE = "h.conf";
const ZONE = "limit_req_zone $binary_remote_addr zone=z:1m rate=5r/s;";
const CHILD_TIME_LIMIT_MS = 20000;

interface Outcome {
  kind: "config" | "InputError" | "other";
  message?: string;
  ms: number;
}

// Parses each text with parseNginxConfig and prints one JSON line per text, so that a hang or a
// crash on one input is reported as that input (the first one without a line).
const CHILD = `
const { parseNginxConfig } = require("./readers/loadtest/nginx");
const { InputError } = require("./model/input-error");
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
for (const text of texts) {
  const started = process.hrtime.bigint();
  let r;
  try {
    const c = parseNginxConfig(text, ${JSON.stringify(FILE)});
    r = Array.isArray(c.servers) && typeof c.zones === "object" && c.http ? { kind: "config" } : { kind: "other", message: "not a NginxConfig" };
  } catch (e) {
    r = e instanceof InputError ? { kind: "InputError", message: e.message } : { kind: "other", message: String((e && e.stack) || e) };
  }
  r.ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify(r) + "\\n");
}
`;

/** Parses every text in one child process (heap limit 256 MB, time limit 20 s); throws naming the first text that got no answer. */
function parseInChild(texts: readonly string[]): Outcome[] {
  const p = spawnSync(process.execPath, ["--max-old-space-size=256", "-r", "ts-node/register/transpile-only", "-e", CHILD], {
    cwd: ROOT,
    input: JSON.stringify(texts),
    encoding: "utf8",
    timeout: CHILD_TIME_LIMIT_MS,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
  const outcomes = p.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Outcome);
  if (outcomes.length < texts.length) {
    const timedOut = (p.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
    const hint = p.stderr.split("\n").find((l) => /heap|memory|Error/.test(l)) ?? p.stderr.slice(-300);
    const why = timedOut ? `was killed at the time limit (${CHILD_TIME_LIMIT_MS / 1000} s)` : `ended by ${p.signal ?? `exit ${p.status}`}: ${hint}`;
    throw new Error(`the parse of input ${outcomes.length} ${JSON.stringify(texts[outcomes.length].slice(0, 200))} did not finish: the child ${why}`);
  }
  return outcomes;
}

/** What the reader promises: a config, or an InputError that is one short line naming the file and a line number. Returns the broken promises. */
function brokenPromises(texts: readonly string[], outcomes: readonly Outcome[], maxMs: number): string[] {
  const broken: string[] = [];
  outcomes.forEach((o, i) => {
    const input = JSON.stringify(texts[i].slice(0, 120));
    if (o.kind === "other") broken.push(`${input}: ${o.message}`);
    if (o.kind === "InputError" && !/^h\.conf: line \d+: [^\n\r\u2028\u2029\u0085]+$/.test(o.message!))
      broken.push(`${input}: not a one-line message naming the file and line: ${JSON.stringify(o.message)}`);
    if (o.kind === "InputError" && o.message!.length > 500) broken.push(`${input}: a message of ${o.message!.length} characters`);
    if (o.ms > maxMs) broken.push(`${input}: took ${Math.round(o.ms)} ms`);
  });
  return broken;
}

describe("regression: whitespace nginx does not treat as whitespace, after a limit_req_zone line", () => {
  it.each([
    ["U+00A0 (no-break space)", "\u00A0"],
    ["\\v (vertical tab)", "\v"],
    ["\\f (form feed)", "\f"],
    ["U+FEFF (zero-width no-break space)", "\uFEFF"],
  ])("%s ends the parse with a one-line InputError naming the line", (_name, ch) => {
    const [afterZone, inHttp] = parseInChild([`${ZONE}${ch}\n`, `http {\n    ${ZONE}${ch}\n    server { limit_req zone=z; }\n}\n`]);
    const shown = `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    // nginx reads the character as a word (its lexer splits only at space, tab, CR and LF), so
    // the file ends inside a directive, or the server block belongs to a directive nginx does not know.
    expect(afterZone).toMatchObject({
      kind: "InputError",
      message: `h.conf: line 1: unknown directive "${shown}": nginx separates words only with space, tab, CR and LF, so other whitespace and invisible characters are part of the word`,
    });
    expect(inHttp).toMatchObject({
      kind: "InputError",
      message: `h.conf: line 2: unknown directive "${shown}": nginx separates words only with space, tab, CR and LF, so other whitespace and invisible characters are part of the word`,
    });
  });
});

/** Every character JavaScript's \s matches, and the invisible ones users paste that it does not. */
function unicodeWhitespace(): string[] {
  const all = new Set<string>();
  for (let c = 0; c <= 0xffff; c++) if (/\s/.test(String.fromCharCode(c))) all.add(String.fromCharCode(c));
  for (const c of ["\u0085", "\u180E", "\u200B", "\u200C", "\u200D", "\u2060", "\u2028", "\u2029", "\uFEFF", "\u00A0", "\u0000", "\u001C", "\u001F"])
    all.add(c);
  return [...all];
}

// "@" marks where the character goes: every kind of place a pasted character can land.
const PLACES = [
  `@${ZONE}`, // start of file (a byte-order mark there is ignored)
  `${ZONE}@`, // after a directive, at end of file
  `${ZONE}@\nserver { limit_req zone=z; }`, // between directives
  `limit_req_zone@$binary_remote_addr zone=z:1m rate=5r/s;`, // between name and argument
  `limit_req_zone $binary_remote_addr @zone=z:1m rate=5r/s;`, // before an argument
  `limit_req_zone $binary_remote_addr zone=z:1m@ rate=5r/s;`, // after an argument
  `limit_req_zone $binary_remote_addr zone=z:1m rate=5r/s@;`, // before ";"
  `limit_req_zone $binary_remote_addr zone=z:1m rate=5@r/s;`, // inside an argument
  `limit_req_zone "$binary@_remote_addr" zone=z:1m rate=5r/s;`, // inside a quoted argument
  `limit_req_zone $binary_remote_addr zone=z:1m rate=5r/s; # a comment@ here`, // inside a comment
  `set $x \${a@b}; ${ZONE}`, // inside \${...}
  `${ZONE}\nserver@{ limit_req zone=z; }`, // before "{"
  `${ZONE}\nserver {@limit_req zone=z; }`, // first thing inside a block
  `${ZONE}\nserver { limit_req zone=z;@}`, // last thing inside a block
  `${ZONE}\nserver { location / { limit_req zone=z burst=5; }@}`, // between nested blocks
  `${ZONE}\nserver { limit_req_status 429@; }`, // after a number
  `${ZONE}\nserver { limit_req zone=z burst=5@; }`, // after burst=N
  `${ZONE}\nserver { limit_req zone=z; }@`, // end of file after a block
  `${ZONE}\nserver { limit_req zone=z; }\n@`, // alone on the last line
];

describe("every Unicode whitespace character at every kind of place", () => {
  it("terminates with a config or a one-line InputError, never another error", () => {
    const texts = unicodeWhitespace().flatMap((ch) => PLACES.map((p) => p.replace("@", ch)));
    const outcomes = parseInChild(texts);
    expect(brokenPromises(texts, outcomes, 1000)).toEqual([]);
    // nginx's own whitespace changes nothing; a pasted no-break space never passes silently as a directive name.
    const at = (ch: string, place: number) => outcomes[texts.indexOf(PLACES[place].replace("@", ch))];
    for (const ch of [" ", "\t", "\r", "\n"]) for (const place of [0, 1, 2, 5, 12, 13, 14, 17, 18]) expect(at(ch, place).kind).toBe("config");
    expect(at("\uFEFF", 0).kind).toBe("config");
    for (const place of [1, 2, 14, 17, 18])
      expect(at("\u00A0", place)).toMatchObject({ kind: "InputError", message: expect.stringContaining('unknown directive "\\u00A0') });
    expect(at("\u00A0", 15)).toMatchObject({
      kind: "InputError",
      message: expect.stringContaining('limit_req_status must be a code from 400 to 599, got "429\\u00A0"'),
    });
  }, 60000);
});

/** A random edit of a fixture: characters the syntax cares about, random ones, deletions, duplications and splices. */
function mutate(rng: Rng, text: string, donors: readonly string[]): string {
  const syntax = [
    "{",
    "}",
    ";",
    '"',
    "'",
    "#",
    "$",
    "${",
    "\\",
    "\n",
    " ",
    "\t",
    "\r",
    "\u00A0",
    "\v",
    "\f",
    "\uFEFF",
    "\u2028",
    "\u0085",
    "\u0000",
    "\uD800",
    "{{{{",
    "}}}}",
  ];
  let out = text;
  for (let edits = rng.int(1, 4); edits > 0; edits--) {
    const at = rng.int(0, out.length);
    const to = Math.min(out.length, at + rng.int(0, 40));
    switch (rng.int(0, 5)) {
      case 0:
        out = out.slice(0, at) + rng.pick(syntax) + out.slice(at);
        break;
      case 1:
        out = out.slice(0, at) + String.fromCharCode(rng.int(0, 0xffff)) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(to);
        break;
      case 3:
        out = out.slice(0, to) + out.slice(at, to) + out.slice(to);
        break;
      case 4: {
        const donor = rng.pick(donors);
        const from = rng.int(0, donor.length);
        out = out.slice(0, at) + donor.slice(from, from + rng.int(1, 80)) + out.slice(at);
        break;
      }
      default:
        out = out.slice(0, at);
    }
  }
  return out;
}

/** Random characters, weighted towards the ones nginx's syntax cares about. */
function randomText(rng: Rng): string {
  const alphabet = "{};\"'#$\\ \t\r\n\u00A0\v\f\uFEFF\u2028abz=:/0129";
  let out = "";
  for (let n = rng.int(0, 200); n > 0; n--) out += rng.chance(0.8) ? alphabet[rng.int(0, alphabet.length - 1)] : String.fromCharCode(rng.int(0, 0xffff));
  return out;
}

const SEED = 20260412;

describe("random mutations of the nginx fixtures", () => {
  it(`seed ${SEED}: 3000 inputs, each a config or a one-line InputError, none slow`, () => {
    const rng = new Rng(SEED);
    const fixtures = fs
      .readdirSync(NGINX)
      .filter((f) => f.endsWith(".conf"))
      .map((f) => fs.readFileSync(path.join(NGINX, f), "utf8"));
    const texts: string[] = [];
    for (let i = 0; i < 2500; i++) texts.push(mutate(rng, rng.pick(fixtures), fixtures));
    for (let i = 0; i < 500; i++) texts.push(randomText(rng));
    const started = Date.now();
    const outcomes = parseInChild(texts);
    expect(brokenPromises(texts, outcomes, 250)).toEqual([]);
    expect(outcomes.reduce((ms, o) => ms + o.ms, 0)).toBeLessThan(5000);
    // Both kinds of answer occur: the mutations are neither all harmless nor all fatal.
    expect(outcomes.some((o) => o.kind === "config") && outcomes.some((o) => o.kind === "InputError")).toBe(true);
    expect(Date.now() - started).toBeLessThan(CHILD_TIME_LIMIT_MS);
  }, 60000);
});

describe("large and deeply nested inputs", () => {
  it("finish in linear time; nesting deeper than 100 blocks is a one-line InputError, not a stack overflow", () => {
    const mb = 1 << 20;
    const texts = [
      "{".repeat(100000),
      "a {".repeat(100000),
      `${"a {".repeat(100)}${"}".repeat(100)}`,
      `${"a {".repeat(101)}${"}".repeat(101)}`,
      "}".repeat(100000),
      ";".repeat(100000),
      "\u00A0".repeat(mb),
      `${ZONE}\n${"\u00A0 ".repeat(mb / 2)}`,
      "#".repeat(mb),
      "${".repeat(mb / 2),
      `set $x "${"\\".repeat(mb)}`,
      `set ${"a ".repeat(mb / 2)};`,
      `${ZONE}\n${"server { limit_req zone=z; }\n".repeat(20000)}`,
    ];
    const outcomes = parseInChild(texts);
    expect(brokenPromises(texts, outcomes, 2000)).toEqual([]);
    expect(outcomes[0]).toMatchObject({ kind: "InputError", message: 'h.conf: line 1: unexpected "{"' });
    expect(outcomes[1]).toMatchObject({
      kind: "InputError",
      message: "h.conf: line 1: blocks nested more than 100 deep (nginx configurations nest a few levels)",
    });
    expect(outcomes[2].kind).toBe("config");
    expect(outcomes[3]).toMatchObject({
      kind: "InputError",
      message: "h.conf: line 1: blocks nested more than 100 deep (nginx configurations nest a few levels)",
    });
    // A megabyte-long word is shown cut, not copied into the message.
    expect(outcomes[6]).toMatchObject({
      kind: "InputError",
      message: `h.conf: line 1: unknown directive "${"\\u00A0".repeat(40)}...": nginx separates words only with space, tab, CR and LF, so other whitespace and invisible characters are part of the word`,
    });
    expect(outcomes[12].kind).toBe("config");
  }, 60000);
});

describe("zone names are ordinary names", () => {
  it.each(["constructor", "toString", "__proto__"])("limit_req zone=%s without a limit_req_zone of that name is refused, as nginx refuses it", (name) => {
    expect(() =>
      parseNginxConfig(`limit_req_zone $binary_remote_addr zone=z:1m rate=5r/s;\nserver { location / { limit_req zone=${name}; } }\n`, "proxy.conf"),
    ).toThrow(`limit_req names zone "${name}", which no limit_req_zone declares`);
  });

  it("a zone named __proto__ is a zone like any other", () => {
    const config = parseNginxConfig(
      "limit_req_zone $binary_remote_addr zone=__proto__:1m rate=5r/s;\nserver { location / { limit_req zone=__proto__; } }\n",
      "proxy.conf",
    );
    expect(Object.keys(config.zones)).toEqual(["__proto__"]);
    expect(config.zones["__proto__"].perSecond).toBe(5);
  });
});
