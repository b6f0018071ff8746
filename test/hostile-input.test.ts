// Hostile and odd input (issue "Hostile and odd input"): each test here failed before its fix.
// Special files and huge inputs run in a child process with a time limit: before the fix a FIFO
// blocked the reading process for good, which no in-process test could survive.
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { runAudit } from "../cli/run-audit";
import { runSynthesize, useTempDirs, EnvironmentWorkspace } from "./helpers";

const ROOT = path.join(__dirname, "..");
const FIX = path.join(ROOT, "rules", "fixtures");
const tempDir = useTempDirs();

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAudit(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** The audit as a separate process (dist/, as npm run audit runs it), bounded in time. */
function spawnAudit(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}) {
  const p = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.js"), "cli/audit", ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: 20000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: p.status, signal: p.signal, stdout: p.stdout, stderr: p.stderr };
}

function expectOneLineError(r: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
}

function mkfifo(file: string): void {
  const made = spawnSync("mkfifo", [file]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
}

const clientWithoutRoles = { genesyscloud_oauth_client: { hidden: { name: "Hidden", authorized_grant_type: "CLIENT-CREDENTIALS", roles: [] } } };
const aRole = {
  genesyscloud_auth_role: { reader: { name: "Reader", permission_policies: [{ domain: "recording", entity_name: "recording", action_set: ["view"] }] } },
};

describe("repeated JSON keys are merged or refused as Terraform does, never dropped", () => {
  it("two top-level resource objects: both are audited (the first one's client without roles is found)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(file, `{\n  "resource": ${JSON.stringify(clientWithoutRoles)},\n  "resource": ${JSON.stringify(aRole)}\n}\n`);
    const r = await cli(file, "--format", "json");
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; address: string }[];
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: "GRG001", address: "genesyscloud_oauth_client.hidden" }));
  });

  it("a resource type written twice under one resource object: both types' blocks are audited", async () => {
    const dir = tempDir();
    const file = path.join(dir, "main.tf.json");
    const client = JSON.stringify(clientWithoutRoles.genesyscloud_oauth_client);
    fs.writeFileSync(
      file,
      `{"resource": {"genesyscloud_oauth_client": ${client}, "genesyscloud_oauth_client": {"other": {"name": "O", "authorized_grant_type": "CODE"}}}}`,
    );
    const r = await cli(file, "--format", "json");
    const addresses = (JSON.parse(r.stdout).findings as { address: string }[]).map((f) => f.address);
    expect(addresses).toContain("genesyscloud_oauth_client.hidden");
  });

  it("a repeated nested block (permission_policies twice) keeps both policies", async () => {
    const dir = tempDir();
    const file = path.join(dir, "main.tf.json");
    // The client needs recordings:read; the view policy is in the first permission_policies key.
    fs.writeFileSync(
      file,
      `{"resource": {"genesyscloud_auth_role": {"reader": {"name": "R",
        "permission_policies": {"domain": "recording", "entity_name": "recording", "action_set": ["view"]},
        "permission_policies": {"domain": "analytics", "entity_name": "conversationDetail", "action_set": ["view"]}}},
      "genesyscloud_oauth_client": {"c": {"name": "C", "authorized_grant_type": "CLIENT-CREDENTIALS",
        "roles": [{"role_id": "\${genesyscloud_auth_role.reader.id}", "division_id": "*"}]}}}}`,
    );
    const intents = path.join(dir, "intents.json");
    fs.writeFileSync(intents, JSON.stringify({ principals: { "genesyscloud_oauth_client.c": { capabilities: ["recordings:read"], divisions: ["*"] } } }));
    const r = await cli(file, "--intents", intents, "--format", "json");
    const rules = (JSON.parse(r.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId);
    expect(rules).not.toContain("GRG002");
  });

  it.each([
    [
      "an argument written twice",
      `{"resource": {"genesyscloud_oauth_client": {"c": {"name": "a", "name": "b", "authorized_grant_type": "CODE"}}}}`,
      /main\.tf\.json: line 1, column \d+: duplicate key "name" in resource\.genesyscloud_oauth_client\.c: Terraform refuses a repeated argument \("Duplicate argument"\)/,
    ],
    [
      "one address written twice",
      `{"resource": {"genesyscloud_oauth_client": {"c": {"name": "a"}, "c": {"name": "b"}}}}`,
      /duplicate key "c" in resource\.genesyscloud_oauth_client: Terraform refuses a second block with the same address/,
    ],
    [
      "one address as an array of two blocks",
      `{"resource": {"genesyscloud_oauth_client": {"c": [{"name": "a"}, {"name": "b"}]}}}`,
      /resource\.genesyscloud_oauth_client\.c: declared 2 times: Terraform refuses a second block with the same address/,
    ],
    [
      "a variable declared twice",
      `{"variable": {"ttl": {"default": 1}, "ttl": {"default": 2}}, "resource": {}}`,
      /duplicate key "ttl" in variable: Terraform refuses a second variable of one name/,
    ],
  ])("%s is refused as Terraform refuses it (exit 2, one line with the line number)", async (_what, text, pattern) => {
    const dir = tempDir();
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(file, text);
    expectOneLineError(await cli(file), pattern);
  });

  it("a repeated key in plan JSON is refused (terraform show -json never writes one)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, `{"format_version": "1.2", "planned_values": {"root_module": {}}, "planned_values": {"root_module": {}}, "configuration": {}}`);
    expectOneLineError(await cli(file), /plan\.json: line 1, column \d+: duplicate key "planned_values"/);
  });

  it("a walked directory does not skip a Terraform JSON file whose repeated key is refused", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "extra.json"), `{"resource": {"genesyscloud_oauth_client": {"c": {"name": "a", "name": "b"}}}}`);
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ resource: aRole }));
    expectOneLineError(await cli(dir), /extra\.json: line 1, column \d+: duplicate key "name"/);
  });
});

