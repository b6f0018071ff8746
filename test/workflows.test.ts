// The CI workflows shipped for users: parsed, and the steps a reviewer relies on are there.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const DIR = path.join(__dirname, "..", ".github", "workflows");
const load = (name: string) => parse(fs.readFileSync(path.join(DIR, name), "utf8"));
const runs = (job: { steps: { run?: string; uses?: string }[] }) => job.steps.map((s) => s.run ?? s.uses ?? "");

describe("pull-request workflow", () => {
  const wf = load("recording-guard-pr.yml");
  const steps = runs(wf.jobs.audit);

  it("runs on pull requests with permission to upload code scanning results", () => {
    expect(Object.keys(wf.on)).toContain("pull_request");
    expect(wf.permissions["security-events"]).toBe("write");
  });

  it("installs, tests, synthesizes and audits, in that order", () => {
    const at = (needle: RegExp) => steps.findIndex((s) => needle.test(s));
    const order = [/^npm ci$/, /^npm test$/, /^npm run synth$/, /npm run audit --/].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("uploads the SARIF the audit writes and adds the Markdown to the job summary", () => {
    const audit = steps.find((s) => s.includes("npm run audit --"))!;
    const bundle = /--bundle (\S+)/.exec(audit)![1];
    const upload = wf.jobs.audit.steps.find((s: { uses?: string }) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
    expect(upload.with.sarif_file).toBe(`${bundle}/report.sarif`);
    expect(steps.some((s) => s.includes(`${bundle}/report.md`) && s.includes("$GITHUB_STEP_SUMMARY"))).toBe(true);
  });
});

describe("deploy workflow", () => {
  const wf = load("recording-guard-deploy.yml");
  const job = wf.jobs.deploy;

  it("plans and deploys with the provider's own credential variables from secrets", () => {
    expect(job.env.GENESYSCLOUD_OAUTHCLIENT_ID).toMatch(/secrets\.GENESYSCLOUD_OAUTHCLIENT_ID/);
    expect(job.env.GENESYSCLOUD_OAUTHCLIENT_SECRET).toMatch(/secrets\.GENESYSCLOUD_OAUTHCLIENT_SECRET/);
    const steps = runs(job);
    expect(steps).toEqual(expect.arrayContaining(["npm ci", "npm run synth"]));
    expect(steps.some((s) => /cdktf-cli@0\.21\.0 plan/.test(s))).toBe(true);
    expect(steps.some((s) => /cdktf-cli@0\.21\.0 deploy/.test(s))).toBe(true);
  });

  it("deploys only from main, through a protected environment", () => {
    expect(wf.on.push.branches).toEqual(["main"]);
    expect(job.environment).toMatch(/^genesys-/);
  });
});
