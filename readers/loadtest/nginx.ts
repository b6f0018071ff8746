// Reads the request-rate limits of an nginx configuration placed in front of the Genesys API:
// `limit_req_zone` (key, zone, rate in r/s or r/m), `limit_req` (zone, burst, nodelay / delay),
// `limit_req_status` (default 503) and `limit_req_dry_run`, with nginx's inheritance rule (a level
// inherits the limit_req directives of the level above only when it defines none itself) and its
// location selection, so a request path can be traced to the limits that apply to it.
// Source: nginx docs, ngx_http_limit_req_module and ngx_http_core_module "location".
import { InputError } from "../../model/input-error";
import { displayPath, readTextFile } from "../validate";
import {
  NGINX_DEFAULT_REJECT_STATUS,
  type NginxDirective,
  type KeyKind,
  type LimitZone,
  type LimitReq,
  type LimitContext,
  type NginxLocation,
  type NginxServer,
  type NginxConfig,
} from "../../model/nginx-config";

export function readNginxFile(file: string): NginxConfig {
  return parseNginxConfig(readTextFile(file), displayPath(file));
}

export function parseNginxConfig(text: string, file: string): NginxConfig {
  const directives = parseDirectives(text, file);
  const http = directives.find((d) => d.name === "http" && d.block);
  const httpLevel = http?.block ?? directives; // a conf.d fragment is already inside http
  const notes: string[] = [];
  // No prototype: a zone named "constructor" or "__proto__" is an ordinary name, not Object's.
  const zones: Record<string, LimitZone> = Object.create(null);
  for (const d of httpLevel)
    if (d.name === "limit_req_zone") {
      const zone = readZone(d, file);
      zones[zone.name] = zone;
    }
  for (const d of walkAll(directives)) {
    if (d.name === "include") notes.push(`include ${printable(d.args.join(" "))} (line ${d.line}) is not followed: limits in included files are not read`);
    if (d.name === "limit_req_zone" && !httpLevel.includes(d))
      throw new InputError(file, `line ${d.line}`, '"limit_req_zone" is only allowed in the http context');
  }
  const top = context(httpLevel, undefined, "http", http?.line ?? 1, file);
  const servers = httpLevel.filter((d) => d.name === "server" && d.block).map((d) => readServer(d, top, file, notes));
  for (const ctx of allContexts(top, servers)) {
    for (const l of ctx.limits)
      if (!zones[l.zone]) throw new InputError(file, `line ${l.line}`, `limit_req names zone "${printable(l.zone)}", which no limit_req_zone declares`);
  }
  return { file, zones, servers, http: top, notes };
}

function* walkAll(ds: readonly NginxDirective[]): Generator<NginxDirective> {
  for (const d of ds) {
    yield d;
    if (d.block) yield* walkAll(d.block);
  }
}

function allContexts(top: LimitContext, servers: readonly NginxServer[]): LimitContext[] {
  const out = [top];
  const visit = (ls: readonly NginxLocation[]) => ls.forEach((l) => (out.push(l.context), visit(l.locations)));
  for (const s of servers) {
    out.push(s.context);
    visit(s.locations);
  }
  return out;
}

function readZone(d: NginxDirective, file: string): LimitZone {
  const [key, ...rest] = d.args;
  const zoneArg = rest.find((a) => a.startsWith("zone="));
  const rateArg = rest.find((a) => a.startsWith("rate="));
  if (!key || !zoneArg) throw new InputError(file, `line ${d.line}`, "limit_req_zone needs a key and zone=name:size");
  const name = zoneArg.slice(5).split(":")[0];
  if (!rateArg) throw new InputError(file, `line ${d.line}`, `limit_req_zone ${printable(name)} has no rate= (e.g. rate=5r/s or rate=300r/m)`);
  const rate = /^rate=(\d+)r\/(s|m)$/.exec(rateArg);
  if (!rate)
    throw new InputError(
      file,
      `line ${d.line}`,
      `invalid rate "${printable(rateArg.slice(5))}": nginx accepts a whole number of requests per second or minute (e.g. 5r/s, 300r/m)`,
    );
  const n = Number(rate[1]);
  return { name, key, keyKind: keyKind(key), perSecond: rate[2] === "s" ? n : n / 60, rateText: `${rate[1]}r/${rate[2]}`, line: d.line };
}

function keyKind(key: string): KeyKind {
  const k = key.replace(/^"|"$/g, "");
  if (/^\$(binary_remote_addr|remote_addr|realip_remote_addr|http_x_forwarded_for|proxy_add_x_forwarded_for)$/.test(k)) return "client";
  if (/^\$http_authorization$/i.test(k)) return "token";
  if (/^\$(server_name|host|http_host)$/.test(k) || !k.includes("$")) return "global";
  return "other";
}

