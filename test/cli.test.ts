// The audit CLI as a user meets it: exit codes, reports, one-line errors, stable bytes.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const ROOT = path.join(__dirname, "..");
const FIX = path.join(ROOT, "rules", "fixtures");

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAudit(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "grg-cli-"));
}

describe("audit CLI", () => {
  it("exits 1 on an error finding and explains it grouped by principal", async () => {
    const r = await cli(path.join(FIX, "GRG003", "fail.tf.json"), "--intents", path.join(FIX, "GRG003", "intents.json"));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^genesyscloud_oauth_client\.loadtest {2}\(.*fail\.tf\.json:\d+\)$/m);
    expect(r.stdout).toMatch(/error {3}GRG003 403 likely/);
    expect(r.stdout).toContain("fix: Add a roles entry granting the role in genesyscloud_auth_division.sales.");
    expect(r.stdout).toMatch(/Summary: 1 error, 0 unknown, 0 warnings, 0 info\n$/);
  });

  it("exits 0 on a clean configuration", async () => {
    const r = await cli(path.join(FIX, "GRG003", "pass.tf.json"), "--intents", path.join(FIX, "GRG003", "intents.json"));
    expect(r).toEqual({ code: 0, stdout: "No findings.\n", stderr: "" });
  });

  it("--fail-on decides which levels fail", async () => {
    const warningOnly = path.join(FIX, "GRG008", "fail.tf.json"); // inactive client, no intent: warning
    expect((await cli(warningOnly)).code).toBe(0);
    expect((await cli(warningOnly, "--fail-on", "warning")).code).toBe(1);
    const advisory = path.join(FIX, "GRG006", "fail.tf.json"); // scopes on a CC client: advisory, never fails
    expect((await cli(advisory, "--fail-on", "info")).code).toBe(0);
    const erroring = path.join(FIX, "GRG001", "fail.tf.json");
    expect((await cli(erroring, "--fail-on", "never")).code).toBe(0);
  });

  it("says where the limits came from: the org settings file and its provenance", async () => {
    const args = [path.join(FIX, "GRG009", "fail.tf.json"), "--org", path.join(ROOT, "config", "org", "test.json")];
    const report = JSON.parse((await cli(...args, "--format", "json")).stdout);
    expect(report.limits).toEqual({
      clientCredentialsTokenPerMinute: 300,
      source: expect.stringContaining("config/org/test.json (documented default"),
      orgSettings: {
        file: "config/org/test.json",
        environment: "test",
        provenance: "documented-defaults",
        capturedAt: "2026-11-21",
        region: null,
        orgName: null,
      },
    });
    expect((await cli(...args, "--format", "markdown")).stdout).toContain(
      "Limits: 300 requests per minute per OAuth token, from documented defaults, not read from the org: config/org/test.json.",
    );
  });

  it("writes the same JSON bytes on every run, with the documented contract", async () => {
    const args = [path.join(FIX, "GRG002", "fail.tf.json"), "--intents", path.join(FIX, "GRG002", "intents.json"), "--format", "json"];
    const a = await cli(...args);
    const b = await cli(...args);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(Object.keys(report)).toEqual(["schemaVersion", "tool", "inputs", "configurations", "limits", "findings", "acknowledgements", "summary", "baseline"]);
    // Without --org: the documented default, said so.
    expect(report.limits).toEqual({
      clientCredentialsTokenPerMinute: 300,
      source: "documented default: 300 requests per minute per OAuth token",
      orgSettings: null,
    });
    expect(report.tool.name).toBe("genesys-recording-guard");
    expect(report.inputs[0]).toEqual({
      file: expect.stringContaining("fail.tf.json"),
      kind: "terraform-json",
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const f = report.findings[0];
    expect(Object.keys(f)).toEqual([
      "ruleId",
      "ruleName",
      "severity",
      "address",
      "configuration",
      "file",
      "line",
      "attribute",
      "valueSources",
      "constructPath",
      "httpStatus",
      "certainty",
      "message",
      "remediation",
      "sources",
      "enforcement",
      "acknowledged",
    ]);
    expect(f).toMatchObject({ ruleId: "GRG002", severity: "error", address: "genesyscloud_oauth_client.loadtest", httpStatus: 403, certainty: "certain" });
    expect(f.message).toContain("recording:job:add");
    expect(f.message).toContain("POST /api/v2/recording/jobs");
    expect(report.summary).toEqual({ error: 3, unknown: 0, warning: 0, info: 0, total: 3, acknowledged: 0 });
    expect(f).toMatchObject({ enforcement: "mandatory", acknowledged: null });
  });

  it("--output writes the report to a file and nothing to stdout", async () => {
    const out = path.join(tmp(), "report.json");
    const r = await cli(path.join(FIX, "GRG001", "fail.tf.json"), "--format", "json", "--output", out);
    expect(r.stdout).toBe("");
    expect(JSON.parse(fs.readFileSync(out, "utf8")).summary.error).toBe(1);
    expect(fs.readdirSync(path.dirname(out))).toEqual(["report.json"]);
  });

  it.each([
    ["a missing file", ["nope/main.tf.json"], /^error: nope\/main\.tf\.json: file not found\n$/],
    ["an unknown option", ["--formt", "json", "x.tf"], /^error: Unknown option '--formt'/],
    ["an unknown format", ["--format", "xml", "x.tf"], /^error: --format: expected one of text, json, sarif, markdown, junit.*, got "xml"\n$/],
    ["no paths", [], /^error: name at least one file or directory to audit \(see --help\)\n$/],
  ])("exits 2 with one line for %s", async (_name, args, expected) => {
    const r = await cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 when the intents name an unknown capability, naming the file and field", async () => {
    const dir = tmp();
    const intents = path.join(dir, "intents.json");
    fs.writeFileSync(intents, JSON.stringify({ principals: { "genesyscloud_oauth_client.loadtest": { capabilities: ["recordings:playback"] } } }));
    const r = await cli(path.join(FIX, "GRG001", "pass.tf.json"), "--intents", intents);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${intents}: principals.genesyscloud_oauth_client.loadtest.capabilities[0]: unknown capability "recordings:playback"`);
  });

  it("--help documents every option the parser accepts", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    for (const option of ["--intents", "--org", "--environment", "--format", "--output", "--fail-on"]) expect(r.stdout).toContain(option);
  });

  it("as a real process: paths are relative to where the user typed the command (npm's INIT_CWD)", () => {
    const dir = tmp();
    fs.copyFileSync(path.join(FIX, "GRG016", "fail.tf.json"), path.join(dir, "main.tf.json"));
    const p = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.js"), "cli/audit", "main.tf.json"], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: dir, npm_lifecycle_event: "audit" },
      encoding: "utf8",
    });
    expect(p.stderr).toBe("");
    expect(p.stdout).toContain("genesyscloud_oauth_client.loadtest  (main.tf.json:");
    // An INIT_CWD inherited from another npm script (npm test) is not this command's directory.
    const inherited = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.js"), "cli/audit", "main.tf.json"], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: dir, npm_lifecycle_event: "test" },
      encoding: "utf8",
    });
    expect(inherited.status).toBe(2);
    expect(inherited.stderr).toContain("main.tf.json: file not found");
  });

  it("as a real process: bad input prints one line and no stack trace", () => {
    const dir = tmp();
    const bad = path.join(dir, "main.tf.json");
    fs.writeFileSync(bad, '{"resource": {');
    // What `npm run audit` runs: the compiled CLI (dist/cli/audit.js, through scripts/run.js).
    const p = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.js"), "cli/audit", bad], { cwd: ROOT, encoding: "utf8" });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe("");
    expect(p.stderr.trim().split("\n")).toHaveLength(1);
    expect(p.stderr).toContain(bad);
    expect(p.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

describe("intents in YAML", () => {
  it("gives the same findings as the JSON intents", async () => {
    const dir = tmp();
    const yamlFile = path.join(dir, "intents.yaml");
    fs.writeFileSync(
      yamlFile,
      "principals:\n  genesyscloud_oauth_client.loadtest:\n    capabilities: [recordings:read]\n    divisions: [genesyscloud_auth_division.sales]\n",
    );
    const tf = path.join(FIX, "GRG003", "fail.tf.json");
    const fromYaml = await cli(tf, "--intents", yamlFile, "--format", "json");
    const fromJson = await cli(tf, "--intents", path.join(FIX, "GRG003", "intents.json"), "--format", "json");
    expect(JSON.parse(fromYaml.stdout).findings).toEqual(JSON.parse(fromJson.stdout).findings);
  });

  it("a YAML syntax error is one line with the file and position", async () => {
    const dir = tmp();
    const yamlFile = path.join(dir, "intents.yml");
    fs.writeFileSync(yamlFile, "principals:\n  x: [unclosed\n");
    const r = await cli(path.join(FIX, "GRG003", "fail.tf.json"), "--intents", yamlFile);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: ${yamlFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line \\d+, column \\d+: not valid YAML`));
  });
});

