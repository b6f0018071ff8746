// The differential test, over any directory of .tf files (yours, a checkout of a blueprint, a
// genesyscloud_tf_export output): each file read by the fast HCL reader and by hcl2json, and the
// two compared. Prints every file where they differ (there should be none: please report it), how
// many files and items the fast reader handed to hcl2json and why; exits 1 on a difference.
//
//   npm run hcl:differential -- <dir-or-file>...
import * as fs from "fs";
import * as path from "path";
import { parse } from "@cdktf/hcl2json";
import { compareWithOracle, firstDifference } from "../readers/hcl-native/differential";

function files(target: string): string[] {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) =>
      e.isDirectory()
        ? e.name === "node_modules" || e.name === ".terraform" || e.name === ".git"
          ? []
          : files(path.join(target, e.name))
        : /\.(tf|tofu)$/.test(e.name)
          ? [path.join(target, e.name)]
          : [],
    );
}

async function main(targets: string[]): Promise<number> {
  if (!targets.length) {
    process.stderr.write("usage: npm run hcl:differential -- <dir-or-file>...\n");
    return 2;
  }
  const oracle = (text: string) => parse("input.tf", text) as Promise<Record<string, unknown>>;
  let same = 0;
  let errors = 0;
  let wholeFile = 0;
  let withItemsBack = 0;
  let problems = 0;
  const reasons = new Map<string, number>();
  for (const file of targets.flatMap(files)) {
    const v = await compareWithOracle(fs.readFileSync(file, "utf8"), oracle);
    if (v.kind === "differs") {
      problems++;
      process.stdout.write(`DIFFERS ${file}: ${firstDifference(v.oracle, v.fast)}\n`);
    } else if (v.kind === "accepted-an-error") {
      problems++;
      process.stdout.write(`ACCEPTED AN ERROR ${file}: hcl2json says ${v.error.replace(/\s+/g, " ").slice(0, 200)}\n`);
    } else if (v.kind === "whole-file") {
      if (v.oracleError) errors++;
      else wholeFile++;
    } else {
      same++;
      if (v.handedBack) withItemsBack++;
      for (const r of v.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
  }
  const why = [...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} (${n})`);
  process.stdout.write(
    `${same} identical (${withItemsBack} with items read by hcl2json${why.length ? `: ${why.join(", ")}` : ""}), ${wholeFile} read whole by hcl2json, ${errors} refused by hcl2json (syntax errors), ${problems} different\n`,
  );
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
