// `upgrade --to <version>`: what bumping the provider breaks, from the schema history. The
// acceptance case: a configuration pinned to 1.53.0 that sets genesyscloud_flow.file_content_hash
// and a site's outbound_routes, upgraded to 1.84.1, names both with the release each changed in.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const PINNED_OLD = path.join(__dirname, "fixtures", "real", "pinned-old");

async function upgrade(...args: string[]) {
  let out = "";
  let err = "";
  const code = await runAudit(["upgrade", ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-upgrade-"));
  fs.cpSync(PINNED_OLD, dir, { recursive: true });
  const main = path.join(dir, "main.tf");
  fs.writeFileSync(main, fs.readFileSync(main, "utf8").replace('version = "~> 1.53.0"', 'version = "1.53.0"'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("upgrade", () => {
  it("pinned to 1.53.0, to 1.84.1: file_content_hash and outbound_routes, each with the release it changed in; exit 1", async () => {
    const r = await upgrade("--to", "1.84.1", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("v1.53.0 (the newest release 1.53.0 allows) -> v1.84.1");
    expect(r.out).toContain("genesyscloud_flow.inbound: file_content_hash is computed by the provider from v1.68.5 and can no longer be set");
    expect(r.out).toContain("genesyscloud_telephony_providers_edges_site.denver: outbound_routes is gone from v1.61.0");
    // The audit against the target shows the same problems as findings that appear.
    expect(r.out).toMatch(/Findings that appear:\n {2}error GRG012 genesyscloud_flow\.inbound: file_content_hash/);
  });

  it("JSON and Markdown; a target newer than the data says how it is checked; --fail-on never exits 0", async () => {
    const json = JSON.parse((await upgrade("--to", "1.86.0", "--format", "json", dir)).out);
    expect(json.note).toContain("checked against v1.84.1 plus the types known to be added in v1.86.0");
    expect(json.configurations[0].changes.map((c: { kind: string; path: string; since: string }) => `${c.kind} ${c.path} ${c.since}`)).toEqual(
      expect.arrayContaining(["computed-only file_content_hash 1.68.5", "removed outbound_routes 1.61.0"]),
    );
    const md = await upgrade("--to", "1.84.1", "--format", "markdown", "--fail-on", "never", dir);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^# Provider upgrade to v1\.84\.1/);
    expect(md.out).toContain("### Schema changes");
  });

  it("to the version it runs with: nothing changes, exit 0", async () => {
    const r = await upgrade("--to", "1.53.0", dir);
    expect([r.code, r.out]).toEqual([0, expect.stringContaining("Nothing changes for this configuration.")]);
  });

  it("bad usage and a configuration without a version: one line, exit 2", async () => {
    expect(await upgrade(dir)).toEqual({ code: 2, out: "", err: "error: upgrade: --to <version> is required (see --help)\n" });
    expect((await upgrade("--to", "latest", dir)).err).toMatch(/^error: upgrade: --to expects a release such as 1\.84\.1/);
    expect((await upgrade("--to", "1.40.0", dir)).err).toMatch(/^error: upgrade: --to 1\.40\.0 is older than the version .* runs with \(v1\.53\.0/);
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "grg-upgrade-bare-"));
    try {
      fs.writeFileSync(path.join(bare, "main.tf"), 'resource "genesyscloud_auth_role" "r" {\n  name = "r"\n}\n');
      const r = await upgrade("--to", "1.84.1", bare);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/names no provider version .*pass --from <version>\n$/);
      expect((await upgrade("--to", "1.84.1", "--from", "1.53.0", bare)).code).toBe(0);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });
});