describe("load-test shortcut and budget", () => {
  const JMX = path.join(ROOT, "test", "fixtures", "jmeter");
  const stack = path.join(FIX, "GRG007", "pass.tf.json");

  it("--jmeter with --principal reports the forum plan's 429 with its arithmetic", async () => {
    const r = await cli(stack, "--jmeter", path.join(JMX, "forum-500-threads.jmx"), "--principal", "genesyscloud_oauth_client.loadtest");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/GRG019 429 certain .*2,940 samples\/min .*x 500 threads = 24,500 requests per second .*limit of 5 requests per second per token/);
  });

  it("--jmeter without --principal is a usage error", async () => {
    const r = await cli(stack, "--jmeter", path.join(JMX, "paced-concurrency.jmx"));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: --jmeter and --nginx need --principal ADDRESS: the principal whose token the plan uses\n");
  });

  it("budget prints the safe timer and says when a target needs a limit increase", async () => {
    const r = await cli(
      "budget",
      "--principal",
      "genesyscloud_oauth_client.loadtest",
      "--jmeter",
      path.join(JMX, "forum-500-threads.jmx"),
      "--target-rps",
      "20",
      stack,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('270 samples/min in mode 2 "all active threads in current thread group"');
    expect(r.stdout).toContain("needs a limit increase from Genesys, not more clients");
  });

  it("budget refuses a non-positive target with one line", async () => {
    const r = await cli(
      "budget",
      "--principal",
      "genesyscloud_oauth_client.loadtest",
      "--jmeter",
      path.join(JMX, "forum-500-threads.jmx"),
      "--target-rps",
      "0",
    );
    expect(r).toMatchObject({ code: 2, stderr: 'error: --target-rps: expected a positive number, got "0"\n' });
  });
});
