// The parsed syntax to the JSON @cdktf/hcl2json writes for it (tmccombs/hcl2json's converter in
// cdktf's fork, run with Simplify off), quirk for quirk:
// - a body's blocks first, nested by label (`resource "a" "b"` -> resource.a.b), each block an
//   array entry; then its attributes, which replace a block of the same name;
// - every object's keys in Go's sorted order (JavaScript then puts integer-like keys first, as
//   JSON.parse does with hcl2json's output);
// - literals as values; `-` / `!` on a literal folded; quoted strings and heredocs as their text
//   with escapes applied and `${` / `%{` written `$${` / `%%{`; "${x}" alone as x converted;
//   tuples and objects converted item by item (a bare key as written, `(k)` as "${(k)}");
// - in a template, `${a ? b : c}` becomes `%{if a}...%{else}...%{endif}` and directives are
//   written back compactly; everything else is "${<source text>}" (the source range, plus a `)`
//   right after it: hcl2json's rangeSource quirk).
import type { Block, Body, Expr, ObjectNode, TemplatePart } from "./ast";
import { HandBack } from "./parser";
import { sortedObject } from "./go-order";
import { escapeTemplateText } from "./template-text";

type Json = unknown;

export class Hcl2JsonWriter {
  constructor(private readonly src: string) {}

  private fail(reason: string, at: number): never {
    throw new HandBack(reason, at);
  }

  /** A body (the file's or a block's) as hcl2json writes it. */
  body(body: Body): Record<string, Json> {
    const tree = new Map<string, unknown>();
    for (const block of body.blocks) this.addBlock(tree, block, this.body(block.body));
    for (const attribute of body.attributes) tree.set(attribute.name, this.expr(attribute.expr));
    return sortedObject(tree);
  }

  /** Adds a converted block under its type and labels; hcl2json refuses blocks of one type with and without labels. */
  addBlock(tree: Map<string, unknown>, block: Block, value: Json): void {
    let node = tree;
    let key = block.type;
    for (const label of block.labels) {
      const existing = node.get(key);
      if (existing === undefined) {
        const next = new Map<string, unknown>();
        node.set(key, next);
        node = next;
      } else if (existing instanceof Map) node = existing;
      else this.fail("blocks of one type with and without labels", 0);
      key = label;
    }
    const existing = node.get(key);
    if (existing === undefined) node.set(key, [value]);
    else if (Array.isArray(existing)) existing.push(value);
    else this.fail("blocks of one type with and without labels", 0);
  }

  /** hcl2json's rangeSource: the expression's text, and a `)` right after it. */
  private source(e: Expr): string {
    const end = this.src.charCodeAt(e.end) === 41 /* ) */ ? e.end + 1 : e.end;
    return this.src.slice(e.start, end);
  }

  private wrapped(e: Expr): string {
    return `\${${this.source(e)}}`;
  }

  /** convertExpression. */
  expr(e: Expr): Json {
    switch (e.kind) {
      case "literal":
        return e.value;
      case "unary": {
        const operand = e.operand;
        if (operand.kind !== "literal") return this.wrapped(e);
        if (e.op === "-" && typeof operand.value === "number") return -operand.value;
        if (e.op === "!" && typeof operand.value === "boolean") return !operand.value;
        return this.fail("an operator on a literal of the wrong type", e.start);
      }
      case "template":
        return this.parts(e.parts);
      case "wrap":
        return this.expr(e.inner);
      case "tuple":
        return e.items.map((item) => this.expr(item));
      case "object":
        return this.object(e);
      default:
        return this.wrapped(e);
    }
  }

  private object(e: ObjectNode): Json {
    const entries = new Map<string, unknown>();
    for (const item of e.items) {
      const key = item.bareKey ? this.source(item.key) : item.key.kind === "literal" ? String(item.key.text) : this.stringPart(item.key);
      entries.delete(key); // a key written twice: the last one, as in a Go map
      entries.set(key, this.expr(item.value));
    }
    return sortedObject(entries);
  }

  /** convertStringPart: an expression inside a template. */
  private stringPart(e: Expr): string {
    switch (e.kind) {
      case "literal":
        // Numbers and booleans inside a template are formatted by cty; not this writer's call.
        return this.fail("a literal interpolated in a template", e.start);
      case "template":
        return this.parts(e.parts);
      case "wrap":
        return this.stringPart(e.inner);
      case "conditional": {
        const whenFalse = this.stringPart(e.whenFalse);
        return `%{if ${this.source(e.condition)}}${this.stringPart(e.whenTrue)}${whenFalse ? `%{else}${whenFalse}` : ""}%{endif}`;
      }
      default:
        return this.wrapped(e);
    }
  }

  private parts(parts: readonly TemplatePart[]): string {
    let out = "";
    for (const part of parts) {
      switch (part.kind) {
        case "text":
          out += escapeTemplateText(part.value);
          break;
        case "interpolation":
          out += this.stringPart(part.expr);
          break;
        case "if": {
          const otherwise = this.parts(part.else);
          out += `%{if ${this.source(part.condition)}}${this.parts(part.then)}${otherwise ? `%{else}${otherwise}` : ""}%{endif}`;
          break;
        }
        case "for":
          out += `%{for ${part.key !== undefined ? `${part.key}, ` : ""}${part.value} in ${this.source(part.collection)}}${this.parts(part.body)}%{endfor}`;
          break;
      }
    }
    return out;
  }
}