function context(level: readonly NginxDirective[], parent: LimitContext | undefined, label: string, line: number, file: string): LimitContext {
  const limits = level.filter((d) => d.name === "limit_req").map((d) => readLimitReq(d, file));
  const status = level.find((d) => d.name === "limit_req_status");
  const dry = level.find((d) => d.name === "limit_req_dry_run");
  const proxy = level.find((d) => d.name === "proxy_pass");
  let statusCode = parent?.status ?? NGINX_DEFAULT_REJECT_STATUS;
  if (status) {
    const code = wholeNumber(status.args[0] ?? "");
    if (code === undefined || code < 400 || code > 599)
      throw new InputError(file, `line ${status.line}`, `limit_req_status must be a code from 400 to 599, got "${printable(status.args[0] ?? "")}"`);
    statusCode = code;
  }
  return {
    label: parent && parent.label !== "http" ? `${parent.label} > ${label}` : label,
    line,
    // nginx: limit_req directives are inherited only when the level defines none of its own.
    limits: limits.length ? limits : (parent?.limits ?? []),
    status: statusCode,
    statusSet: status !== undefined || (parent?.statusSet ?? false),
    dryRun: dry ? dry.args[0] === "on" : (parent?.dryRun ?? false),
    ...(proxy ? { proxyPass: proxy.args[0] } : parent?.proxyPass ? { proxyPass: parent.proxyPass } : {}),
  };
}

function readLimitReq(d: NginxDirective, file: string): LimitReq {
  const zoneArg = d.args.find((a) => a.startsWith("zone="));
  if (!zoneArg) throw new InputError(file, `line ${d.line}`, "limit_req needs zone=name");
  const odd = d.args.find((a) => !/^(zone|burst|delay)=/.test(a) && a !== "nodelay");
  if (odd !== undefined) throw new InputError(file, `line ${d.line}`, `limit_req: invalid parameter "${printable(odd)}" (a missing ";"?)`);
  const burstArg = d.args.find((a) => a.startsWith("burst="));
  const delayArg = d.args.find((a) => a.startsWith("delay="));
  const num = (arg: string | undefined, what: string) => {
    if (arg === undefined) return undefined;
    const n = wholeNumber(arg.slice(arg.indexOf("=") + 1));
    if (n === undefined) throw new InputError(file, `line ${d.line}`, `invalid ${what} "${printable(arg)}"`);
    return n;
  };
  return {
    zone: zoneArg.slice(5),
    burst: num(burstArg, "burst") ?? 0,
    nodelay: d.args.includes("nodelay"),
    ...(delayArg ? { delay: num(delayArg, "delay") } : {}),
    line: d.line,
  };
}

/**
 * A number as nginx reads it (ngx_atoi): digits only. Number() would also take "429\u00A0",
 * " 429", "0x1F5" or "", which nginx refuses.
 */
function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function readServer(d: NginxDirective, top: LimitContext, file: string, notes: string[]): NginxServer {
  const block = d.block!;
  const names = block.filter((x) => x.name === "server_name").flatMap((x) => x.args);
  const defaultServer = block.some((x) => x.name === "listen" && x.args.includes("default_server"));
  const ctx = context(block, top, `server ${names[0] ?? "_"} (line ${d.line})`, d.line, file);
  return { names, defaultServer, context: ctx, locations: readLocations(block, ctx, file, notes) };
}

function readLocations(block: readonly NginxDirective[], parent: LimitContext, file: string, notes: string[]): NginxLocation[] {
  const out: NginxLocation[] = [];
  for (const d of block) {
    if (d.name !== "location" || !d.block) continue;
    const [first, second] = d.args;
    const modifier = (second !== undefined && ["=", "~", "~*", "^~"].includes(first) ? first : "") as NginxLocation["modifier"];
    const pattern = modifier ? second : first;
    if (pattern === undefined) throw new InputError(file, `line ${d.line}`, "location needs a pattern");
    if (pattern.startsWith("@")) continue; // named location: only reached by internal redirects
    const ctx = context(d.block, parent, `location ${modifier ? `${modifier} ` : ""}${pattern} (line ${d.line})`, d.line, file);
    let regex: RegExp | undefined;
    if (modifier === "~" || modifier === "~*") {
      try {
        regex = new RegExp(pattern, modifier === "~*" ? "i" : "");
      } catch {
        notes.push(`location ${modifier} ${printable(pattern)} (line ${d.line}): the regular expression is not understood here and is skipped`);
        continue;
      }
    }
    out.push({ modifier, pattern, context: ctx, locations: readLocations(d.block, ctx, file, notes), ...(regex ? { regex } : {}) });
  }
  return out;
}

