// HCL against Terraform JSON, end to end through the installed CLI (dist/cli/bin.js, as users run
// it): the bench's configuration written as HCL (bench/generate-hcl.ts: comments, heredocs, for
// expressions, dynamic blocks, functions, directives) and the same configuration as hcl2json's
// JSON for it, each audited in its own process, interleaved, so that both see the same machine.
// Prints wall time and peak RSS for both, their ratios, how many items the fast reader handed to
// hcl2json, and whether both runs report the same findings (rule, address, severity).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

export const HCL_TARGETS = {
  timeAtBase: 1.5,
  rssAtBase: 1.3,
  timeAtLarge: 2,
  rssAtLargeMiB: 600,
};

export interface HclSize {
  resources: number;
  hclMB: number;
  items: number;
  handedBack: number;
  sameAsHcl2json: boolean | null;
  hclMs: number;
  jsonMs: number;
  hclRssMiB: number;
  jsonRssMiB: number;
  sameFindings: boolean;
  findings: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(args: string[], rssFile: string): { ms: number; rss: number; stdout: string } {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", path.join(__dirname, "rss-at-exit.js"), path.join(ROOT, "dist", "cli", "bin.js"), ...args], {
    env: { ...process.env, GRG_RSS_FILE: rssFile },
    maxBuffer: 1 << 30,
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return { ms, rss: Number(fs.readFileSync(rssFile, "utf8")) / 1024, stdout: r.stdout };
}

function findingKeys(report: string): string[] {
  return (JSON.parse(report).findings as { ruleId: string; address: string; severity: string }[]).map((f) => `${f.ruleId} ${f.address} ${f.severity}`).sort();
}

/** Each size: files written (the first size checked against hcl2json item by item), then `reps` interleaved CLI runs of each. */
export function benchHcl(sizes: readonly number[], reps: number, checkFirst: boolean): HclSize[] {
  const built = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.js"), "--ensure"], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(`dist/ could not be built: ${built.stderr.slice(0, 300)}`);
  const out: HclSize[] = [];
  for (const [i, size] of sizes.entries()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-bench-hcl-"));
    try {
      const made = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(__dirname, "hcl-files.ts"), dir, String(size), ...(checkFirst && i === 0 ? ["--check"] : [])],
        {
          cwd: ROOT,
          encoding: "utf8",
          maxBuffer: 1 << 26,
        },
      );
      if (made.status !== 0) throw new Error(`bench/hcl-files.ts failed: ${made.stderr.slice(0, 500)}`);
      const files = JSON.parse(made.stdout.trim().split("\n").pop()!);
      const args = (kind: string) => ["audit", path.join(dir, kind), "--intents", path.join(dir, "intents.json"), "--format", "json"];
      const rssFile = path.join(dir, "rss");
      const hcl: { ms: number; rss: number }[] = [];
      const json: { ms: number; rss: number }[] = [];
      let sameFindings = true;
      let findings = 0;
      for (let rep = 0; rep < reps; rep++) {
        const h = run(args("hcl"), rssFile);
        const j = run(args("json"), rssFile);
        hcl.push(h);
        json.push(j);
        if (rep === 0) {
          const a = findingKeys(h.stdout);
          const b = findingKeys(j.stdout);
          sameFindings = a.length === b.length && a.every((x, k) => x === b[k]);
          findings = a.length;
        }
      }
      out.push({
        resources: files.resources,
        hclMB: files.hclBytes / 1048576,
        items: files.items,
        handedBack: files.handedBack,
        sameAsHcl2json: files.sameAsHcl2json,
        hclMs: median(hcl.map((x) => x.ms)),
        jsonMs: median(json.map((x) => x.ms)),
        hclRssMiB: median(hcl.map((x) => x.rss)),
        jsonRssMiB: median(json.map((x) => x.rss)),
        sameFindings,
        findings,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
