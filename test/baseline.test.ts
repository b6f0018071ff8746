// Baselines (--create-baseline, --baseline): a repository with 30 existing findings adopts the
// gate in one pull request; only new findings fail afterwards; fixed ones are listed as stale.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-baseline-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const client = (name: string) =>
  `resource "genesyscloud_oauth_client" "${name}" {\n  name                  = "${name}"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n}\n`;
const LEGACY =
  Array.from({ length: 28 }, (_, i) => client(`legacy_${i}`)).join("\n") +
  // Two more of other kinds: scopes on a client-credentials client (GRG006), an inactive client (GRG008).
  'resource "genesyscloud_oauth_client" "scoped" {\n  name                  = "scoped"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n  scopes                = ["recordings"]\n  roles {\n    role_id = "r"\n  }\n}\n' +
  'resource "genesyscloud_oauth_client" "off" {\n  name                  = "off"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n  state                 = "inactive"\n  roles {\n    role_id = "r"\n  }\n}\n';

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAudit([path.join(dir, "tf"), "--format", "json", ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stderr, report: stdout ? JSON.parse(stdout) : undefined };
}

function write(text: string) {
  fs.mkdirSync(path.join(dir, "tf"), { recursive: true });
  fs.writeFileSync(path.join(dir, "tf", "main.tf"), text);
}

describe("baselines", () => {
  it("30 existing findings: --create-baseline then --baseline exits 0; one new client without roles fails with exactly that finding", async () => {
    write(LEGACY);
    const before = await run();
    expect(before.code).toBe(1);
    expect(before.report.findings.length).toBeGreaterThanOrEqual(30);
    const file = path.join(dir, "baseline.json");
    const created = await run("--create-baseline", file);
    expect(created.code).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(baseline.entries).toHaveLength(before.report.findings.length);
    expect(JSON.stringify(baseline)).not.toMatch(/"line"/);

    const clean = await run("--baseline", file);
    expect(clean.code).toBe(0);
    expect(clean.report.findings).toEqual([]);
    expect(clean.report.baseline).toMatchObject({ matched: before.report.findings.length, stale: [] });

    // Lines move (a comment on top), a new client arrives: only it fails.
    write(`# moved\n\n${LEGACY}\n${client("brand_new")}`);
    const next = await run("--baseline", file);
    expect(next.code).toBe(1);
    expect(next.report.findings.map((f: { ruleId: string; address: string }) => `${f.ruleId} ${f.address}`)).toEqual([
      "GRG001 genesyscloud_oauth_client.brand_new",
    ]);
  });

  it("the same findings give the same baseline bytes; fixed findings are listed as stale", async () => {
    write(LEGACY);
    await run("--create-baseline", path.join(dir, "a.json"));
    await run("--create-baseline", path.join(dir, "b.json"));
    expect(fs.readFileSync(path.join(dir, "a.json"), "utf8")).toBe(fs.readFileSync(path.join(dir, "b.json"), "utf8"));
    write(LEGACY.replace(client("legacy_3"), ""));
    const r = await run("--baseline", path.join(dir, "a.json"));
    expect(r.code).toBe(0);
    expect(r.report.baseline.stale.map((e: { ruleId: string; address: string }) => `${e.ruleId} ${e.address}`)).toEqual([
      "GRG001 genesyscloud_oauth_client.legacy_3",
    ]);
  });

  it("a malformed baseline is one line naming the file and field (exit 2); both options at once is a usage error", async () => {
    write(LEGACY);
    fs.writeFileSync(
      path.join(dir, "bad.json"),
      JSON.stringify({ formatVersion: 1, entries: [{ ruleId: "GRG001", configuration: null, address: "x", attribute: null, fingerprint: "zz" }] }),
    );
    const bad = await run("--baseline", path.join(dir, "bad.json"));
    expect([bad.code, bad.report]).toEqual([2, undefined]);
    expect(bad.stderr).toMatch(/^error: .*bad\.json: entries\[0\]\.fingerprint: expected 32 hexadecimal characters\n$/);
    const both = await run("--baseline", "x.json", "--create-baseline", "y.json");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give one");
  });
});