/** The server block that answers a host: exact, wildcard or regex server_name; else the default server. */
export function serverFor(config: NginxConfig, host: string | undefined): NginxServer | undefined {
  const h = host && !host.includes("${") ? host.toLowerCase() : undefined;
  if (h) {
    for (const s of config.servers) if (s.names.some((n) => n.toLowerCase() === h)) return s;
    for (const s of config.servers) if (s.names.some((n) => wildcardMatches(n.toLowerCase(), h))) return s;
  }
  return config.servers.find((s) => s.defaultServer) ?? config.servers[0];
}

function wildcardMatches(name: string, host: string): boolean {
  if (name.startsWith("*.")) return host.endsWith(name.slice(1));
  if (name.startsWith(".")) return host === name.slice(1) || host.endsWith(name);
  if (name.endsWith(".*")) return host.startsWith(name.slice(0, -1));
  if (name.startsWith("~")) {
    try {
      return new RegExp(name.slice(1)).test(host);
    } catch {
      return false;
    }
  }
  return false;
}

/** The limits that apply to a request path, with nginx's location selection. */
export function limitsFor(config: NginxConfig, host: string | undefined, path: string): LimitContext {
  const server = serverFor(config, host);
  if (!server) return config.http;
  return selectLocation(server.locations, path)?.context ?? server.context;
}

function selectLocation(locations: readonly NginxLocation[], path: string): NginxLocation | undefined {
  const exact = locations.find((l) => l.modifier === "=" && l.pattern === path);
  if (exact) return exact;
  let prefix: NginxLocation | undefined;
  for (const l of locations) {
    if ((l.modifier === "" || l.modifier === "^~") && path.startsWith(l.pattern) && (!prefix || l.pattern.length > prefix.pattern.length)) prefix = l;
  }
  if (prefix) {
    // Locations nested in the longest prefix are considered first (approximation of nginx's order).
    const nested = selectLocation(prefix.locations, path);
    if (nested) return nested;
    if (prefix.modifier === "^~") return prefix; // ^~: no regular expressions are checked
  }
  const regex = locations.find((l) => l.regex?.test(path));
  if (regex) return selectLocation(regex.locations, path) ?? regex;
  return prefix;
}

/** Every limit_req in force somewhere in the configuration, with its context (one entry per context and zone). */
export function limitUsages(config: NginxConfig): { context: LimitContext; limit: LimitReq; zone: LimitZone }[] {
  const seen = new Set<LimitReq>();
  const out: { context: LimitContext; limit: LimitReq; zone: LimitZone }[] = [];
  for (const context of allContexts(config.http, config.servers)) {
    for (const limit of context.limits) {
      if (seen.has(limit)) continue; // inherited: reported where it is written
      seen.add(limit);
      out.push({ context, limit, zone: config.zones[limit.zone] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer and parser for nginx's configuration syntax

interface Token {
  kind: "word" | "{" | "}" | ";";
  text: string;
  line: number;
}

// nginx's lexer (ngx_conf_read_token in ngx_conf_file.c) separates words only with space, tab, CR
// and LF; every other byte, a no-break space or a form feed included, is part of a word.
const NGINX_SPACE = /[ \t\r\n]/;
// Where a bare word ends: nginx ends it at its whitespace, ";" and "{"; this reader also at "}"
// and at quotes, as it always has (nginx keeps them inside a word, which configurations rarely rely on).
const WORD_END = /[ \t\r\n;{}"']/;
// Characters that cannot be seen in an editor or that end a line in a message: pasted into a
// directive name they make a directive nginx does not know, and in a message they are escaped.
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Cs}]/u;
/** Characters of a value a message shows: escaped, 40 can take 240, still one readable line. */
const MAX_SHOWN = 40;
/** Deeper nesting is refused rather than recursed into (real configurations nest a few levels). */
const MAX_NESTING = 100;

/**
 * Splits the text into words and the punctuation ";", "{" and "}". Each step of the loop consumes
 * at least one character (every reader below returns an end after its start), so any text, however
 * odd, is read in one pass.
 */
function tokenize(text: string, file: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = text.startsWith("\uFEFF") ? 1 : 0; // a byte-order mark some editors write (readTextFile strips it too)
  while (i < text.length) {
    const ch = text[i];
    let end = i + 1;
    if (ch === "#") end = commentEnd(text, i);
    else if (ch === "{" || ch === "}" || ch === ";") out.push({ kind: ch, text: ch, line });
    else if (ch === '"' || ch === "'") {
      end = quotedEnd(text, i, line, file);
      out.push({ kind: "word", text: unquote(text.slice(i, end)), line });
    } else if (!NGINX_SPACE.test(ch)) {
      end = wordEnd(text, i, line, file);
      out.push({ kind: "word", text: text.slice(i, end), line });
    }
    line += newlines(text, i, end);
    i = end;
  }
  return out;
}

/** A comment runs to the end of its line (the newline itself is read as whitespace). */
function commentEnd(text: string, start: number): number {
  const newline = text.indexOf("\n", start);
  return newline < 0 ? text.length : newline;
}

/** The index after the closing quote; a backslash escapes the character after it. */
function quotedEnd(text: string, start: number, line: number, file: string): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i + 1;
  }
  throw new InputError(file, `line ${line}`, `unterminated ${quote === '"' ? "double" : "single"}-quoted string`);
}

/** The value of a quoted word: without its quotes, each backslash replaced by the character it escapes. */
function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\([\s\S])/g, "$1");
}

