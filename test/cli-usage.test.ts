// Usage rough edges of every command (issue #12, item 9): --help and --version print and exit 0
// everywhere; synth takes no arguments and maps an internal error to exit 3 (exit 1 means only
// "the gate refused"); org:snapshot refuses an environment without a file; repeated, empty,
// out-of-range and unused options are one-line usage errors; values and paths may start with "-".
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runSynth } from "../app/synthesize";
import { runAudit } from "../cli/run-audit";
import { runSnapshot } from "../org/run-snapshot";

const ROOT = path.join(__dirname, "..");
const FIX = path.join(ROOT, "rules", "fixtures");
const JMX = path.join(ROOT, "test", "fixtures", "jmeter");
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
const TF = path.join(FIX, "GRG003", "fail.tf.json");
const INTENTS = path.join(FIX, "GRG003", "intents.json");
const PLAN_STACK = path.join(FIX, "GRG007", "pass.tf.json");
const PLAN = path.join(JMX, "forum-500-threads.jmx");
const PRINCIPAL = "genesyscloud_oauth_client.loadtest";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-usage-"));
  made.push(dir);
  return dir;
}

async function audit(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAudit(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** An npm script's command as a real process (dist/ through scripts/run.js); synth writes below a temporary directory. */
function spawnEntry(entry: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const p = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.js"), entry, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, npm_lifecycle_event: "", CDKTF_OUTDIR: path.join(tmp(), "cdktf.out"), ...options.env },
    input: options.input,
    encoding: "utf8",
  });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** Exit 2 with exactly one line on stderr, starting "error: " and matching `pattern`. */
function expectUsageError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect({ code: r.code, stdout: r.stdout, lines: r.stderr.split("\n").length - 1 }).toEqual({ code: 2, stdout: "", lines: 1 });
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).toMatch(pattern);
}

