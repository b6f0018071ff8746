// Writes the bench's HCL configuration of a given size and the same configuration as hcl2json's
// JSON for it (bench/hcl.ts times the CLI on both). The JSON comes from the fast reader, whose
// output the differential test holds to hcl2json's; with --check it is also compared here with
// hcl2json's own output, read item by item (the whole 7 MB file at once costs hcl2json 10 s and
// 900 MB). Prints one JSON line: sizes, items, items handed back, and the check's result.
//
//   node -r ts-node/register/transpile-only bench/hcl-files.ts <dir> <resources> [--check]
import * as fs from "fs";
import * as path from "path";
import { parse } from "@cdktf/hcl2json";
import { generateHclConfig } from "./generate-hcl";
import { convertHcl } from "../readers/hcl-native/convert";

async function main(): Promise<void> {
  const [dir, size, flag] = process.argv.slice(2);
  const resources = Number(size);
  const generated = generateHclConfig(resources);
  const piece = (text: string) => parse("main.tf", text) as Promise<Record<string, unknown>>;
  const fast = await convertHcl(generated.text, piece);
  if (!fast) throw new Error("the bench's HCL was handed back whole");
  const json = JSON.stringify(fast.doc, null, 2);
  let sameAsHcl2json: boolean | null = null;
  if (flag === "--check") {
    const oracle = await convertHcl(generated.text, piece, { forceFallback: true });
    sameAsHcl2json = oracle !== undefined && JSON.stringify(oracle.doc) === JSON.stringify(fast.doc);
  }
  for (const sub of ["hcl", "json"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.writeFileSync(path.join(dir, "hcl", "main.tf"), generated.text);
  fs.writeFileSync(path.join(dir, "json", "main.tf.json"), json);
  fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(generated.intents));
  process.stdout.write(
    `${JSON.stringify({ resources: generated.resourceCount, hclBytes: Buffer.byteLength(generated.text), jsonBytes: Buffer.byteLength(json), items: fast.items, handedBack: fast.handedBack, sameAsHcl2json })}\n`,
  );
  process.exit(0); // hcl2json's Go runtime would hold the process
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