/** The end of a bare word; its first character is always part of it, whatever that is. */
function wordEnd(text: string, start: number, line: number, file: string): number {
  let i = start;
  do i = text.startsWith("${", i) ? variableEnd(text, i, line, file) : i + 1;
  while (i < text.length && !WORD_END.test(text[i]));
  return i;
}

/** "${name}" may hold "{" inside a word; its "}" must come before the word ends (a variable name has no spaces). */
function variableEnd(text: string, start: number, line: number, file: string): number {
  let i = start + 2;
  while (i < text.length && !WORD_END.test(text[i])) i++;
  if (text[i] !== "}") throw new InputError(file, `line ${line}`, 'unterminated "${" variable');
  return i + 1;
}

function newlines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (text[i] === "\n") n++;
  return n;
}

/**
 * A value from the file as shown in a one-line message: characters that cannot be seen or that
 * break the line (a newline in a quoted word, U+2028, a no-break space, a BOM) become \uXXXX, and
 * a value longer than a message line is cut (a garbled file can hold a word of megabytes).
 */
function printable(value: string): string {
  const shown = [...value.slice(0, MAX_SHOWN)]
    .map((c) => (c !== " " && INVISIBLE.test(c) ? `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : c))
    .join("");
  return value.length > MAX_SHOWN ? `${shown}...` : shown;
}

/** The directive's name, refused when it holds a character nginx would read as part of the name although it looks like a space or nothing. */
function directiveName(words: readonly Token[], file: string): string {
  const name = words[0];
  if (INVISIBLE.test(name.text)) {
    throw new InputError(
      file,
      `line ${name.line}`,
      `unknown directive "${printable(name.text)}": nginx separates words only with space, tab, CR and LF, so other whitespace and invisible characters are part of the word`,
    );
  }
  return name.text;
}

export function parseDirectives(text: string, file: string): NginxDirective[] {
  const tokens = tokenize(text, file);
  let pos = 0;
  const block = (depth: number, openLine: number): NginxDirective[] => {
    const out: NginxDirective[] = [];
    let words: Token[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++];
      if (t.kind === "word") words.push(t);
      else if (t.kind === ";") {
        if (!words.length) throw new InputError(file, `line ${t.line}`, 'unexpected ";"');
        out.push({ name: directiveName(words, file), args: words.slice(1).map((w) => w.text), line: words[0].line });
        words = [];
      } else if (t.kind === "{") {
        if (!words.length) throw new InputError(file, `line ${t.line}`, 'unexpected "{"');
        // Each block is a level of recursion here: bound it before a stack overflow does.
        if (depth >= MAX_NESTING)
          throw new InputError(file, `line ${t.line}`, `blocks nested more than ${MAX_NESTING} deep (nginx configurations nest a few levels)`);
        const head = words;
        words = [];
        out.push({ name: directiveName(head, file), args: head.slice(1).map((w) => w.text), line: head[0].line, block: block(depth + 1, t.line) });
      } else {
        if (words.length)
          throw new InputError(
            file,
            `line ${t.line}`,
            `unexpected "}": directive "${directiveName(words, file)}" (line ${words[0].line}) is not terminated by ";"`,
          );
        if (depth === 0) throw new InputError(file, `line ${t.line}`, 'unexpected "}"');
        return out;
      }
    }
    if (words.length)
      throw new InputError(file, `line ${words[0].line}`, `unexpected end of file: directive "${directiveName(words, file)}" is not terminated by ";"`);
    if (depth > 0) throw new InputError(file, `line ${openLine}`, 'unexpected end of file: the block opened here has no closing "}"');
    return out;
  };
  return block(0, 1);
}

/** "5r/s (300 per minute)" for messages. */
export function describeZoneRate(zone: LimitZone): string {
  return zone.rateText.endsWith("r/m")
    ? `${zone.rateText} (${round(zone.perSecond)} per second)`
    : `${zone.rateText} (${round(zone.perSecond * 60)} per minute)`;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}
