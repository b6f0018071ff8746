// The installable CLI: `npm pack`, installed into an empty directory as another repository would,
// then `genesys-recording-guard audit <dir>` gives the same JSON report as `npm run audit` here.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const ROOT = path.resolve(__dirname, "..");
let dir: string;
let bin: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-pack-"));
  // dist/ is fresh (the tests' global setup builds it); --ignore-scripts: prepare would rebuild it.
  const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  const consumer = path.join(dir, "consumer");
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel", "error", path.join(dir, tarball)], {
    cwd: consumer,
    stdio: "pipe",
  });
  bin = path.join(consumer, "node_modules", ".bin", "genesys-recording-guard");
}, 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function installed(args: string[]) {
  const r = spawnSync(bin, args, { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the packed, installed CLI", () => {
  it("ships the CLI, the library and the schema data, and nothing of the tests or sources", () => {
    const pkg = path.join(dir, "consumer", "node_modules", "genesys-recording-guard");
    for (const f of [
      "dist/cli/bin.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/genesys/provider-schema.json",
      "genesys/provider-schema-history.json",
      "action.yml",
    ])
      expect(fs.existsSync(path.join(pkg, f))).toBe(true);
    for (const f of ["test", "rules/fixtures", "dist/.tsbuildinfo", "cli/bin.ts"]) expect(fs.existsSync(path.join(pkg, f))).toBe(false);
  });

  it("audit <dir> gives the same JSON report as npm run audit here (exit code too)", async () => {
    for (const fixture of ["test/fixtures/real/export-org", "test/fixtures/real/several-roots-distinct"]) {
      let here = "";
      const code = await runAudit([fixture, "--format", "json"], { stdout: (t) => (here += t), stderr: () => undefined });
      const there = installed(["audit", fixture, "--format", "json"]);
      expect({ fixture, code: there.code, same: there.stdout === here }).toEqual({ fixture, code, same: true });
    }
  });

  it("answers --version, --help, and refuses an unknown command with exit 2", () => {
    expect(installed(["--version"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^genesys-recording-guard \d+\.\d+\.\d+\n$/) });
    expect(installed(["audit", "--help"]).stdout).toContain("genesys-recording-guard audit [options] <path...>");
    expect(installed(["scan", "."])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "scan"') });
  });

  it("the library entry exports the gate", () => {
    const r = spawnSync(process.execPath, ["-e", 'const g = require("genesys-recording-guard"); console.log(typeof g.RecordingGuard.of, typeof g.audit)'], {
      cwd: path.join(dir, "consumer"),
      encoding: "utf8",
    });
    expect(r.stdout.trim()).toBe("function function");
  });
});
