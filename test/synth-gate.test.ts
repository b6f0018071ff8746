// The synth gate refuses a stack known to make the recordings API fail, and leaves no stack behind.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesize } from "../app/synthesize";

const ENVIRONMENTS = path.join(__dirname, "..", "config", "environments");

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "grg-gate-"));
}

/** A copy of the committed environments with one file changed. */
function environmentsWith(name: string, change: (config: any) => void): string {
  const dir = tempDir();
  for (const f of fs.readdirSync(ENVIRONMENTS)) {
    const config = JSON.parse(fs.readFileSync(path.join(ENVIRONMENTS, f), "utf8"));
    config.orgSettings = path.join(__dirname, "..", "config", "org", `${config.name}.json`);
    if (f === `${name}.json`) change(config);
    fs.writeFileSync(path.join(dir, f), JSON.stringify(config));
  }
  return dir;
}

function run(environmentsDir: string, extra: Partial<Parameters<typeof synthesize>[0]> = {}) {
  const outdir = path.join(tempDir(), "cdktf.out");
  const log: string[] = [];
  const code = synthesize({ environmentsDir, outdir, log: (l) => log.push(l), ...extra });
  return { code, outdir, text: log.join("\n") };
}

describe("synth gate", () => {
  it("synthesizes the committed environments with no findings", () => {
    const { code, outdir, text } = run(ENVIRONMENTS);
    expect(text).not.toMatch(/GRG\d{3}/);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(outdir, "stacks", "test", "cdk.tf.json"))).toBe(true);
    expect(fs.existsSync(path.join(outdir, "stacks", "test", "intents.json"))).toBe(true);
  });

  it("refuses a role granted only in the home division when the intent needs another division (403)", () => {
    const { code, outdir, text } = run(ENVIRONMENTS, {
      customize: (stack) => {
        for (const account of stack.serviceAccounts) {
          if (account.props.name === "loadtest") account.client.putRoles([{ roleId: account.role.id }]);
        }
      },
    });
    expect(code).toBe(1);
    expect(text).toContain("GRG003");
    expect(text).toContain("genesyscloud_oauth_client.loadtest");
    expect(text).toContain("test/service-account-loadtest/client");
    expect(text).toMatch(/fix: /);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  it("refuses a run faster than the per-token limit (429) and a run longer than the token (401)", () => {
    const dir = environmentsWith("test", (c) => {
      c.serviceAccounts[0].run = { durationSeconds: 14400, requestsPerSecond: 49, tokens: 1 };
    });
    const { code, text } = run(dir);
    expect(code).toBe(1);
    expect(text).toMatch(/GRG009 429 certain .*49 requests\/s over 1 token\(s\).*limit of 300\/min = 5\/s per token/);
    expect(text).toMatch(/GRG007 401 certain .*14400 s but tokens live 7200 s/);
    // Where to fix it: the environment file and the construct, not the staged (never written) cdk.tf.json.
    expect(text).toContain(`genesyscloud_oauth_client.loadtest  (${path.join(dir, "test.json")}, test/service-account-loadtest/client)`);
    expect(text).not.toContain("cdk.tf.json");
  });

  it("keeps the previous output when the gate refuses", () => {
    const outdir = path.join(tempDir(), "cdktf.out");
    expect(synthesize({ environmentsDir: ENVIRONMENTS, outdir, log: () => {} })).toBe(0);
    const before = fs.readFileSync(path.join(outdir, "stacks", "test", "cdk.tf.json"), "utf8");
    const dir = environmentsWith("test", (c) => (c.serviceAccounts[0].run.requestsPerSecond = 50));
    expect(synthesize({ environmentsDir: dir, outdir, log: () => {} })).toBe(1);
    expect(fs.readFileSync(path.join(outdir, "stacks", "test", "cdk.tf.json"), "utf8")).toBe(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(["cdktf.out"]);
  });
});
