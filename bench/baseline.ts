// The audit as it was before a change, run in the same process as today's, so that the two are
// timed interleaved on the same text (medians; drift on the machine hits both alike). The default
// baseline is the last commit before every provider type and version was vendored (issue #11:
// 11 resource types known, one schema): the per-resource cost of the full schema is judged
// against it. The tree is extracted with `git archive` into a temporary directory (no worktree,
// nothing in .git changes) and shares this checkout's node_modules.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The last commit before the full v1.84.1 schema and the schema history were vendored. */
export const BASELINE_REF = "d3cd130";

export interface BaselineAudit {
  ref: string;
  /** JSON text to findings, as bench/run.ts auditText does with today's code: parse, read, audit. */
  auditText: (text: string, intents: unknown) => unknown[];
}

/** The baseline's audit, or why it cannot be loaded here (no git, a shallow clone without the commit). */
export function loadBaseline(repoRoot: string, ref: string = BASELINE_REF): BaselineAudit | { skipped: string } {
  try {
    execFileSync("git", ["-C", repoRoot, "cat-file", "-e", `${ref}^{commit}`], { stdio: "ignore" });
  } catch {
    return { skipped: `commit ${ref} is not in this clone (or git is missing)` };
  }
  const dir = path.join(os.tmpdir(), `grg-bench-baseline-${ref}`);
  if (!fs.existsSync(path.join(dir, ".complete"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const archive = execFileSync("git", ["-C", repoRoot, "archive", "--format=tar", ref], { maxBuffer: 512 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, ".complete"), ref);
  }
  // Loaded through ts-node like today's code (the bench runs under ts-node/register/transpile-only).
  const { parseJsonText } = require(path.join(dir, "readers", "json-text"));
  const { terraformJsonDuplicates } = require(path.join(dir, "readers", "terraform", "json-duplicates"));
  const { readTerraformJson } = require(path.join(dir, "readers", "terraform", "tf-json"));
  const { parseIntents } = require(path.join(dir, "readers", "intents"));
  const { audit } = require(path.join(dir, "engine", "engine"));
  const parsed = new Map<unknown, unknown>();
  return {
    ref,
    auditText: (text, intents) => {
      let own = parsed.get(intents);
      if (!own) parsed.set(intents, (own = parseIntents(intents, "bench/intents.json")));
      const doc = parseJsonText(text, "bench/cdk.tf.json", terraformJsonDuplicates);
      const config = readTerraformJson(doc, "bench/cdk.tf.json");
      return audit({ config, intents: own, intentsFile: "bench/intents.json", environmentKind: "test" });
    },
  };
}
