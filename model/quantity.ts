// Numbers read from a load-test plan, which may not be known before the run: JMeter properties
// (`${__P(threads,500)}`, set with -J on the command line) and variables (`${threads}`) are
// resolved at run time. A Quantity keeps the text it was read from, so messages can show it,
// and says why it is unknown instead of guessing.
import { capValue, capWords } from "./safe-text";

export type Quantity =
  { readonly known: true; readonly value: number; readonly text: string } | { readonly known: false; readonly text: string; readonly why: string };

// The text is shown in messages: capped at 200 characters (a 1 MB property value is not echoed whole).
export function known(value: number, text = String(value)): Quantity {
  return { known: true, value, text: capValue(text) };
}

export function unknown(text: string, why: string): Quantity {
  return { known: false, text: capValue(text), why: capWords(why) };
}

const PROPERTY_FUNCTION = /^\$\{__(P|property)\(\s*([^,)]*?)\s*(?:,\s*([^,)]*?)\s*)?(?:,\s*([^,)]*?)\s*)?\)\}$/;
const VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/;

/**
 * Reads a number from plan text. Plain numbers are known; `${name}` is looked up in `variables`
 * (JMeter's User Defined Variables) when given; JMeter functions and properties are unknown.
 * `empty` is what an empty field means (JMeter's default for that field), if anything.
 */
export function readQuantity(raw: string | undefined, variables: ReadonlyMap<string, string> = new Map(), empty?: number): Quantity {
  const text = (raw ?? "").trim();
  if (text === "") return empty === undefined ? unknown("(empty)", "the field is empty") : known(empty, "(empty)");
  const n = parseNumber(text);
  if (n !== undefined) return known(n, text);
  const variable = VARIABLE.exec(text);
  if (variable) {
    const value = variables.get(variable[1]);
    if (value === undefined) return unknown(text, `variable ${variable[1]} is set at run time (not a User Defined Variable of the plan)`);
    const inner = parseNumber(value.trim());
    if (inner !== undefined) return known(inner, `${text} = ${value.trim()}`);
    const nested = readQuantity(value, new Map(), undefined);
    return nested.known ? known(nested.value, `${text} = ${value.trim()}`) : unknown(`${text} = ${value.trim()}`, nested.why);
  }
  const property = PROPERTY_FUNCTION.exec(text);
  if (property) {
    const name = property[2];
    // __P(name, default); __property(name, variable, default)
    const fallback = property[1] === "P" ? property[3] : property[4];
    const hint = fallback !== undefined && fallback !== "" ? `, default ${fallback}` : "";
    return unknown(text, `JMeter property ${name} is set when the test starts (-J${name}=...${hint})`);
  }
  if (text.includes("${")) return unknown(text, "computed by a JMeter function or variable at run time");
  return unknown(text, "not a number");
}

function parseNumber(text: string): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A value where a number is needed, or undefined when the quantity is unknown. */
export function valueOf(q: Quantity | undefined): number | undefined {
  return q?.known ? q.value : undefined;
}

const FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** 24500 -> "24,500"; 4.9 -> "4.9"; 1/3 -> "0.33". Thousands separators, at most two decimals. */
export function formatNumber(n: number): string {
  if (n === Infinity) return "unbounded";
  if (Math.abs(n) > 0 && Math.abs(n) < 0.005) return n.toPrecision(2);
  return FORMAT.format(n);
}

/** A duration in seconds as people read it: "3,600 s (1 h)", "90 s (1.5 min)". */
export function formatSeconds(seconds: number): string {
  if (seconds === Infinity) return "until stopped";
  const base = `${formatNumber(seconds)} s`;
  if (seconds >= 3600) return `${base} (${formatNumber(seconds / 3600)} h)`;
  if (seconds >= 120) return `${base} (${formatNumber(seconds / 60)} min)`;
  return base;
}

/** How a quantity reads in a message: the number, or its text with why it is unknown. */
export function describeQuantity(q: Quantity): string {
  return q.known ? formatNumber(q.value) : `${q.text} (unknown: ${q.why})`;
}
