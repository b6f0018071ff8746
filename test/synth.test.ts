// Synthesis is deterministic: the committed test stack matches its snapshot, and two runs write
// the same bytes (so a diff of cdktf.out only ever shows real configuration changes).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENTS_DIR, EnvironmentWorkspace, REPO_ROOT, readStack, readTree, runSynthesize, useTempDirs } from "./helpers";

const tempDir = useTempDirs();

it("writes the test stack's cdk.tf.json as in the snapshot", () => {
  const run = runSynthesize(ENVIRONMENTS_DIR, path.join(tempDir(), "cdktf.out"));
  expect(run.code).toBe(0);
  const stack = readStack(run.outdir, "test") as any;
  // The library's own version: cdktf 0.21 here, cdktn 0.24 in CI's second run (an npm alias of cdktf).
  expect(stack["//"].metadata.version).toBe(require("cdktf/package.json").version);
  stack["//"].metadata.version = "(the cdktf or cdktn version)";
  expect(stack).toMatchSnapshot();
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

describe("the output directory: synth refuses one that is not a cdktf output, and keeps Terraform's files in it", () => {
  it("refuses a directory with other files, a file, and a directory around the environments; leaves them as they were", () => {
    const root = tempDir("grg-synth-outdir-");
    fs.writeFileSync(path.join(root, "NOTES.md"), "mine");
    const withNotes = runSynthesize(ENVIRONMENTS_DIR, root);
    expect(withNotes.code).toBe(2);
    expect(withNotes.log.join("\n")).toMatch(/holds NOTES\.md but no manifest\.json: not a cdktf output directory; choose an empty or new one/);
    expect(fs.readFileSync(path.join(root, "NOTES.md"), "utf8")).toBe("mine");

    const file = runSynthesize(ENVIRONMENTS_DIR, path.join(root, "NOTES.md"));
    expect(file.code).toBe(2);
    expect(file.log.join("\n")).toContain("exists and is not a directory");

    const below = runSynthesize(ENVIRONMENTS_DIR, path.join(root, "NOTES.md", "out"));
    expect(below.code).toBe(2);
    expect(below.log).toEqual([expect.stringMatching(/^error: .*NOTES\.md\/out: cannot write the output directory \(ENOTDIR/)]);

    const around = runSynthesize(ENVIRONMENTS_DIR, path.dirname(ENVIRONMENTS_DIR));
    expect(around.code).toBe(2);
    expect(around.log.join("\n")).toContain("must not contain, or be inside, the environments directory");
    expect(fs.readdirSync(root).sort()).toEqual(["NOTES.md"]); // nothing staged, nothing replaced
  });

  it("replaces a previous synthesis but keeps the state, .terraform/ and lock file of a deployed stack", () => {
    const outdir = path.join(tempDir("grg-synth-again-"), "cdktf.out");
    expect(runSynthesize(ENVIRONMENTS_DIR, outdir).code).toBe(0);
    const stack = path.join(outdir, "stacks", "test");
    const terraformFiles = { "terraform.test.tfstate": '{"version": 4, "serial": 7}', ".terraform.lock.hcl": "# lock", ".terraform/providers/x": "binary" };
    for (const [name, text] of Object.entries(terraformFiles)) {
      fs.mkdirSync(path.dirname(path.join(stack, name)), { recursive: true });
      fs.writeFileSync(path.join(stack, name), text);
    }
    fs.writeFileSync(path.join(stack, "cdk.tf.json"), "stale");
    fs.mkdirSync(path.join(outdir, "stacks", "retired"));
    fs.writeFileSync(path.join(outdir, "stacks", "retired", "cdk.tf.json"), "{}");
    fs.writeFileSync(path.join(outdir, "stacks", "retired", "terraform.retired.tfstate"), "{}");
    expect(runSynthesize(ENVIRONMENTS_DIR, outdir).code).toBe(0);
    for (const [name, text] of Object.entries(terraformFiles)) expect(fs.readFileSync(path.join(stack, name), "utf8")).toBe(text);
    expect(readStack(outdir, "test")).toMatchObject({ terraform: expect.anything() }); // the new synthesis, not "stale"
    // An environment that is gone: its synthesized file goes, its state stays.
    expect(fs.readdirSync(path.join(outdir, "stacks", "retired"))).toEqual(["terraform.retired.tfstate"]);
    // A directory of someone's own stacks/ (no manifest.json) is not touched.
    const mine = tempDir("grg-synth-mine-");
    fs.mkdirSync(path.join(mine, "stacks", "network"), { recursive: true });
    fs.writeFileSync(path.join(mine, "stacks", "network", "main.tf"), 'resource "x" "y" {}');
    const refused = runSynthesize(ENVIRONMENTS_DIR, mine);
    expect(refused.code).toBe(2);
    expect(refused.log.join("\n")).toContain("holds stacks but no manifest.json: not a cdktf output directory");
    expect(fs.readFileSync(path.join(mine, "stacks", "network", "main.tf"), "utf8")).toBe('resource "x" "y" {}');
    // Same synthesized bytes as a synthesis into an empty directory.
    const fresh = runSynthesize(ENVIRONMENTS_DIR, path.join(tempDir("grg-synth-fresh-"), "cdktf.out"));
    for (const file of ["manifest.json", "stacks/test/cdk.tf.json", "stacks/test/intents.json", "stacks/prod/cdk.tf.json"]) {
      expect(fs.readFileSync(path.join(outdir, file), "utf8")).toBe(fs.readFileSync(path.join(fresh.outdir, file), "utf8"));
    }
  });
});

it("writes the same bytes wherever the configuration lives (no path of the build machine in the output)", () => {
  const here = runSynthesize(ENVIRONMENTS_DIR, path.join(tempDir("grg-synth-here-"), "cdktf.out"));
  const elsewhere = tempDir("grg-synth-elsewhere-");
  fs.cpSync(path.join(REPO_ROOT, "config"), path.join(elsewhere, "config"), { recursive: true });
  const there = runSynthesize(path.join(elsewhere, "config", "environments"), path.join(elsewhere, "cdktf.out"));
  expect([here.code, there.code]).toEqual([0, 0]);
  expectIdenticalTrees(here.outdir, there.outdir);
  expect(fs.readFileSync(path.join(there.outdir, "stacks", "test", "cdk.tf.json"), "utf8")).not.toContain(elsewhere);
});

it("refuses org settings of another environment or, once snapshotted, another region (one line naming the org file)", () => {
  const ws = new EnvironmentWorkspace(tempDir("grg-synth-org-"));
  ws.writeEnvironment("staging.json", (c) => (c.name = "staging"));
  const other = runSynthesize(ws.environmentsDir, path.join(ws.root, "out"));
  expect(other.code).toBe(2);
  expect(other.log).toEqual([
    expect.stringMatching(/^error: .*org\/test\.json: environment: is "test", but .*staging\.json \(environment "staging"\) uses this file/),
  ]);

  fs.rmSync(path.join(ws.environmentsDir, "staging.json"));
  ws.writeEnvironment("test.json");
  const orgFile = path.join(ws.root, "org", "test.json");
  const org = JSON.parse(fs.readFileSync(orgFile, "utf8"));
  fs.writeFileSync(orgFile, JSON.stringify({ ...org, provenance: { ...org.provenance, kind: "snapshot", region: "eu-west-1", orgName: "Other org" } }));
  const region = runSynthesize(ws.environmentsDir, path.join(ws.root, "out"));
  expect(region.code).toBe(2);
  expect(region.log.join("\n")).toMatch(/provenance\.region: is eu-west-1, but .*test\.json declares region us-east-1/);
  expect(fs.existsSync(path.join(ws.root, "out"))).toBe(false);
});
