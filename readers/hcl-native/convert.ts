// An HCL file to exactly the JSON @cdktf/hcl2json gives for it, item by item: the fast parser
// reads each top-level block or attribute; an item it hands back is read by hcl2json alone (the
// item's text only, so hcl2json's memory stays bounded by the largest item); the results are merged
// as hcl2json merges a file's blocks. When something does not fit (hcl2json refuses an item, two
// items conflict, an item's end cannot be found) the answer is "whole file": the caller lets
// hcl2json read the file, which also gives every syntax error its usual message and line.
// A number with a huge exponent throws HugeNumber (hcl2json would take minutes over it).
import type { Body } from "./ast";
import { topLevelItemEnd } from "./item-end";
import { HandBack, HclParser, HugeNumber } from "./parser";
import { sortedObject } from "./go-order";
import { Hcl2JsonWriter } from "./to-hcl2json";

/** Reads one piece of HCL with hcl2json (the oracle); rejects on a syntax error. */
export type PieceReader = (text: string) => Promise<Record<string, unknown>>;

export interface Converted {
  doc: Record<string, unknown>;
  /** Top-level items, and how many of them hcl2json read. */
  items: number;
  handedBack: number;
}

export interface ConvertOptions {
  /** Every item to hcl2json (the fallback path, forced: RECORDING_GUARD_HCL_READER=hcl2json). */
  forceFallback?: boolean;
  /** Each handed-back item's reason, for the differential test and the bench. */
  onHandBack?: (reason: string, item: string) => void;
}

/** Undefined: the whole file must go to hcl2json. */
/** A surrogate without its pair: hcl2json sees U+FFFD there (Go's UTF-8); a file read as UTF-8 never has one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export async function convertHcl(text: string, readPiece: PieceReader, options: ConvertOptions = {}): Promise<Converted | undefined> {
  if (LONE_SURROGATE.test(text)) return undefined;
  const parser = new HclParser(text);
  const writer = new Hcl2JsonWriter(text);
  const tree = new Map<string, unknown>();
  const attributes = new Map<string, unknown>();
  let items = 0;
  let handedBack = 0;
  for (;;) {
    try {
      parser.skip(true);
    } catch (err) {
      if (err instanceof HandBack) return undefined;
      throw err;
    }
    if (parser.pos >= text.length) break;
    const start = parser.pos;
    items++;
    const body: Body = { attributes: [], blocks: [] };
    let converted: { blocks: [Body["blocks"][number], unknown][]; attributes: [string, unknown][] } | undefined;
    try {
      if (options.forceFallback) throw new HandBack("fallback forced", start);
      parser.reset();
      parser.parseItem(body, new Set());
      converted = {
        blocks: body.blocks.map((b) => [b, writer.body(b.body)]),
        attributes: body.attributes.map((a) => [a.name, writer.expr(a.expr)]),
      };
    } catch (err) {
      if (!(err instanceof HandBack)) throw err;
      const extent = topLevelItemEnd(text, start);
      if (!extent) return undefined;
      if (extent.hugeNumberAt !== undefined) throw new HugeNumber(extent.hugeNumberAt);
      const piece = text.slice(start, extent.end);
      options.onHandBack?.(err.reason, piece);
      handedBack++;
      let json: Record<string, unknown>;
      try {
        json = await readPiece(piece);
      } catch {
        return undefined;
      }
      parser.pos = extent.end;
      if (extent.attribute) {
        const keys = Object.keys(json);
        if (keys.length !== 1 || attributes.has(keys[0])) return undefined;
        attributes.set(keys[0], json[keys[0]]);
      } else if (!mergeBlocks(tree, json)) return undefined;
      continue;
    }
    try {
      for (const [block, value] of converted.blocks) writer.addBlock(tree, block, value);
    } catch (err) {
      if (err instanceof HandBack) return undefined; // blocks with and without labels: hcl2json's error
      throw err;
    }
    for (const [name, value] of converted.attributes) {
      if (attributes.has(name)) return undefined; // set twice: hcl2json's error
      attributes.set(name, value);
    }
  }
  for (const [name, value] of attributes) tree.set(name, value);
  return { doc: sortedObject(tree), items, handedBack };
}

/** hcl2json's output for block items merged into the tree as convertBlock merges them; false on a conflict. */
function mergeBlocks(tree: Map<string, unknown>, json: Record<string, unknown>): boolean {
  for (const key of Object.keys(json)) {
    const value = json[key];
    const existing = tree.get(key);
    if (Array.isArray(value)) {
      if (existing === undefined) tree.set(key, [...value]);
      else if (Array.isArray(existing)) existing.push(...value);
      else return false;
    } else if (value !== null && typeof value === "object") {
      let node = existing;
      if (node === undefined) tree.set(key, (node = new Map<string, unknown>()));
      else if (!(node instanceof Map)) return false;
      if (!mergeBlocks(node as Map<string, unknown>, value as Record<string, unknown>)) return false;
    } else return false;
  }
  return true;
}
