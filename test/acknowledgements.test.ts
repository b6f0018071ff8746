// Acknowledgements: an accepted finding stays in the report, marked with its reason; an expired
// one fails the audit and the synth; an orphaned one warns; hard rules cannot be acknowledged.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesize } from "../app/synthesize";
import { runAudit } from "../cli/run-audit";
import { acknowledge } from "../constructs/acknowledge";

const ROOT = path.join(__dirname, "..");
const FIX = path.join(ROOT, "rules", "fixtures");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "grg-ack-"));

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAudit(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function intentsWith(acknowledgements: object[], base = path.join(FIX, "GRG002", "intents.json")): string {
  const file = path.join(tmp(), "intents.json");
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(base, "utf8")), acknowledgements }));
  return file;
}

const ack = (over: object = {}) => ({
  ruleId: "GRG002",
  target: "genesyscloud_oauth_client.loadtest",
  reason: "Bulk jobs move to the retention-admin client in Q1; tracked.",
  owner: "platform-team",
  expires: "2026-12-31",
  ticket: "REC-123",
  ...over,
});

describe("acknowledgements in the intents file (CLI)", () => {
  const tf = path.join(FIX, "GRG002", "fail.tf.json");

  it("an active acknowledgement keeps the finding, marked, and the audit passes", async () => {
    const r = await cli(tf, "--intents", intentsWith([ack()]), "--format", "json", "--today", "2026-11-21");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === "GRG002")).toHaveLength(3);
    for (const f of report.findings) expect(f.acknowledged).toEqual({ reason: ack().reason, owner: "platform-team", expires: "2026-12-31", ticket: "REC-123" });
    expect(report.acknowledgements).toEqual([expect.objectContaining({ ruleId: "GRG002", status: "active", matched: 3 })]);
    expect(report.summary.acknowledged).toBe(3);
  });

  it("an expired acknowledgement is an error and the findings count again", async () => {
    const r = await cli(tf, "--intents", intentsWith([ack({ expires: "2026-11-20" })]), "--today", "2026-11-21");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /error {3}GRG901 \[hard\] {2}The acknowledgement of GRG002 on genesyscloud_oauth_client\.loadtest .*reason: "Bulk jobs move to the retention-admin client in Q1; tracked\."\) expired; its 3 finding\(s\) count again\./,
    );
    expect(r.stdout).not.toContain("acknowledged by");
  });

  it("Markdown shows each finding under the file it comes from", async () => {
    const file = intentsWith([ack({ expires: "2026-11-20" })]);
    const md = (await cli(tf, "--intents", file, "--format", "markdown", "--today", "2026-11-21")).stdout;
    const sections = md.split("### ").filter((s) => s.startsWith("`genesyscloud_oauth_client.loadtest`"));
    expect(sections).toHaveLength(2);
    const [intentsSection] = sections.filter((s) => s.includes(file));
    const [tfSection] = sections.filter((s) => s.includes("fail.tf.json"));
    expect(intentsSection).toContain("GRG901");
    expect(intentsSection).not.toContain("GRG002 capability-not-granted");
    expect(tfSection).toContain("GRG002 capability-not-granted");
  });

  it("an acknowledgement that matches nothing warns", async () => {
    const file = intentsWith([ack({ ruleId: "GRG007" })]);
    const r = await cli(path.join(FIX, "GRG002", "pass.tf.json"), "--intents", file, "--today", "2026-11-21");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning GRG902 {2}The acknowledgement of GRG007 .* matches no finding\./);
    expect((await cli(path.join(FIX, "GRG002", "pass.tf.json"), "--intents", file, "--fail-on", "warning")).code).toBe(1);
  });

  it("records the intents file, which holds the acknowledgements, as an input with its digest", async () => {
    const file = intentsWith([ack()]);
    const report = JSON.parse((await cli(tf, "--intents", file, "--format", "json", "--today", "2026-11-21")).stdout);
    expect(report.inputs.map((i: { kind: string }) => i.kind)).toEqual(["terraform-json", "intents"]);
    expect(report.inputs[1]).toEqual({ file, kind: "intents", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("a hard-enforced rule cannot be acknowledged", async () => {
    const file = path.join(tmp(), "intents.json");
    fs.writeFileSync(file, JSON.stringify({ principals: {}, acknowledgements: [ack({ ruleId: "GRG016", target: "genesyscloud_oauth_client.loadtest" })] }));
    const r = await cli(path.join(FIX, "GRG016", "fail.tf.json"), "--intents", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("GRG903");
    expect(r.stdout).toMatch(/GRG016/);
  });

  it("a short reason is refused with the file and field", async () => {
    const file = intentsWith([ack({ reason: "because" })]);
    const r = await cli(tf, "--intents", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${file}: acknowledgements[0].reason: give a reason of at least 20 characters\n`);
  });
});

describe("acknowledgements on constructs (synth)", () => {
  const ENVIRONMENTS = path.join(ROOT, "config", "environments");

  function fastRun(expires: string) {
    const dir = tmp();
    for (const f of fs.readdirSync(ENVIRONMENTS)) {
      const c = JSON.parse(fs.readFileSync(path.join(ENVIRONMENTS, f), "utf8"));
      c.orgSettings = path.join(ROOT, "config", "org", `${c.name}.json`);
      if (c.name === "test") c.serviceAccounts[0].run.requestsPerSecond = 6; // 429: above 5 per token
      fs.writeFileSync(path.join(dir, f), JSON.stringify(c));
    }
    const outdir = path.join(tmp(), "cdktf.out");
    const log: string[] = [];
    const code = synthesize({
      environmentsDir: dir,
      outdir,
      log: (l) => log.push(l),
      customize: (stack) => {
        for (const a of stack.serviceAccounts) {
          if (a.props.name === "loadtest")
            acknowledge(a, {
              ruleId: "GRG009",
              owner: "perf-team",
              expires,
              reason: "Measures 429 back-off on purpose during the soak test",
              ticket: "PERF-42",
            });
        }
      },
    });
    return { code, outdir, text: log.join("\n") };
  }

  it("synthesizes, shows the acknowledged finding and writes the acknowledgement into metadata, output and intents", () => {
    process.env.GRG_TODAY = "2026-11-21";
    const { code, outdir, text } = fastRun("2027-01-31");
    expect(code).toBe(0);
    expect(text).toContain("acknowledged by perf-team until 2027-01-31 (PERF-42)");
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "test", "cdk.tf.json"), "utf8"));
    const expected = {
      ruleId: "GRG009",
      target: "test/service-account-loadtest",
      owner: "perf-team",
      expires: "2027-01-31",
      ticket: "PERF-42",
      reason: expect.any(String),
    };
    expect(stack["//"].acknowledgements).toEqual([expected]);
    expect(stack.output.policy_acknowledgements.value).toEqual([expected]);
    const intents = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "test", "intents.json"), "utf8"));
    expect(intents.acknowledgements).toEqual([expected]);
  });

  it("an expired acknowledgement fails the synth", () => {
    process.env.GRG_TODAY = "2026-11-21";
    const { code, text } = fastRun("2026-11-01");
    expect(code).toBe(1);
    expect(text).toContain("GRG901");
    expect(text).toContain("GRG009");
  });

  afterAll(() => delete process.env.GRG_TODAY);
});
