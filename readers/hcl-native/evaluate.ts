// Terraform's `jsonencode(<literal>)`, folded the way Terraform evaluates it at plan time, for a
// string that is exactly "${jsonencode(...)}": what HCL's `properties = jsonencode({...})` becomes
// in hcl2json's output, and what Terraform JSON writes for the same thing. One evaluation for both
// syntaxes, so an HCL file and its JSON translation give the same findings.
//
// Folded: numbers (kept as their decimal text: large integers keep every digit), true, false,
// null, quoted strings and heredocs without interpolations or directives, tuples, objects whose
// keys are names, quoted strings or plain integers (each written once), `-` on a number and `!` on
// a boolean. Encoded as Terraform's jsonencode does (cty's JSON: object keys sorted, no spaces,
// Go's string escaping). Anything else (a reference, a function, `(var.k)` as a key, a directive)
// is not a literal: the string stays an expression and rules treat it as unknown.
import type { Expr } from "./ast";
import { HandBack, HclParser, HugeNumber } from "./parser";
import { goKeyCompare } from "./go-order";

const JSONENCODE = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/;
/** More significant digits than this, or a larger exponent, and the decimal text is not folded. */
const MAX_DIGITS = 100;

type Value =
  | { kind: "string"; value: string }
  | { kind: "number"; text: string }
  | { kind: "bool"; value: boolean }
  | { kind: "null" }
  | { kind: "tuple"; items: Value[] }
  | { kind: "object"; entries: Map<string, Value> };

/** The JSON text Terraform would make of "${jsonencode(<literal>)}", or undefined. */
export function foldJsonencode(text: string): string | undefined {
  const m = JSONENCODE.exec(text);
  if (!m) return undefined;
  const argument = m[1];
  let expr: Expr;
  try {
    const parser = new HclParser(argument);
    parser.skip(true);
    expr = parser.parseExpr(false);
    parser.skip(true);
    if (parser.pos !== argument.length) return undefined; // e.g. the match spanned two interpolations
  } catch (err) {
    if (err instanceof HandBack || err instanceof HugeNumber) return undefined;
    throw err;
  }
  const value = evaluate(expr, argument);
  return value === undefined ? undefined : encode(value);
}

function evaluate(e: Expr, src: string): Value | undefined {
  switch (e.kind) {
    case "literal":
      if (typeof e.value === "number") {
        const text = decimal(e.text ?? String(e.value));
        return text === undefined ? undefined : { kind: "number", text };
      }
      return e.value === null ? { kind: "null" } : { kind: "bool", value: e.value };
    case "template": {
      let value = "";
      for (const part of e.parts) {
        if (part.kind !== "text") return undefined;
        value += part.value;
      }
      return { kind: "string", value };
    }
    case "unary": {
      const operand = evaluate(e.operand, src);
      if (e.op === "-" && operand?.kind === "number" && operand.text !== "0")
        return { kind: "number", text: operand.text.startsWith("-") ? operand.text.slice(1) : `-${operand.text}` };
      if (e.op === "!" && operand?.kind === "bool") return { kind: "bool", value: !operand.value };
      return undefined;
    }
    case "tuple": {
      const items: Value[] = [];
      for (const item of e.items) {
        const v = evaluate(item, src);
        if (!v) return undefined;
        items.push(v);
      }
      return { kind: "tuple", items };
    }
    case "object": {
      const entries = new Map<string, Value>();
      for (const item of e.items) {
        let key: string | undefined;
        if (item.bareKey) {
          key = src.slice(item.key.start, item.key.end);
          if (key.includes(".")) return undefined; // a.b: a reference, not a name
        } else if (item.key.kind === "literal") key = item.key.text;
        else {
          const k = evaluate(item.key, src);
          key = k?.kind === "string" ? k.value : undefined;
        }
        if (key === undefined || entries.has(key)) return undefined;
        const v = evaluate(item.value, src);
        if (!v) return undefined;
        entries.set(key, v);
      }
      return { kind: "object", entries };
    }
    default:
      return undefined;
  }
}

/** A number literal as cty writes it (big.Float Text('f', -1)): plain decimal, no exponent, no needless zeros. */
export function decimal(text: string): string | undefined {
  const m = /^([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) return undefined;
  const exponent = Number(m[3] ?? 0);
  let digits = m[1] + (m[2] ?? "");
  let point = m[1].length + exponent; // the decimal point's position in digits
  const lead = /^0*/.exec(digits)![0].length;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, "");
  if (digits === "") return "0";
  if (digits.length > MAX_DIGITS || Math.abs(point) > MAX_DIGITS * 4) return undefined;
  if (point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Go's encoding/json for a string: JSON.stringify's, with <, >, &, U+2028 and U+2029 escaped as Go does. */
function goString(s: string): string | undefined {
  if (/[\b\f]/.test(s)) return undefined; // Go versions differ on these two
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function encode(v: Value): string | undefined {
  switch (v.kind) {
    case "string":
      return goString(v.value);
    case "number":
      return v.text;
    case "bool":
      return String(v.value);
    case "null":
      return "null";
    case "tuple": {
      const items: string[] = [];
      for (const item of v.items) {
        const text = encode(item);
        if (text === undefined) return undefined;
        items.push(text);
      }
      return `[${items.join(",")}]`;
    }
    case "object": {
      const parts: string[] = [];
      for (const key of [...v.entries.keys()].sort(goKeyCompare)) {
        const k = goString(key);
        const text = encode(v.entries.get(key)!);
        if (k === undefined || text === undefined) return undefined;
        parts.push(`${k}:${text}`);
      }
      return `{${parts.join(",")}}`;
    }
  }
}
