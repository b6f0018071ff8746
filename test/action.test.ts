// The GitHub Action (action.yml): its workflow parsed, and its steps run here as a runner would
// run them (expressions ${{ inputs.x }} and ${{ steps.audit.outputs.y }} substituted; `uses:`
// steps and the install step stand in for what the runner does): a schema-valid SARIF file, the
// Markdown report in the job summary, and the job failing by the fail level.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const SARIF_SCHEMA = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const ROOT = path.resolve(__dirname, "..");
const action = parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8"));

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const steps: Step[] = action.runs.steps;

/** Runs the action's shell steps on `inputs`, in a scratch runner; returns outputs, summary and the job's exit status. */
function runAction(given: Record<string, string>) {
  const runner = fs.mkdtempSync(path.join(os.tmpdir(), "grg-action-"));
  const inputs: Record<string, string> = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String((v as { default: string }).default)]));
  Object.assign(inputs, given);
  const outputs: Record<string, Record<string, string>> = {};
  const expr = (text: string) =>
    text.replace(/\$\{\{\s*(inputs|steps)\.([\w-]+)(?:\.outputs\.([\w-]+))?\s*\}\}/g, (_m, scope, a, b) =>
      scope === "inputs" ? inputs[a] : (outputs[a]?.[b] ?? ""),
    );
  const summary = path.join(runner, "summary.md");
  let jobStatus = 0;
  const uploads: string[] = [];
  for (const step of steps) {
    // `if:` is an expression without ${{ }}: its references are substituted bare.
    const condition = step.if ? expr(step.if.replace(/(?<![\w.{])((?:inputs|steps)\.[\w.-]+)/g, "${{ $1 }}")) : "true";
    // The few conditions the action uses: always() && a == 'b' && c != '' ...
    const holds = condition
      .replace(/always\(\)/g, "")
      .split("&&")
      .map((c) => c.trim())
      .filter(Boolean)
      .every((c) => {
        const m = /^(.*?)\s*(==|!=)\s*'(.*)'$/.exec(c);
        if (!m) return c === "true";
        const left = m[1].replace(/^'|'$/g, "");
        return m[2] === "==" ? left === m[3] : left !== m[3];
      });
    if (!holds || (jobStatus !== 0 && !step.if?.includes("always()"))) continue;
    if (step.uses?.startsWith("github/codeql-action/upload-sarif")) uploads.push(expr(step.with!.sarif_file));
    if (!step.run || step.name === "Install the guard") continue; // the guard is built here already
    const output = path.join(runner, `output-${step.id ?? "step"}`);
    fs.writeFileSync(output, "");
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(v)]));
    const r = spawnSync("bash", ["-c", expr(step.run)], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, ...env, GITHUB_ACTION_PATH: ROOT, RUNNER_TEMP: runner, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
    });
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        fs
          .readFileSync(output, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
    if (r.status !== 0) jobStatus = r.status ?? 1;
  }
  return { runner, outputs: outputs.audit ?? {}, summary: fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "", jobStatus, uploads };
}

const FAIL = "rules/fixtures/GRG001/fail.tf.json";
const runners: string[] = [];
afterAll(() => runners.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("the GitHub Action", () => {
  it("is a composite action with inputs for paths, intents, org and fail level, uploading SARIF from the audit step", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["paths", "intents", "org", "fail-on"]));
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))!;
    expect(upload.with!.sarif_file).toBe("${{ steps.audit.outputs.sarif }}");
    expect(upload.if).toContain("always()");
  });

  it("on a failing configuration: a schema-valid SARIF, the Markdown in the job summary, the job failing (fail-on error)", () => {
    const r = runAction({ paths: FAIL });
    runners.push(r.runner);
    expect(r.outputs["exit-code"]).toBe("1");
    expect(r.jobStatus).toBe(1);
    expect(r.uploads).toEqual([r.outputs.sarif]);
    const sarif = JSON.parse(fs.readFileSync(r.outputs.sarif, "utf8"));
    const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
    addFormats(ajv); // the SARIF schema's "uri" formats are checked, not ignored with a warning
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain("GRG001");
    expect(r.summary).toContain("GRG001");
  });

  it("fail-on never: the same report, the job passes", () => {
    const r = runAction({ paths: FAIL, "fail-on": "never", "upload-sarif": "false" });
    runners.push(r.runner);
    expect([r.outputs["exit-code"], r.jobStatus, r.uploads]).toEqual(["0", 0, []]);
    expect(r.summary).toContain("GRG001");
  });

  it("bad input: exit 2, no SARIF to upload, the summary says the audit could not run", () => {
    const r = runAction({ paths: "no/such/dir" });
    runners.push(r.runner);
    expect([r.outputs["exit-code"], r.outputs.sarif, r.jobStatus, r.uploads]).toEqual(["2", undefined, 2, []]);
    expect(r.summary).toContain("could not run (exit 2)");
  });
});
