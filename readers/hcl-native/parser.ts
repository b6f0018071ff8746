// A recursive-descent parser for the HCL native syntax that Terraform uses (bodies, blocks, the
// expression grammar, quoted templates, heredocs, directives), written for one purpose: to produce
// exactly what @cdktf/hcl2json produces, many times faster. It is strict on purpose: whatever it
// is not sure hclsyntax reads the same way (non-ASCII names, provider functions, a comment across
// lines inside an expression, strip markers in an indented heredoc, a lone carriage return...) and
// every syntax error throws HandBack, and the caller gives that text to hcl2json instead. So it may
// refuse valid HCL, but it must never accept what hclsyntax rejects or read it differently; the
// differential test (test/hcl-differential.test.ts) holds it to that.
import type { Block, Body, Expr, ObjectItem, TemplatePart, TextPart } from "./ast";
import { stripIndentation } from "./heredoc-indent";

/** The fast reader is not sure of this text: the caller hands it to hcl2json. */
export class HandBack extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} (offset ${offset})`);
  }
}

/**
 * A number whose exponent has five digits or more: hcl2json would write out every digit of it
 * (minutes and gigabytes for `1e3000000`), so it is refused, not handed back (the caller says so
 * as an input error).
 */
export class HugeNumber extends Error {
  constructor(readonly offset: number) {
    super("a number with an exponent of 10000 or more");
  }
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const QUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const PERCENT = 37;
const AMP = 38;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;
const LT = 60;
const EQUALS = 61;
const GT = 62;
const QUESTION = 63;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const TILDE = 126;

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c) || c === MINUS;
/** Other Unicode spaces next to a strip marker: hclsyntax may strip them; the fast reader hands back. */
const OTHER_SPACE = /[\u000b\u000c\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

type Terminator = "quote" | "heredoc" | "else" | "endif" | "endfor";

interface HeredocState {
  marker: string;
  flush: boolean;
  /** Text parts that begin a line, and lines that begin with an interpolation or directive (null). */
  lineStarts: (TextPart | null)[];
}

export class HclParser {
  pos = 0;
  /** The last text part, while nothing else has followed it: a `~` after it strips its end. */
  private lastText: TextPart | undefined;
  /** A `~}` was read: the next text part loses its leading whitespace. */
  private trimNext = false;
  private heredoc: HeredocState | undefined;

  constructor(readonly src: string) {}

  /** Template state left by an item that was handed back mid-template. */
  reset(): void {
    this.lastText = undefined;
    this.trimNext = false;
    this.heredoc = undefined;
  }

  fail(reason: string): never {
    throw new HandBack(reason, this.pos);
  }

  // ---------------------------------------------------------------- whitespace and comments

  /** The length of the newline at `at` (1 or 2 for CRLF), 0 when there is none. A lone CR is refused. */
  private newlineAt(at: number): number {
    const c = this.src.charCodeAt(at);
    if (c === LF) return 1;
    if (c === CR) {
      if (this.src.charCodeAt(at + 1) === LF) return 2;
      this.pos = at;
      this.fail("carriage return without a line feed");
    }
    return 0;
  }

  /**
   * Skips spaces, tabs and comments; with `newlines`, line breaks too. Without, a line comment is
   * skipped up to its newline (which then ends the item) and a block comment must stay on its line.
   */
  skip(newlines: boolean): void {
    const s = this.src;
    const n = s.length;
    while (this.pos < n) {
      const c = s.charCodeAt(this.pos);
      if (c === SPACE || c === TAB) this.pos++;
      else if (c === LF || c === CR) {
        if (!newlines) return;
        this.pos += this.newlineAt(this.pos);
      } else if (c === HASH || (c === SLASH && s.charCodeAt(this.pos + 1) === SLASH)) {
        let i = this.pos;
        while (i < n) {
          const d = s.charCodeAt(i);
          if (d === LF || d === CR) break;
          i++;
        }
        this.pos = i;
      } else if (c === SLASH && s.charCodeAt(this.pos + 1) === STAR) {
        const end = s.indexOf("*/", this.pos + 2);
        if (end < 0) this.fail("unterminated comment");
        if (!newlines) for (let i = this.pos; i < end; i++) if (s.charCodeAt(i) === LF || s.charCodeAt(i) === CR) this.fail("block comment across lines");
        this.pos = end + 2;
      } else return;
    }
  }

  private expect(code: number, what: string): void {
    if (this.src.charCodeAt(this.pos) !== code) this.fail(`expected ${what}`);
    this.pos++;
  }

  private ident(): string {
    const s = this.src;
    const start = this.pos;
    if (!isIdentStart(s.charCodeAt(start))) this.fail("expected a name");
    let i = start + 1;
    while (isIdentPart(s.charCodeAt(i))) i++;
    // A name running into a non-ASCII letter: hclsyntax reads Unicode names, this parser does not.
    if (s.charCodeAt(i) >= 128) {
      this.pos = i;
      this.fail("non-ASCII name");
    }
    this.pos = i;
    return s.slice(start, i);
  }

  /** A keyword (`in`, `if`) at pos, as a whole word. */
  private keywordAt(word: string): boolean {
    return (
      this.src.startsWith(word, this.pos) && !isIdentPart(this.src.charCodeAt(this.pos + word.length)) && this.src.charCodeAt(this.pos + word.length) < 128
    );
  }

  // ---------------------------------------------------------------- bodies

  /** One item of a body at pos: an attribute or a block, through the newline that ends it. */
  parseItem(body: Body, names: Set<string>): void {
    const name = this.ident();
    this.skip(false);
    const s = this.src;
    const c = s.charCodeAt(this.pos);
    if (c === EQUALS && s.charCodeAt(this.pos + 1) !== EQUALS) {
      this.pos++;
      this.skip(false);
      const expr = this.parseExpr(true);
      if (names.has(name)) this.fail(`argument ${name} set twice`);
      names.add(name);
      body.attributes.push({ name, expr });
      this.endOfItem();
      return;
    }
    const labels: string[] = [];
    for (;;) {
      const d = s.charCodeAt(this.pos);
      if (d === QUOTE) labels.push(this.label());
      else if (isIdentStart(d)) labels.push(this.ident());
      else if (d === LBRACE) break;
      else this.fail("expected a block label or {");
      this.skip(false);
    }
    this.pos++;
    this.skip(false);
    const block: Block = { type: name, labels, body: { attributes: [], blocks: [] } };
    const nl = this.newlineAt(this.pos);
    if (nl) {
      this.pos += nl;
      block.body = this.parseBody();
    } else if (s.charCodeAt(this.pos) === RBRACE) {
      this.pos++;
    } else {
      // A single-line block holds one argument.
      const inner = this.ident();
      this.skip(false);
      if (s.charCodeAt(this.pos) !== EQUALS || s.charCodeAt(this.pos + 1) === EQUALS) this.fail("a single-line block holds one argument");
      this.pos++;
      this.skip(false);
      block.body.attributes.push({ name: inner, expr: this.parseExpr(true) });
      this.skip(false);
      this.expect(RBRACE, "} closing a single-line block");
    }
    body.blocks.push(block);
    this.endOfItem();
  }

  /** The items of a block's body, through its closing brace. */
  private parseBody(): Body {
    const body: Body = { attributes: [], blocks: [] };
    const names = new Set<string>();
    for (;;) {
      this.skip(true);
      if (this.pos >= this.src.length) this.fail("unclosed block");
      if (this.src.charCodeAt(this.pos) === RBRACE) {
        this.pos++;
        return body;
      }
      this.parseItem(body, names);
    }
  }

  /** After an item: the end of its line (a comment may come first) or of the text. */
  private endOfItem(): void {
    this.skip(false);
    if (this.pos >= this.src.length) return;
    const nl = this.newlineAt(this.pos);
    if (!nl) this.fail("missing newline after an item");
    this.pos += nl;
  }

  /** A quoted block label: no escapes, interpolations or directives (hclsyntax's rules for those differ). */
  private label(): string {
    const s = this.src;
    const start = ++this.pos;
    for (let i = start; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return s.slice(start, i);
      }
      if (c === BACKSLASH || c === LF || c === CR || ((c === DOLLAR || c === PERCENT) && (s.charCodeAt(i + 1) === LBRACE || s.charCodeAt(i + 1) === c))) {
        this.pos = i;
        this.fail("a label with escapes or template syntax");
      }
    }
    return this.fail("unterminated label");
  }

  // ---------------------------------------------------------------- expressions

  /** An expression; `nl`: a newline ends it (attribute and object values), else newlines are spaces. */
  parseExpr(nl: boolean): Expr {
    const condition = this.parseBinary(nl, 0);
    const save = this.pos;
    this.skip(!nl);
    if (this.src.charCodeAt(this.pos) !== QUESTION) {
      this.pos = save;
      return condition;
    }
    this.pos++;
    this.skip(!nl);
    const whenTrue = this.parseExpr(nl);
    this.skip(!nl);
    this.expect(COLON, ": of a conditional");
    this.skip(!nl);
    const whenFalse = this.parseExpr(nl);
    return { kind: "conditional", start: condition.start, end: whenFalse.end, condition, whenTrue, whenFalse };
  }

  /** The length of a binary operator of the level at pos, 0 when there is none. */
  private operatorAt(level: number): number {
    const s = this.src;
    const c = s.charCodeAt(this.pos);
    const d = s.charCodeAt(this.pos + 1);
    switch (level) {
      case 0:
        return c === PIPE && d === PIPE ? 2 : 0;
      case 1:
        return c === AMP && d === AMP ? 2 : 0;
      case 2:
        return (c === EQUALS || c === BANG) && d === EQUALS ? 2 : 0;
      case 3:
        if (c === LT || c === GT) return d === EQUALS ? 2 : d === LT || d === GT ? 0 : 1;
        return 0;
      case 4:
        return c === PLUS || c === MINUS ? 1 : 0;
      default:
        // `/` here is division: comments were skipped before.
        return c === STAR || c === SLASH || c === PERCENT ? 1 : 0;
    }
  }

  private parseBinary(nl: boolean, level: number): Expr {
    if (level === 6) return this.parseUnary(nl);
    let left = this.parseBinary(nl, level + 1);
    for (;;) {
      const save = this.pos;
      this.skip(!nl);
      const length = this.operatorAt(level);
      if (!length) {
        this.pos = save;
        return left;
      }
      this.pos += length;
      this.skip(!nl);
      const right = this.parseBinary(nl, level + 1);
      left = { kind: "other", start: left.start, end: right.end };
    }
  }

  private parseUnary(nl: boolean): Expr {
    const c = this.src.charCodeAt(this.pos);
    if (c === MINUS || c === BANG) {
      const start = this.pos++;
      this.skip(!nl);
      const operand = this.parseUnary(nl);
      return { kind: "unary", op: c === MINUS ? "-" : "!", operand, start, end: operand.end };
    }
    return this.parsePostfix(nl);
  }

  /** A term and its attribute, index and splat steps (written without spaces before them). */
  private parsePostfix(nl: boolean): Expr {
    let e = this.parsePrimary(nl);
    const s = this.src;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === DOT) {
        const d = s.charCodeAt(this.pos + 1);
        if (d === DOT) return e; // `...` expanding a call's last argument or grouping a for expression's values
        if (e.kind === "literal") this.fail("a step after a literal");
        if (isIdentStart(d)) {
          this.pos++;
          this.ident();
          e = { kind: e.kind === "traversal" ? "traversal" : "other", start: e.start, end: this.pos };
        } else if (isDigit(d)) {
          // The legacy index `a.0`; `a.0.1` and `a.0e1` scan as numbers in hclsyntax: refused.
          let i = this.pos + 1;
          while (isDigit(s.charCodeAt(i))) i++;
          const next = s.charCodeAt(i);
          if (next === DOT || isIdentPart(next) || next >= 128) this.fail("a numeric step followed by more");
          this.pos = i;
          e = { kind: "other", start: e.start, end: i };
        } else if (d === STAR) {
          this.pos += 2;
          e = { kind: "other", start: e.start, end: this.pos };
        } else this.fail("expected a name after .");
      } else if (c === LBRACKET) {
        this.pos++;
        this.skip(true);
        if (s.charCodeAt(this.pos) === STAR) this.pos++;
        else this.parseExpr(false);
        this.skip(true);
        this.expect(RBRACKET, "]");
        e = { kind: "other", start: e.start, end: this.pos };
      } else return e;
    }
  }

  private parsePrimary(nl: boolean): Expr {
    const s = this.src;
    const c = s.charCodeAt(this.pos);
    const start = this.pos;
    if (isDigit(c)) return this.number();
    if (c === QUOTE) return this.quoted();
    if (c === LT && s.charCodeAt(this.pos + 1) === LT) return this.heredocTemplate();
    if (c === LPAREN) {
      this.pos++;
      this.skip(true);
      this.parseExpr(false);
      this.skip(true);
      this.expect(RPAREN, ")");
      return { kind: "other", start, end: this.pos };
    }
    if (c === LBRACKET) return this.tuple();
    if (c === LBRACE) return this.object();
    if (isIdentStart(c)) {
      const name = this.ident();
      const next = s.charCodeAt(this.pos);
      if (name === "true" || name === "false" || name === "null") {
        if (next === DOT || next === LBRACKET || next === LPAREN) this.fail("a step after a keyword");
        return { kind: "literal", value: name === "null" ? null : name === "true", start, end: this.pos };
      }
      if (next === LPAREN) return this.call(name, start);
      if (next === COLON && s.charCodeAt(this.pos + 1) === COLON) this.fail("a provider-defined function");
      return { kind: "traversal", start, end: this.pos };
    }
    void nl;
    return this.fail("unexpected character in an expression");
  }

  private number(): Expr {
    const s = this.src;
    const start = this.pos;
    let i = start;
    while (isDigit(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) === DOT && isDigit(s.charCodeAt(i + 1))) {
      i++;
      while (isDigit(s.charCodeAt(i))) i++;
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      if (s.charCodeAt(j) === PLUS || s.charCodeAt(j) === MINUS) j++;
      if (!isDigit(s.charCodeAt(j))) {
        this.pos = i;
        this.fail("a malformed exponent");
      }
      let k = j;
      while (isDigit(s.charCodeAt(j))) j++;
      while (s.charCodeAt(k) === 48 && k < j - 1) k++;
      if (j - k >= 5) throw new HugeNumber(start);
      i = j;
    }
    const after = s.charCodeAt(i);
    if (after === DOT || isIdentPart(after) || after >= 128) {
      this.pos = i;
      this.fail("a number followed by a name or a dot");
    }
    const text = s.slice(start, i);
    const value = Number(text);
    if (!Number.isFinite(value)) this.fail("a number beyond float64");
    this.pos = i;
    return { kind: "literal", value, text, start, end: i };
  }

  private call(name: string, start: number): Expr {
    const s = this.src;
    this.pos++;
    this.skip(true);
    const args: Expr[] = [];
    let expand = false;
    if (s.charCodeAt(this.pos) === RPAREN) {
      this.pos++;
      return { kind: "call", name, args, expand, start, end: this.pos };
    }
    for (;;) {
      args.push(this.parseExpr(false));
      this.skip(true);
      const c = s.charCodeAt(this.pos);
      if (c === DOT && s.startsWith("...", this.pos)) {
        this.pos += 3;
        expand = true;
        this.skip(true);
        this.expect(RPAREN, ") after ...");
        break;
      }
      if (c === COMMA) {
        this.pos++;
        this.skip(true);
        if (s.charCodeAt(this.pos) === RPAREN) {
          this.pos++;
          break;
        }
        continue;
      }
      this.expect(RPAREN, ", or ) in a call");
      break;
    }
    return { kind: "call", name, args, expand, start, end: this.pos };
  }

  /** `for` opening a for expression (a keyword followed by a name), right after `[` or `{`. */
  private atFor(): boolean {
    if (!this.src.startsWith("for", this.pos)) return false;
    const c = this.src.charCodeAt(this.pos + 3);
    if (isIdentPart(c) || c >= 128) return false;
    if (c !== SPACE && c !== TAB && c !== LF && c !== CR) this.fail("for followed by something unexpected");
    return true;
  }

  private forExpression(start: number, object: boolean): Expr {
    const s = this.src;
    this.pos += 3;
    this.skip(true);
    this.ident();
    this.skip(true);
    if (s.charCodeAt(this.pos) === COMMA) {
      this.pos++;
      this.skip(true);
      this.ident();
      this.skip(true);
    }
    if (!this.keywordAt("in")) this.fail("expected in");
    this.pos += 2;
    this.skip(true);
    this.parseExpr(false);
    this.skip(true);
    this.expect(COLON, ": in a for expression");
    this.skip(true);
    this.parseExpr(false);
    this.skip(true);
    if (object) {
      if (s.charCodeAt(this.pos) !== EQUALS || s.charCodeAt(this.pos + 1) !== GT) this.fail("expected =>");
      this.pos += 2;
      this.skip(true);
      this.parseExpr(false);
      this.skip(true);
      if (s.startsWith("...", this.pos)) {
        this.pos += 3;
        this.skip(true);
      }
    }
    if (this.keywordAt("if")) {
      this.pos += 2;
      this.skip(true);
      this.parseExpr(false);
      this.skip(true);
    }
    this.expect(object ? RBRACE : RBRACKET, "the end of a for expression");
    return { kind: "other", start, end: this.pos };
  }

  private tuple(): Expr {
    const s = this.src;
    const start = this.pos++;
    this.skip(true);
    if (this.atFor()) return this.forExpression(start, false);
    const items: Expr[] = [];
    if (s.charCodeAt(this.pos) === RBRACKET) {
      this.pos++;
      return { kind: "tuple", items, start, end: this.pos };
    }
    for (;;) {
      items.push(this.parseExpr(false));
      this.skip(true);
      if (s.charCodeAt(this.pos) === COMMA) {
        this.pos++;
        this.skip(true);
        if (s.charCodeAt(this.pos) === RBRACKET) {
          this.pos++;
          break;
        }
        continue;
      }
      this.expect(RBRACKET, ", or ] in a tuple");
      break;
    }
    return { kind: "tuple", items, start, end: this.pos };
  }

  private object(): Expr {
    const s = this.src;
    const start = this.pos++;
    this.skip(true);
    if (this.atFor()) return this.forExpression(start, true);
    const items: ObjectItem[] = [];
    for (;;) {
      if (s.charCodeAt(this.pos) === RBRACE) {
        this.pos++;
        break;
      }
      const item = this.objectKey();
      this.skip(false);
      const c = s.charCodeAt(this.pos);
      if (c === EQUALS && s.charCodeAt(this.pos + 1) !== EQUALS && s.charCodeAt(this.pos + 1) !== GT) this.pos++;
      else if (c === COLON) this.pos++;
      else this.fail("expected = or : after an object key");
      this.skip(false);
      items.push({ ...item, value: this.parseExpr(true) });
      this.skip(false);
      const d = s.charCodeAt(this.pos);
      if (d === COMMA) {
        this.pos++;
        this.skip(true);
      } else if (d === LF || d === CR) this.skip(true);
      else if (d !== RBRACE) this.fail("expected , or a newline between object items");
    }
    return { kind: "object", items, start, end: this.pos };
  }

  private objectKey(): { key: Expr; bareKey: boolean } {
    const s = this.src;
    const c = s.charCodeAt(this.pos);
    const start = this.pos;
    if (isIdentStart(c)) {
      const name = this.ident();
      if (name === "true" || name === "false" || name === "null" || name === "for") this.fail("a keyword as an object key");
      while (s.charCodeAt(this.pos) === DOT && isIdentStart(s.charCodeAt(this.pos + 1))) {
        this.pos++;
        this.ident();
      }
      const next = s.charCodeAt(this.pos);
      if (next === DOT || next === LBRACKET || next === LPAREN || next === COLON) this.fail("an object key with steps or a call");
      return { key: { kind: "traversal", start, end: this.pos }, bareKey: true };
    }
    if (c === QUOTE) return { key: this.quoted(), bareKey: false };
    if (c === LPAREN) return { key: this.parsePrimary(false), bareKey: false };
    if (isDigit(c)) {
      const key = this.number();
      if (key.kind !== "literal" || !/^(0|[1-9][0-9]{0,14})$/.test(key.text ?? "")) this.fail("a number key other than a plain integer");
      return { key, bareKey: false };
    }
    return this.fail("an object key of another form");
  }

  // ---------------------------------------------------------------- templates

  private quoted(): Expr {
    const start = this.pos++;
    const saved = this.heredoc;
    this.heredoc = undefined;
    this.lastText = undefined;
    this.trimNext = false;
    const { parts, terminator, hadText } = this.templateParts();
    if (terminator !== "quote") this.fail(`%{${terminator}} outside its directive`);
    this.heredoc = saved;
    this.pos++;
    this.lastText = undefined;
    this.trimNext = false;
    if (parts.length === 1 && parts[0].kind === "interpolation" && !hadText) {
      // "${x}" is hclsyntax's TemplateWrapExpr.
      return { kind: "wrap", inner: parts[0].expr, start, end: this.pos };
    }
    if (hadText) {
      // "${x~} ": text stripped to nothing may or may not leave a TemplateWrapExpr; that matters
      // unless hcl2json writes the expression as its source text either way.
      const kept = parts.filter((p) => p.kind !== "text" || p.value !== "");
      if (kept.length === 1 && kept[0].kind === "interpolation" && !["traversal", "call", "other"].includes(kept[0].expr.kind))
        this.fail("an interpolation alone after stripping");
    }
    return { kind: "template", parts, heredoc: false, start, end: this.pos };
  }

  private heredocTemplate(): Expr {
    const s = this.src;
    const start = this.pos;
    this.pos += 2;
    const flush = s.charCodeAt(this.pos) === MINUS;
    if (flush) this.pos++;
    const marker = this.ident();
    const nl = this.newlineAt(this.pos);
    if (!nl) this.fail("a heredoc marker not followed by a newline");
    this.pos += nl;
    const saved = this.heredoc;
    const state: HeredocState = { marker, flush, lineStarts: [] };
    this.heredoc = state;
    this.lastText = undefined;
    this.trimNext = false;
    const { parts, terminator } = this.templateParts();
    if (terminator !== "heredoc") this.fail(`%{${terminator}} outside its directive`);
    this.heredoc = saved;
    this.lastText = undefined;
    this.trimNext = false;
    if (flush) stripIndentation(state.lineStarts);
    return { kind: "template", parts, heredoc: true, start, end: this.pos };
  }

  /** At a line start inside a heredoc: the end marker line, if this is it (pos moves past the marker). */
  private heredocEndAt(): boolean {
    const s = this.src;
    const state = this.heredoc!;
    let i = this.pos;
    while (s.charCodeAt(i) === SPACE || s.charCodeAt(i) === TAB) i++;
    if (!s.startsWith(state.marker, i)) return false;
    const after = i + state.marker.length;
    const c = s.charCodeAt(after);
    if (c === SPACE || c === TAB) {
      // "EOT " may or may not close the heredoc in hclsyntax: not this parser's call.
      let j = after;
      while (s.charCodeAt(j) === SPACE || s.charCodeAt(j) === TAB) j++;
      if (j >= s.length || s.charCodeAt(j) === LF || s.charCodeAt(j) === CR) {
        this.pos = after;
        this.fail("a heredoc end marker followed by spaces");
      }
    }
    if (after >= s.length) this.fail("a heredoc end marker without a newline after it");
    if (c !== LF && c !== CR) return false;
    this.pos = after;
    return true;
  }

  /**
   * Template parts up to the closing quote, the heredoc's end marker, or a directive keyword that
   * closes an enclosing directive (`else`, `endif`, `endfor`: pos is after its `}` then).
   */
  private templateParts(): { parts: TemplatePart[]; terminator: Terminator; hadText: boolean } {
    const s = this.src;
    const heredoc = this.heredoc;
    const parts: TemplatePart[] = [];
    let hadText = false;
    let text = "";
    let textStart = -1; // where the current text began (-1: none yet)
    let lineStart = heredoc !== undefined && this.atHeredocLineStart();
    let textAtLineStart = false;
    const flushText = () => {
      if (textStart < 0) return;
      hadText = true;
      let value = text;
      if (this.trimNext) {
        value = trimStart(value, this);
        this.trimNext = false;
      }
      const part: TextPart = textAtLineStart ? { kind: "text", value, lineStart: true } : { kind: "text", value };
      if (heredoc && textAtLineStart) heredoc.lineStarts.push(part);
      parts.push(part);
      this.lastText = part;
      text = "";
      textStart = -1;
    };
    const beginText = () => {
      if (textStart < 0) {
        textStart = this.pos;
        textAtLineStart = lineStart;
      }
      lineStart = false;
    };
    for (;;) {
      if (heredoc && lineStart && textStart < 0 && this.heredocEndAt()) {
        return { parts, terminator: "heredoc", hadText };
      }
      if (this.pos >= s.length) this.fail("unterminated template");
      const c = s.charCodeAt(this.pos);
      if (!heredoc && c === QUOTE) {
        flushText();
        return { parts, terminator: "quote", hadText };
      }
      if (c === LF || c === CR) {
        if (!heredoc) this.fail("a newline in a quoted string");
        const nl = this.newlineAt(this.pos);
        if (nl === 2) this.fail("CRLF in a heredoc");
        beginText();
        text += "\n";
        this.pos += 1;
        // A heredoc's text is one token per line in hclsyntax: each line starts a part.
        flushText();
        lineStart = true;
        continue;
      }
      if (c === BACKSLASH && !heredoc) {
        beginText();
        text += this.escape();
        continue;
      }
      if (c === DOLLAR || c === PERCENT) {
        const d = s.charCodeAt(this.pos + 1);
        if (d === c && s.charCodeAt(this.pos + 2) === LBRACE) {
          beginText();
          text += c === DOLLAR ? "${" : "%{";
          this.pos += 3;
          continue;
        }
        if (d === LBRACE) {
          if (heredoc && lineStart && textStart < 0) heredoc.lineStarts.push(null);
          lineStart = false;
          const strip = s.charCodeAt(this.pos + 2) === TILDE;
          if (strip && heredoc?.flush) this.fail("a strip marker in an indented heredoc");
          flushText();
          if (strip) {
            if (this.lastText) this.lastText.value = trimEnd(this.lastText.value, this);
          }
          this.lastText = undefined;
          this.trimNext = false;
          this.pos += strip ? 3 : 2;
          if (c === DOLLAR) {
            this.skip(true);
            const expr = this.parseExpr(false);
            if (heredoc?.flush && /[\r\n]/.test(s.slice(expr.start, expr.end))) this.fail("a multi-line interpolation in an indented heredoc");
            this.skip(true);
            this.closeTemplateSequence();
            parts.push({ kind: "interpolation", expr });
            this.lastText = undefined;
            continue;
          }
          const directive = this.directive();
          if (directive.kind === "end") {
            return { parts, terminator: directive.keyword, hadText };
          }
          parts.push(directive.part);
          this.lastText = undefined;
          continue;
        }
      }
      beginText();
      // Plain text up to the next special character, in one slice.
      let i = this.pos + 1;
      while (i < s.length) {
        const d = s.charCodeAt(i);
        if (d === LF || d === CR || d === DOLLAR || d === PERCENT || (d === QUOTE && !heredoc) || (d === BACKSLASH && !heredoc)) break;
        i++;
      }
      text += s.slice(this.pos, i);
      this.pos = i;
    }
  }

  private atHeredocLineStart(): boolean {
    const c = this.src.charCodeAt(this.pos - 1);
    return c === LF;
  }

  /** After an interpolation's or directive's expression: an optional `~` and the closing `}`. */
  private closeTemplateSequence(): void {
    if (this.src.charCodeAt(this.pos) === TILDE) {
      if (this.heredoc?.flush) this.fail("a strip marker in an indented heredoc");
      this.pos++;
      this.expect(RBRACE, "}");
      this.trimNext = true;
      return;
    }
    this.expect(RBRACE, "}");
  }

  /** A directive after `%{` (and its `~`): an if or for with its bodies, or a keyword ending one. */
  private directive(): { kind: "part"; part: TemplatePart } | { kind: "end"; keyword: "else" | "endif" | "endfor" } {
    this.skip(true);
    const keyword = this.ident();
    if (keyword === "else" || keyword === "endif" || keyword === "endfor") {
      this.skip(true);
      this.closeTemplateSequence();
      return { kind: "end", keyword };
    }
    if (keyword === "if") {
      this.skip(true);
      const condition = this.parseExpr(false);
      this.skip(true);
      this.closeTemplateSequence();
      const then = this.templateParts();
      let otherwise: TemplatePart[] = [];
      if (then.terminator === "else") {
        const rest = this.templateParts();
        if (rest.terminator !== "endif") this.fail("an if directive without endif");
        otherwise = rest.parts;
      } else if (then.terminator !== "endif") this.fail("an if directive without endif");
      return { kind: "part", part: { kind: "if", condition, then: then.parts, else: otherwise } };
    }
    if (keyword === "for") {
      this.skip(true);
      const first = this.ident();
      let second: string | undefined;
      this.skip(true);
      if (this.src.charCodeAt(this.pos) === COMMA) {
        this.pos++;
        this.skip(true);
        second = this.ident();
        this.skip(true);
      }
      if (!this.keywordAt("in")) this.fail("expected in");
      this.pos += 2;
      this.skip(true);
      const collection = this.parseExpr(false);
      this.skip(true);
      this.closeTemplateSequence();
      const body = this.templateParts();
      if (body.terminator !== "endfor") this.fail("a for directive without endfor");
      const part: TemplatePart =
        second === undefined
          ? { kind: "for", value: first, collection, body: body.parts }
          : { kind: "for", key: first, value: second, collection, body: body.parts };
      return { kind: "part", part };
    }
    return this.fail(`an unknown directive ${keyword}`);
  }

  /** A backslash escape in a quoted string. */
  private escape(): string {
    const s = this.src;
    const c = s.charCodeAt(this.pos + 1);
    this.pos += 2;
    switch (c) {
      case 110:
        return "\n";
      case 114:
        return "\r";
      case 116:
        return "\t";
      case QUOTE:
        return '"';
      case BACKSLASH:
        return "\\";
      case 117: // \uNNNN
      case 85: {
        // \UNNNNNNNN
        const digits = c === 117 ? 4 : 8;
        const hex = s.slice(this.pos, this.pos + digits);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) this.fail("a malformed unicode escape");
        const code = parseInt(hex, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.fail("an escape that is not a character");
        this.pos += digits;
        return String.fromCodePoint(code);
      }
      default:
        this.pos -= 2;
        return this.fail("an unknown escape");
    }
  }
}

function trimEnd(value: string, parser: HclParser): string {
  const trimmed = value.replace(/[ \t\r\n]+$/, "");
  if (OTHER_SPACE.test(value.slice(Math.max(0, trimmed.length - 1)))) parser.fail("other whitespace next to a strip marker");
  return trimmed;
}

function trimStart(value: string, parser: HclParser): string {
  const trimmed = value.replace(/^[ \t\r\n]+/, "");
  if (OTHER_SPACE.test(value.slice(0, value.length - trimmed.length + 1))) parser.fail("other whitespace next to a strip marker");
  return trimmed;
}
