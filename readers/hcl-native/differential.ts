// The fast HCL reader against its oracle, @cdktf/hcl2json: for one text, either the fast reader
// hands the whole file back, or its JSON is exactly hcl2json's (same keys in the same order, same
// values); and when hcl2json refuses the text the fast reader must hand it back. Used by the
// differential test (test/hcl-differential.test.ts) and by `npm run hcl:differential -- <dir>`,
// which users can run over their own .tf files.
import { convertHcl, type ConvertOptions } from "./convert";

export type Oracle = (text: string) => Promise<Record<string, unknown>>;

export type Verdict =
  | { kind: "same"; handedBack: number; items: number; reasons: string[] }
  | { kind: "whole-file"; oracleError: boolean }
  | { kind: "differs"; oracle: string; fast: string }
  | { kind: "accepted-an-error"; error: string };

export async function compareWithOracle(text: string, oracle: Oracle, options: ConvertOptions = {}, convert = convertHcl): Promise<Verdict> {
  let expected: string | undefined;
  let error: string | undefined;
  try {
    expected = JSON.stringify(await oracle(text));
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const reasons: string[] = [];
  const converted = await convert(text, oracle, { ...options, onHandBack: (reason) => reasons.push(reason) });
  if (!converted) return { kind: "whole-file", oracleError: error !== undefined };
  if (error !== undefined) return { kind: "accepted-an-error", error };
  const fast = JSON.stringify(converted.doc);
  if (fast !== expected) return { kind: "differs", oracle: expected!, fast };
  return { kind: "same", handedBack: converted.handedBack, items: converted.items, reasons };
}

/** Where two JSON texts first differ, with some context: enough to see the quirk. */
export function firstDifference(a: string, b: string, context = 60): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - context);
  return `at ${i}: hcl2json …${a.slice(from, i + context)}… fast …${b.slice(from, i + context)}…`;
}