describe("special files and size: refused with one line, never read blindly", () => {
  const fifoCases: [string, (dir: string, fifo: string) => string[]][] = [
    ["a Terraform input", (_dir, fifo) => [fifo]],
    ["--intents", (dir, fifo) => [path.join(dir, "main.tf.json"), "--intents", fifo]],
    ["--org", (dir, fifo) => [path.join(dir, "main.tf.json"), "--org", fifo]],
    ["--jmeter", (dir, fifo) => [path.join(dir, "main.tf.json"), "--jmeter", fifo, "--principal", "genesyscloud_oauth_client.c"]],
    ["--nginx", (dir, fifo) => [path.join(dir, "main.tf.json"), "--nginx", fifo, "--principal", "genesyscloud_oauth_client.c"]],
  ];
  it.each(fifoCases)("a FIFO named as %s", (_what, args) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ resource: aRole }));
    const fifo = path.join(dir, "pipe.json");
    mkfifo(fifo);
    const r = spawnAudit(args(dir, fifo));
    expect(r.signal).toBeNull(); // not killed by the time limit: it did not block
    expectOneLineError(r, /pipe\.json: is a named pipe \(FIFO\), not a regular file/);
  });

  it("/dev/zero as run.nginx in intents is refused, not read until memory runs out", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ resource: aRole }));
    fs.writeFileSync(
      path.join(dir, "intents.json"),
      JSON.stringify({
        principals: {
          "genesyscloud_oauth_client.c": { capabilities: ["recordings:read"], run: { durationSeconds: 60, requestsPerSecond: 1, nginx: "/dev/zero" } },
        },
      }),
    );
    const r = spawnAudit([path.join(dir, "main.tf.json"), "--intents", path.join(dir, "intents.json")]);
    expect(r.signal).toBeNull();
    expectOneLineError(r, /\/dev\/zero: is a character device, not a regular file/);
  });

  it("a file over the size limit is refused naming the limit and how to raise it; the override lets it through", () => {
    const dir = tempDir();
    const file = path.join(dir, "main.tf.json");
    const padding = " ".repeat(1024 * 1024 + 10);
    fs.writeFileSync(file, `${JSON.stringify({ resource: aRole })}${padding}`);
    expectOneLineError(
      spawnAudit([file], { env: { GRG_MAX_INPUT_MB: "1" } }),
      /main\.tf\.json: is 1 MB, over the input size limit of 1 MB; raise it with GRG_MAX_INPUT_MB=<megabytes>/,
    );
    expect(spawnAudit([file], { env: { GRG_MAX_INPUT_MB: "2" } }).code).toBe(0);
    expectOneLineError(spawnAudit([file], { env: { GRG_MAX_INPUT_MB: "lots" } }), /GRG_MAX_INPUT_MB: expected a number of megabytes/);
  });

  it("standard input over the limit is refused too", () => {
    const r = spawnAudit(["-"], { input: `{"resource": {}}${" ".repeat(1024 * 1024 + 10)}`, env: { GRG_MAX_INPUT_MB: "1" } });
    expectOneLineError(r, /<stdin>: is larger than 1 MB, over the input size limit/);
  });

  it("a *.json FIFO in the environments folder does not block synth", () => {
    const dir = tempDir();
    const ws = new EnvironmentWorkspace(dir);
    ws.writeEnvironment("test.json");
    mkfifo(path.join(ws.environmentsDir, "stuck.json"));
    const outdir = path.join(dir, "cdktf.out");
    // In-process would block the test runner for good before the fix; the reader opens non-blocking.
    const r = runSynthesize(ws.environmentsDir, outdir);
    expect(r.code).toBe(2);
    expect(r.log.join("\n")).toMatch(/stuck\.json: is a named pipe \(FIFO\), not a regular file/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("/dev/zero as an environment's orgSettings is refused by synth", () => {
    const dir = tempDir();
    const ws = new EnvironmentWorkspace(dir);
    ws.writeEnvironment("test.json", (c) => (c.orgSettings = "/dev/zero"));
    const r = runSynthesize(ws.environmentsDir, path.join(dir, "cdktf.out"));
    expect(r.code).toBe(2);
    expect(r.log.join("\n")).toMatch(/\/dev\/zero: is a character device, not a regular file/);
  });
});

describe("nesting, alias bombs and __proto__", () => {
  const deep = (n: number) => `{"resource": {"genesyscloud_auth_role": {"r": {"name": "r", "description": ${"[".repeat(n)}${"]".repeat(n)}}}}}`;

  it("Terraform JSON nested 10,000 levels: one line naming the file and line, exit 2 (was: internal error naming no file)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(file, deep(10000));
    expectOneLineError(await cli(file), /main\.tf\.json: line 1, column \d+: nested deeper than 256 levels/);
  });

  it("intents nested 10,000 levels and a YAML alias bomb: one line each", async () => {
    const dir = tempDir();
    const main = path.join(dir, "main.tf.json");
    fs.writeFileSync(main, JSON.stringify({ resource: aRole }));
    const nested = path.join(dir, "intents.json");
    fs.writeFileSync(nested, `{"principals": ${"[".repeat(10000)}${"]".repeat(10000)}}`);
    expectOneLineError(await cli(main, "--intents", nested), /intents\.json: line 1, column \d+: nested deeper than 256 levels/);
    const bomb = path.join(dir, "intents.yaml");
    const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(",")}]`,
      );
    fs.writeFileSync(bomb, `${lines.join("\n")}\nprincipals: {}\n`);
    expectOneLineError(await cli(main, "--intents", bomb), /intents\.yaml: (aliases expand too far|.*alias)/);
  });

  it("an environment file nested 10,000 levels: synth says which file, exit 2 (was: a stack trace, exit 1)", () => {
    const dir = tempDir();
    const ws = new EnvironmentWorkspace(dir);
    ws.writeText("test.json", `{"environment": ${"[".repeat(10000)}${"]".repeat(10000)}}`);
    const r = runSynthesize(ws.environmentsDir, path.join(dir, "cdktf.out"));
    expect(r.code).toBe(2);
    expect(r.log).toHaveLength(1);
    expect(r.log[0]).toMatch(/test\.json: line 1, column \d+: nested deeper than 256 levels/);
  });

  it.each(["text", "json", "markdown", "sarif", "junit", "html", "access"])(
    "a resource type named __proto__ is an ordinary name in %s (no internal error)",
    async (format) => {
      const dir = tempDir();
      const file = path.join(dir, "main.tf.json");
      fs.writeFileSync(
        file,
        `{"resource": {"__proto__": {"x": {"name": "x"}}, "constructor": {"y": {}}, "genesyscloud_oauth_client": {"toString": {"name": "t", "authorized_grant_type": "CLIENT-CREDENTIALS", "roles": []}}}}`,
      );
      const r = await cli(file, "--format", format);
      expect(r.stderr).toBe("");
      expect([0, 1]).toContain(r.code);
    },
  );

  it("__proto__ through --bundle writes every format", async () => {
    const dir = tempDir();
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(file, `{"resource": {"__proto__": {"x": {"name": "x"}}}}`);
    const r = await cli(file, "--bundle", path.join(dir, "bundle"));
    expect(r.stderr).toBe("");
    expect(fs.existsSync(path.join(dir, "bundle", "manifest.json"))).toBe(true);
  });
});

describe("outputs never replace inputs", () => {
  it("--output naming an audited file is refused and the file is untouched", async () => {
    const dir = tempDir();
    const main = path.join(dir, "main.tf.json");
    const text = JSON.stringify({ resource: aRole });
    fs.writeFileSync(main, text);
    expectOneLineError(await cli(dir, "--output", main), /main\.tf\.json: --output names an input of this audit/);
    expect(fs.readFileSync(main, "utf8")).toBe(text);
    const intents = path.join(dir, "intents.json");
    fs.writeFileSync(intents, `{"principals": {}}`);
    const link = path.join(dir, "link.json");
    fs.symlinkSync(intents, link);
    expectOneLineError(await cli(main, "--intents", intents, "--output", link), /--output names an input of this audit/);
    expect(fs.readFileSync(intents, "utf8")).toBe(`{"principals": {}}`);
  });
});

describe("digests are of the bytes the audit read", () => {
  it("--intents - (standard input): the manifest records the digest of what was piped in", () => {
    const dir = tempDir();
    const main = path.join(dir, "main.tf.json");
    fs.writeFileSync(main, JSON.stringify({ resource: aRole }));
    const intents = JSON.stringify({ principals: {} });
    const r = spawnAudit([main, "--intents", "-", "--bundle", path.join(dir, "bundle")], { input: intents });
    expect(r.stderr).toBe("");
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "bundle", "manifest.json"), "utf8"));
    const entry = manifest.inputs.find((i: { kind: string }) => i.kind === "intents");
    expect(entry).toEqual({ file: "<stdin>", kind: "intents", sha256: createHash("sha256").update(intents).digest("hex") });
  });

  it("Terraform JSON on standard input is audited", () => {
    const r = spawnAudit(["-", "--format", "json"], { input: fs.readFileSync(path.join(FIX, "GRG001", "fail.tf.json"), "utf8") });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain("GRG001");
  });

  it("standard input named twice is one line, exit 2", () => {
    expectOneLineError(spawnAudit(["-", "--intents", "-"], { input: "{}" }), /standard input \(-\) is named twice/);
  });
});

describe("a one-line error is one line", () => {
  it("a warning about the org settings is not printed before an error (the error stays the only line)", async () => {
    const dir = tempDir();
    const main = path.join(dir, "main.tf.json");
    fs.writeFileSync(main, JSON.stringify({ resource: aRole }));
    const org = path.join(ROOT, "config", "org", "test.json");
    expect((await cli(main, "--org", org)).stderr).toMatch(/^warning: /); // the file gives a warning on a good run
    const plan = path.join(dir, "plan.jmx"); // read after the org settings
    fs.writeFileSync(plan, "<jmeterTestPlan><unclosed>");
    expectOneLineError(await cli(main, "--org", org, "--jmeter", plan, "--principal", "genesyscloud_oauth_client.c"), /^error: .*plan\.jmx/);
  });
});
