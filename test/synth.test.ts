// Synthesis is deterministic: the committed test stack matches its snapshot, and two runs write
// the same bytes (so a diff of cdktf.out only ever shows real configuration changes).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENTS_DIR, REPO_ROOT, readStack, readTree, runSynthesize, useTempDirs } from "./helpers";

const tempDir = useTempDirs();

it("writes the test stack's cdk.tf.json as in the snapshot", () => {
  const run = runSynthesize(ENVIRONMENTS_DIR, path.join(tempDir(), "cdktf.out"));
  expect(run.code).toBe(0);
  expect(readStack(run.outdir, "test")).toMatchSnapshot();
});

/** Fails unless both directories hold the same files with the same bytes. */
function expectIdenticalTrees(dirA: string, dirB: string): void {
  const a = readTree(dirA);
  const b = readTree(dirB);
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [file, bytes] of a) {
    expect({ file, identical: bytes.equals(b.get(file)!) }).toEqual({ file, identical: true });
  }
}

it("writes byte-identical output when synthesized twice", () => {
  const first = runSynthesize(ENVIRONMENTS_DIR, path.join(tempDir("grg-synth-a-"), "cdktf.out"));
  const second = runSynthesize(ENVIRONMENTS_DIR, path.join(tempDir("grg-synth-b-"), "cdktf.out"));
  expect([first.code, second.code]).toEqual([0, 0]);
  expect([...readTree(first.outdir).keys()]).toEqual(
    expect.arrayContaining(["manifest.json", "stacks/test/cdk.tf.json", "stacks/test/intents.json", "stacks/prod/cdk.tf.json", "stacks/prod/intents.json"]),
  );
  expectIdenticalTrees(first.outdir, second.outdir);
});

it("runs the same command for `npm run synth` and `cdktf synth` (cdktf.json's app)", () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts;
  const cdktf = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "cdktf.json"), "utf8"));
  expect(scripts.synth).toBe("node scripts/run.js main");
  expect(cdktf.app).toBe(scripts.synth);
  expect(scripts.audit).toBe("node scripts/run.js cli/audit");
});

it("writes the same bytes from `npm run synth` (dist/main.js) in a separate process", () => {
  const inProcess = runSynthesize(ENVIRONMENTS_DIR, path.join(tempDir("grg-synth-c-"), "cdktf.out"));
  const outdir = path.join(tempDir("grg-synth-d-"), "cdktf.out");
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env.GRG_ENVIRONMENTS_DIR; // main.ts then reads config/environments
  const child = spawnSync(process.execPath, ["scripts/run.js", "main"], {
    cwd: REPO_ROOT,
    env,
    encoding: "utf8",
  });
  expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: expect.stringContaining("synthesized prod, test") });
  expectIdenticalTrees(inProcess.outdir, outdir);
});
