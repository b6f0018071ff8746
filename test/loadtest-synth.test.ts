// A JMeter plan attached to a service account: the synth gate refuses a stack whose plan would
// 429 / 401 / 403 against the account's grants and the org's limits, and the synthesized stack
// carries the plan (an asset named by run.jmeter in intents.json) for the audit CLI.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { synthesize } from "../app/synthesize";
import { runAudit } from "../cli/run-audit";
import { JmeterPlan } from "../constructs/jmeter-plan";
import { RecordingServiceAccount } from "../constructs/recording-service-account";
import type { EnvironmentStack } from "../stacks/environment-stack";

const ROOT = path.join(__dirname, "..");
const ENVIRONMENTS = path.join(ROOT, "config", "environments");
const JMX = path.join(__dirname, "fixtures", "jmeter");
const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-jmeter-synth-"));
  made.push(dir);
  return dir;
}

function loadtestAccount(stack: EnvironmentStack): RecordingServiceAccount {
  const account = stack.serviceAccounts.find((a) => a.props.name === "loadtest");
  if (!account) throw new Error("the committed test environment has no loadtest account");
  return account;
}

/** Synthesizes the committed environments with a plan attached to the test stack's loadtest account. */
function synthWithPlan(file: string, extra: Partial<ConstructorParameters<typeof JmeterPlan>[2]> = {}) {
  const outdir = path.join(tmp(), "cdktf.out");
  const log: string[] = [];
  const code = synthesize({
    environmentsDir: ENVIRONMENTS,
    outdir,
    log: (l) => log.push(l),
    customize: (stack) => {
      if (stack.node.id === "test") new JmeterPlan(stack, "loadtest-plan", { account: loadtestAccount(stack), file, ...extra });
    },
  });
  return { code, outdir, text: log.join("\n") };
}

