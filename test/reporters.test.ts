// Reports a reviewer and an auditor read: SARIF valid against the 2.1.0 schema, a Markdown PR
// comment that says what breaks and what to change, JUnit, and a byte-stable evidence bundle.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { XMLParser } from "fast-xml-parser";
import { runAudit } from "../cli/run-audit";

const FIX = path.join(__dirname, "..", "rules", "fixtures");
const SARIF_SCHEMA = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAudit(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const broken = [path.join(FIX, "GRG002", "fail.tf.json"), "--intents", path.join(FIX, "GRG002", "intents.json"), "--today", "2026-11-21"];

describe("SARIF", () => {
  it("validates against the SARIF 2.1.0 schema and lists every rule with help and level", async () => {
    const { stdout } = await cli(...broken, "--format", "sarif");
    const log = JSON.parse(stdout);
    const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(log)).toBe(true);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe("genesys-recording-guard");
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(["GRG001", "GRG002", "GRG012", "GRG901"]));
    for (const r of driver.rules) {
      expect(r.help.text.length).toBeGreaterThan(20);
      expect(["error", "warning", "note"]).toContain(r.defaultConfiguration.level);
    }
    const result = log.runs[0].results[0];
    expect(result).toMatchObject({ ruleId: "GRG002", level: "error", properties: { httpStatus: 403, certainty: "certain" } });
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/GRG002\/fail\.tf\.json$/);
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe("genesyscloud_oauth_client.loadtest");
  });
});

describe("Markdown", () => {
  it("tells a reviewer which principal breaks, which permission is missing and what to change", async () => {
    const { stdout } = await cli(...broken, "--format", "markdown");
    expect(stdout).toMatch(/^## Genesys Recording Guard: 3 errors/);
    expect(stdout).toContain("### `genesyscloud_oauth_client.loadtest`");
    expect(stdout).toMatch(
      /\| error \| GRG002 capability-not-granted \| 403 certain \| .*recording:job:add.*POST \/api\/v2\/recording\/jobs.* \| Grant recording:job:add in a role assigned to genesyscloud_oauth_client.loadtest. \|/,
    );
    expect(stdout).toContain("<details><summary>Why these rules fire</summary>");
  });

  it("escapes HTML that PR authors write (acknowledgement reasons, values in messages)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-md-"));
    const intents = JSON.parse(fs.readFileSync(path.join(FIX, "GRG002", "intents.json"), "utf8"));
    intents.acknowledgements = [
      {
        ruleId: "GRG002",
        target: "genesyscloud_oauth_client.loadtest",
        reason: "<script>alert(1)</script> until the role is split",
        owner: "<!-- team",
        expires: "2099-01-01",
      },
    ];
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(intents));
    const { stdout } = await cli(
      path.join(FIX, "GRG002", "fail.tf.json"),
      "--intents",
      path.join(dir, "intents.json"),
      "--format",
      "markdown",
      "--today",
      "2026-11-21",
    );
    expect(stdout).toContain("&lt;script&gt;alert(1)&lt;/script&gt; until the role is split");
    expect(stdout).toContain("&lt;!-- team");
    expect(stdout).not.toContain("<script>");
    expect(stdout).not.toContain("<!--");
  });

  it("keeps addresses and targets from the intents inside code spans, whatever backticks they hold", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-md-code-"));
    const intents = JSON.parse(fs.readFileSync(path.join(FIX, "GRG002", "intents.json"), "utf8"));
    const target = "x` <img src=https://example.invalid/p.png> <b>bold</b> `y";
    intents.acknowledgements = [{ ruleId: "GRG002", target, reason: "A target that matches nothing, on purpose", owner: "qa", expires: "2099-01-01" }];
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(intents));
    const { stdout } = await cli(
      path.join(FIX, "GRG002", "fail.tf.json"),
      "--intents",
      path.join(dir, "intents.json"),
      "--format",
      "markdown",
      "--today",
      "2026-11-21",
    );
    expect(stdout).toContain(`### \`\`${target}\`\``); // the orphaned acknowledgement's finding (GRG902) is headed by its target
    expect(stdout).toContain(`| GRG002 | \`\`${target}\`\` | orphaned |`);
    // Raw HTML appears only inside those code spans, where it is shown as text.
    expect(stdout.split("\n").filter((l) => l.includes("<img"))).toEqual([`### \`\`${target}\`\``, expect.stringMatching(/^\| GRG002 \| ``x` <img/)]);
  });
});

describe("JUnit", () => {
  it("has one test case per rule and resource, failures for failing findings", async () => {
    const { stdout } = await cli(...broken, "--format", "junit");
    const doc = new XMLParser({ ignoreAttributes: false }).parse(stdout);
    const suites = doc.testsuites.testsuite;
    const grg002 = suites.find((s: Record<string, string>) => s["@_name"].startsWith("GRG002"));
    expect(grg002["@_failures"]).toBe("1");
    expect(grg002.testcase["@_name"]).toBe("GRG002 capability-not-granted: genesyscloud_oauth_client.loadtest");
    expect(grg002.testcase.failure["#text"]).toContain("recording:job:add");
    const quiet = suites.find((s: Record<string, string>) => s["@_name"].startsWith("GRG001"));
    expect(quiet["@_failures"]).toBe("0");
  });
});

describe("evidence bundle", () => {
  it("writes every format and a manifest, byte-identical across runs", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "grg-bundle-"));
    const a = path.join(root, "a");
    const b = path.join(root, "b");
    expect((await cli(...broken, "--bundle", a, "--format", "json")).code).toBe(1);
    await cli(...broken, "--bundle", b);
    const files = fs.readdirSync(a).sort();
    expect(files).toEqual(expect.arrayContaining(["manifest.json", "report.json", "report.sarif", "report.md", "junit.xml"]));
    for (const f of files) expect(fs.readFileSync(path.join(a, f), "utf8")).toBe(fs.readFileSync(path.join(b, f), "utf8"));
    const manifest = JSON.parse(fs.readFileSync(path.join(a, "manifest.json"), "utf8"));
    expect(manifest.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.outputs.map((o: { file: string }) => o.file)).toEqual(files.filter((f) => f !== "manifest.json"));
    expect(fs.readdirSync(root).sort()).toEqual(["a", "b"]);
  });

  it("replaces a previous bundle, but refuses a directory with other files or holding an input (one line, exit 2)", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "grg-bundle-safe-"));
    const bundle = path.join(root, "evidence");
    expect((await cli(...broken, "--bundle", bundle, "--format", "json")).code).toBe(1);
    expect((await cli(...broken, "--bundle", bundle, "--format", "json")).code).toBe(1); // a previous bundle: replaced

    fs.writeFileSync(path.join(bundle, "keep.txt"), "mine");
    const other = await cli(...broken, "--bundle", bundle);
    expect(other.code).toBe(2);
    expect(other.stderr.trim().split("\n")).toEqual([expect.stringContaining("evidence: holds keep.txt, which is not a bundle file")]);
    expect(fs.readFileSync(path.join(bundle, "keep.txt"), "utf8")).toBe("mine");

    const own = path.join(root, "own");
    fs.mkdirSync(own);
    fs.copyFileSync(path.join(FIX, "GRG002", "intents.json"), path.join(own, "intents.json"));
    const input = await cli(path.join(FIX, "GRG002", "fail.tf.json"), "--intents", path.join(own, "intents.json"), "--bundle", own);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain("intents.json, an input of this audit");
    expect(fs.readdirSync(own)).toEqual(["intents.json"]);
  });
});