describe("--help and --version print and exit 0 everywhere", () => {
  it("audit --help (also when other options are wrong) and audit --version", () => {
    const help = spawnEntry("cli/audit", ["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain(
      "Usage: genesys-recording-guard audit [options] <path...>\n       (in a clone of the repository: npm run audit -- [options] <path...>)",
    );
    expect(spawnEntry("cli/audit", ["--format", "bogus", "-h"])).toMatchObject({ code: 0, stderr: "", stdout: help.stdout });
    expect(spawnEntry("cli/audit", ["--version"])).toEqual({ code: 0, stdout: `genesys-recording-guard ${VERSION}\n`, stderr: "" });
  });

  it("audit budget --help and --version", async () => {
    const help = await audit("budget", "--help");
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain("Usage: npm run audit -- budget --principal ADDRESS");
    expect(await audit("budget", "-h")).toEqual(help);
    expect(await audit("budget", "--version")).toEqual({ code: 0, stdout: `genesys-recording-guard ${VERSION}\n`, stderr: "" });
  });

  it("audit upgrade --help is upgrade's own help, as the process runs it (the audit's entry answered it with the audit's help)", () => {
    const help = spawnEntry("cli/audit", ["upgrade", "--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^Usage: genesys-recording-guard upgrade --to <version>/);
    expect(spawnEntry("cli/audit", ["upgrade", "--version"])).toEqual({ code: 0, stdout: `genesys-recording-guard ${VERSION}\n`, stderr: "" });
  });

  it("upgrade takes each option once, as every command does", async () => {
    expectUsageError(await audit("upgrade", "--to", "1.84.1", "--to", "1.80.0", "."), /^error: upgrade: --to/);
  });

  it("synth --help says what it reads; synth --version", () => {
    const help = spawnEntry("main", ["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    for (const text of ["Usage: npm run synth", "CDKTF_OUTDIR", "GRG_ENVIRONMENTS_DIR", "takes no arguments"]) expect(help.stdout).toContain(text);
    expect(spawnEntry("main", ["--version"])).toEqual({ code: 0, stdout: `genesys-recording-guard ${VERSION}\n`, stderr: "" });
  });

  it("org:snapshot --version", async () => {
    let stdout = "";
    const code = await runSnapshot(["--version"], { stdout: (t) => (stdout += t), stderr: () => undefined }, { env: {} });
    expect({ code, stdout }).toEqual({ code: 0, stdout: `genesys-recording-guard ${VERSION}\n` });
  });
});

describe("synth: arguments and exit codes", () => {
  it("refuses any argument with one line and exit 2, writing nothing", () => {
    const dir = tmp();
    const outdir = path.join(dir, "out");
    for (const args of [["--outdir", "x"], ["test"], ["--", "x"]]) {
      expectUsageError(spawnEntry("main", args, { env: { CDKTF_OUTDIR: outdir } }), /synth takes no arguments/);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("with no arguments (as cdktf synth runs cdktf.json's app) it synthesizes", () => {
    const outdir = path.join(tmp(), "cdktf.out");
    const r = spawnEntry("main", [], { env: { CDKTF_OUTDIR: outdir, GRG_ENVIRONMENTS_DIR: "" } });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.stringContaining("synthesized prod, test") });
  });

  it("an unexpected internal error is one line 'internal error: ...' and exit 3, never 1", () => {
    let stderr = "";
    const outdir = path.join(tmp(), "cdktf.out");
    const code = runSynth(
      [],
      { stdout: () => undefined, stderr: (t) => (stderr += t) },
      {
        env: { CDKTF_OUTDIR: outdir },
        projectRoot: ROOT,
        customize: () => {
          throw new RangeError("Maximum call stack size exceeded");
        },
      },
    );
    expect({ code, stderr }).toEqual({ code: 3, stderr: "internal error: Maximum call stack size exceeded\n" });
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("an output directory name too long for the file system is bad input (exit 2), not a stack trace", () => {
    const r = spawnEntry("main", [], { env: { CDKTF_OUTDIR: path.join(tmp(), "a".repeat(300)) } });
    expectUsageError(r, /cannot write the output directory \(ENAMETOOLONG/);
  });
});

describe("org:snapshot --env needs an environment file", () => {
  it("refuses a name without config/environments/<name>.json before anything else, writing nothing", async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "environments"));
    fs.writeFileSync(path.join(dir, "environments", "test.json"), JSON.stringify({ name: "test", region: "eu-west-1" }));
    let stdout = "";
    let stderr = "";
    const code = await runSnapshot(
      ["--env", "typo", "--gateway", "http://127.0.0.1:9"],
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
      {
        env: { GENESYSCLOUD_OAUTHCLIENT_ID: "client-id-1234", GENESYSCLOUD_OAUTHCLIENT_SECRET: "secret-5678", GENESYSCLOUD_REGION: "eu-west-1" },
        environmentsDir: path.join(dir, "environments"),
        orgDir: path.join(dir, "org"),
      },
    );
    expectUsageError({ code, stdout, stderr }, /--env typo: no environment file .*environments\/typo\.json \(environments: test\)/);
    expect(fs.readdirSync(dir)).toEqual(["environments"]);
  });
});

describe("audit and budget: one-line usage errors", () => {
  it.each([
    ["a repeated --format", [TF, "--format", "json", "--format", "text"], /--format is given twice/],
    ["a repeated --intents", [TF, "--intents", INTENTS, "--intents=x.json"], /--intents is given twice/],
    ["--principal without --jmeter or --nginx", [TF, "--principal", PRINCIPAL], /--principal .*only with --jmeter or --nginx/],
    ["--tokens without --jmeter or --nginx", [TF, "--tokens", "2"], /--tokens .*only with --jmeter or --nginx/],
    [
      "--tokens beyond a safe integer",
      [PLAN_STACK, "--jmeter", PLAN, "--principal", PRINCIPAL, "--tokens", "99999999999999999999"],
      /--tokens: expected a whole number from 1 to 1000000, got "99999999999999999999"/,
    ],
    [
      "--tokens above 1,000,000",
      [PLAN_STACK, "--jmeter", PLAN, "--principal", PRINCIPAL, "--tokens", "1000001"],
      /--tokens: expected a whole number from 1 to 1000000/,
    ],
    ["--output with an empty path", [TF, "--output", ""], /--output: expected a value, got an empty string/],
    ["--intents= with an empty path", [TF, "--intents="], /--intents: expected a value, got an empty string/],
    ["an empty path to audit", [""], /an empty string is not a file or directory/],
    ["budget: a repeated --principal", ["budget", "--principal", PRINCIPAL, "--principal", "x.y", "--jmeter", PLAN], /budget: --principal is given twice/],
    [
      "budget: --tokens beyond a safe integer",
      ["budget", "--principal", PRINCIPAL, "--jmeter", PLAN, "--tokens", "99999999999999999999"],
      /--tokens: expected a whole number from 1 to 1000000/,
    ],
    ["budget: an empty --jmeter", ["budget", "--principal", PRINCIPAL, "--jmeter", ""], /budget: --jmeter: expected a value, got an empty string/],
    [
      "budget: an infinite --target-rps",
      ["budget", "--principal", PRINCIPAL, "--jmeter", PLAN, "--target-rps", "1e999"],
      /--target-rps: expected a positive number/,
    ],
  ])("%s", async (_name, args, pattern) => {
    const before = fs.readdirSync(process.cwd()).sort();
    expectUsageError(await audit(...(args as string[])), pattern);
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(before); // nothing written
  });

  it("an argument holding control characters or 1 MB of text is echoed as one bounded, inert line", async () => {
    const run = await audit(TF, "--format", "te\u001b[31mxt\nINJECTED", "--principal", "p".repeat(1_000_000));
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")).toHaveLength(2); // one line and its newline
    expect(run.stderr).not.toMatch(/\u001b/);
    expect(run.stderr).toContain("\\u001b[31m");
    expect(run.stderr.length).toBeLessThan(5000);
  });

  it("--tokens 1000000 is accepted", async () => {
    expect((await audit(PLAN_STACK, "--jmeter", PLAN, "--principal", PRINCIPAL, "--tokens", "1000000")).code).not.toBe(2);
  });
});

describe("values and paths that start with '-'", () => {
  it("--intents -weird.json and a Terraform file after --", () => {
    const dir = tmp();
    fs.copyFileSync(TF, path.join(dir, "-main.tf.json"));
    fs.copyFileSync(INTENTS, path.join(dir, "-weird.json"));
    const expected = spawnEntry("cli/audit", [TF, "--intents", INTENTS, "--format", "json"]);
    expect(expected.code).toBe(1);
    const r = spawnEntry("cli/audit", ["--intents", "-weird.json", "--format", "json", "--", "-main.tf.json"], { cwd: dir });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: "" });
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(
      JSON.parse(expected.stdout).findings.map((f: { ruleId: string }) => f.ruleId),
    );
    // --output -report.json writes that file
    const out = spawnEntry("cli/audit", ["--intents", "-weird.json", "--output", "-report.json", "--", "-main.tf.json"], { cwd: dir });
    expect({ code: out.code, stdout: out.stdout, stderr: out.stderr }).toEqual({ code: 1, stdout: "", stderr: "" });
    expect(fs.readFileSync(path.join(dir, "-report.json"), "utf8")).toContain("GRG003");
  });

  it("- is still standard input, for --intents and for a positional Terraform JSON", () => {
    const viaIntents = spawnEntry("cli/audit", [TF, "--intents", "-"], { input: fs.readFileSync(INTENTS, "utf8") });
    expect({ code: viaIntents.code, stderr: viaIntents.stderr }).toEqual({ code: 1, stderr: "" });
    expect(viaIntents.stdout).toContain("GRG003");
    const viaTf = spawnEntry("cli/audit", ["-", "--intents", INTENTS], { input: fs.readFileSync(TF, "utf8") });
    expect({ code: viaTf.code, stderr: viaTf.stderr }).toEqual({ code: 1, stderr: "" });
    expect(viaTf.stdout).toContain("GRG003");
  });

  it("budget --jmeter -plan.jmx", () => {
    const dir = tmp();
    fs.copyFileSync(PLAN, path.join(dir, "-plan.jmx"));
    const r = spawnEntry("cli/audit", ["budget", "--principal", PRINCIPAL, "--jmeter", "-plan.jmx"], { cwd: dir });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(r.stdout).toContain("samples/min");
  });

  it("--help says how to name a file that starts with -", () => {
    expect(spawnEntry("cli/audit", ["--help"]).stdout).toMatch(/after --/);
  });
});