describe("JmeterPlan construct and the synth gate", () => {
  it("refuses a stack whose 500-thread plan would 429 and, on a 2-hour token, 401", () => {
    const { code, outdir, text } = synthWithPlan(path.join(JMX, "forum-500-threads.jmx"));
    expect(code).toBe(1);
    expect(text).toContain("stack test: refused");
    expect(text).toMatch(
      /GRG019 429 certain .*x 500 threads = 24,500 requests per second on 1 token\(s\) = 24,500 requests per second per token against a limit of 5 requests per second per token/,
    );
    expect(text).toMatch(/GRG020 401 certain .*runs 14,400 s \(4 h\) .*tokens live 7,200 s \(2 h\)/);
    expect(text).toContain("test/service-account-loadtest/client");
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("synthesizes with the paced plan and writes it next to the stack for the audit CLI", async () => {
    const { code, outdir, text } = synthWithPlan(path.join(JMX, "paced-concurrency.jmx"));
    expect(text).not.toMatch(/GRG0(19|2\d)/);
    expect(code).toBe(0);
    const stackDir = path.join(outdir, "stacks", "test");
    const intents = JSON.parse(fs.readFileSync(path.join(stackDir, "intents.json"), "utf8"));
    const run = intents.principals["genesyscloud_oauth_client.loadtest"].run;
    expect(run).toMatchObject({ tokens: 1, jmeter: expect.stringMatching(/^assets\/loadtest-plan_jmx_[0-9A-F]+\/[0-9A-F]+\/paced-concurrency\.jmx$/) });
    expect(fs.readFileSync(path.join(stackDir, run.jmeter), "utf8")).toBe(fs.readFileSync(path.join(JMX, "paced-concurrency.jmx"), "utf8"));
    // The cdk.tf.json itself does not change: the plan is an input of the gate, not a resource.
    expect(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).not.toContain("jmx");
    let stdout = "";
    const cli = await runAudit(["--intents", path.join(stackDir, "intents.json"), path.join(stackDir, "cdk.tf.json")], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
    });
    expect(stdout).toBe("No findings.\n");
    expect(cli).toBe(0);
  });

  it("the plan is checked against the account's grants (403) and the proxy in front of Genesys (503)", () => {
    const grants = synthWithPlan(path.join(ROOT, "rules", "fixtures", "GRG021", "fail.jmx"));
    expect(grants.code).toBe(1);
    expect(grants.text).toMatch(/GRG021 403 certain .*sampler "Annotations"/);
    const proxy = synthWithPlan(path.join(JMX, "paced-concurrency.jmx"), { nginx: path.join(ROOT, "rules", "fixtures", "GRG026", "fail.nginx.conf") });
    expect(proxy.code).toBe(1);
    expect(proxy.text).toMatch(/GRG026 503 certain .*nginx rejects the rest with 503/);
  });

  it("a malformed plan fails synth with one line (exit 2)", () => {
    const { code, text } = synthWithPlan(path.join(JMX, "malformed.jmx"));
    expect(code).toBe(2);
    expect(text).toMatch(/^error: .*malformed\.jmx: line 144, column 24: not well-formed XML: unexpected close tag \(<\/HTTPSamplerProxy> expected/m);
  });

  it("checks its props", () => {
    const attach =
      (props: Partial<ConstructorParameters<typeof JmeterPlan>[2]>, twice = false) =>
      () =>
        Testing.synthScope((scope) => {
          const account = new RecordingServiceAccount(scope, "sa", { name: "loadtest", capabilities: ["recordings:read"], divisions: [{ kind: "all" }] });
          new JmeterPlan(scope, "plan", { account, file: path.join(JMX, "paced-concurrency.jmx"), ...props });
          if (twice) new JmeterPlan(scope, "plan2", { account, file: path.join(JMX, "paced-concurrency.jmx") });
        });
    expect(attach({ tokens: 0 })).toThrow("stack/plan: tokens: must be a whole number, at least 1, got 0");
    expect(attach({ file: path.join(JMX, "nope.jmx") })).toThrow(/stack\/plan: file: file not found: .*nope\.jmx/);
    expect(attach({}, true)).toThrow("stack/plan2: account: stack/sa already has a JMeter plan (stack/plan); attach one plan per account");
    expect(attach({})).not.toThrow();
  });
});

describe("from the environment file, without TypeScript", () => {
  /** A workspace with the committed test environment changed by `mutate`, and the JMeter fixtures beside it. */
  function environmentWith(mutate: (config: any) => void): { dir: string; outdir: string; log: string[]; code: number } {
    const root = tmp();
    fs.mkdirSync(path.join(root, "environments"));
    fs.mkdirSync(path.join(root, "org"));
    fs.mkdirSync(path.join(root, "plans"));
    fs.copyFileSync(path.join(ROOT, "config", "org", "test.json"), path.join(root, "org", "test.json"));
    for (const f of ["forum-500-threads.jmx", "paced-concurrency.jmx"]) fs.copyFileSync(path.join(JMX, f), path.join(root, "plans", f));
    const config = JSON.parse(fs.readFileSync(path.join(ENVIRONMENTS, "test.json"), "utf8"));
    mutate(config);
    fs.writeFileSync(path.join(root, "environments", "test.json"), JSON.stringify(config, null, 2));
    const outdir = path.join(root, "cdktf.out");
    const log: string[] = [];
    const code = synthesize({ environmentsDir: path.join(root, "environments"), outdir, log: (l) => log.push(l) });
    return { dir: root, outdir, log, code };
  }
  const loadtest = (c: any) => c.serviceAccounts.find((a: any) => a.name === "loadtest");

  it("loadTest.jmeter attaches the plan: the forum's plan is refused (429), a paced one passes and is carried", () => {
    const forum = environmentWith((c) => (loadtest(c).loadTest = { jmeter: "../plans/forum-500-threads.jmx" }));
    expect(forum.code).toBe(1);
    expect(forum.log.join("\n")).toMatch(/GRG019 429 certain .*forum-500-threads\.jmx/);

    const paced = environmentWith((c) => (loadtest(c).loadTest = { jmeter: "../plans/paced-concurrency.jmx" }));
    expect({ code: paced.code, log: paced.log.filter((l) => !l.startsWith("warning: stack")) }).toEqual({
      code: 0,
      log: [expect.stringContaining("synthesized")],
    });
    const intents = JSON.parse(fs.readFileSync(path.join(paced.outdir, "stacks", "test", "intents.json"), "utf8"));
    expect(intents.principals["genesyscloud_oauth_client.loadtest"].run.jmeter).toMatch(/paced-concurrency\.jmx$/);
  });

  it("a loadTest file that does not exist is one line naming the environment file and the field", () => {
    const missing = environmentWith((c) => (loadtest(c).loadTest = { jmeter: "../plans/nope.jmx" }));
    expect(missing.code).toBe(2);
    expect(missing.log).toEqual([
      expect.stringMatching(
        /test\.json: serviceAccounts\[\d\]\.loadTest\.jmeter: \.\.\/plans\/nope\.jmx: no such file \(paths are relative to the environment file\)$/,
      ),
    ]);
  });

  it("acknowledgements on an account let an intended 429 through, shown and written into intents.json", () => {
    const fast = (c: any) => (loadtest(c).run = { durationSeconds: 3600, requestsPerSecond: 6, tokens: 1 });
    expect(environmentWith(fast).code).toBe(1);
    const ack = {
      ruleId: "GRG009",
      reason: "The soak test provokes 429 on purpose to measure back-off",
      owner: "perf-team",
      expires: "2099-12-31",
      ticket: "PERF-42",
    };
    const accepted = environmentWith((c) => {
      fast(c);
      loadtest(c).acknowledgements = [ack];
    });
    expect(accepted.code).toBe(0);
    expect(accepted.log.join("\n")).toContain(
      "acknowledged by perf-team until 2099-12-31 (PERF-42): The soak test provokes 429 on purpose to measure back-off",
    );
    const intents = JSON.parse(fs.readFileSync(path.join(accepted.outdir, "stacks", "test", "intents.json"), "utf8"));
    expect(intents.acknowledgements).toEqual([{ ...ack, target: "test/service-account-loadtest" }]);
  });
});
