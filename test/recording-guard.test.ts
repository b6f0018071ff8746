// RecordingGuard: the synth gate for any cdktf app, not only this one's EnvironmentStack. An app
// written here with its own stack class: a client-credentials OAuth client without roles fails
// app.synth() with GRG001 (nothing of the stack written); acknowledged on the construct, it passes.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { GenesyscloudProvider } from "../.gen/providers/genesyscloud/provider";
import { OauthClient } from "../.gen/providers/genesyscloud/oauth-client";
import { acknowledge } from "../constructs/acknowledge";
import { RecordingGuard, type RecordingGuardOptions } from "../app/recording-guard";
import type { Finding } from "../core/finding";

class ExportJobStack extends TerraformStack {
  readonly client: OauthClient;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GenesyscloudProvider(this, "genesyscloud", { oauthclientId: "x", oauthclientSecret: "y", awsRegion: "us-east-1" } as never);
    this.client = new OauthClient(this, "export", { name: "Recording export", authorizedGrantType: "CLIENT-CREDENTIALS" });
  }
}

let outdir: string;
beforeEach(() => (outdir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-guard-"))));
afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

function app(build: (app: App) => void, reported: Finding[] = []): App {
  const a = new App({ outdir });
  build(a);
  RecordingGuard.of(a, { report: (_stack, findings) => reported.push(...findings) });
  return a;
}

describe("RecordingGuard on an app that is not this one's", () => {
  it("fails app.synth() with GRG001 for a client-credentials client without roles, and writes nothing of the stack", () => {
    const reported: Finding[] = [];
    const a = app((a) => new ExportJobStack(a, "prod"), reported);
    expect(() => a.synth()).toThrow(/genesys-recording-guard GRG001 genesyscloud_oauth_client\.export: /);
    expect(reported.map((f) => `${f.ruleId} ${f.address} ${f.constructPath}`)).toContain("GRG001 genesyscloud_oauth_client.export prod/export");
    expect(fs.existsSync(path.join(outdir, "stacks", "prod", "cdk.tf.json"))).toBe(false);
  });

  it("passes when the finding is acknowledged on the construct", () => {
    const a = app((a) => {
      const stack = new ExportJobStack(a, "prod");
      acknowledge(stack.client, {
        ruleId: "GRG001",
        owner: "platform-team",
        expires: "2099-12-31",
        reason: "roles are granted by the identity team's own stack",
      });
    });
    a.synth();
    expect(fs.existsSync(path.join(outdir, "stacks", "prod", "cdk.tf.json"))).toBe(true);
    const guard = RecordingGuard.of(a);
    expect(guard.audits.map((s) => [s.stack.node.id, s.failing.length, s.findings.filter((f) => f.acknowledged).length])).toEqual([["prod", 0, 1]]);
  });

  it("reads a config file: a rule it disables does not refuse the stack; its failOn applies", () => {
    const file = path.join(outdir, "guard.yaml");
    fs.writeFileSync(file, "rules:\n  disable: [GRG001]\n");
    const a = new App({ outdir: path.join(outdir, "out") });
    new ExportJobStack(a, "prod");
    RecordingGuard.of(a, { config: file, report: () => undefined });
    a.synth();
    expect(RecordingGuard.of(a).audits.map((s) => s.findings.map((f) => f.ruleId))).toEqual([[]]);
    fs.writeFileSync(file, "failOn: never\n");
    const b = new App({ outdir: path.join(outdir, "out2") });
    new ExportJobStack(b, "prod");
    RecordingGuard.of(b, { config: file, report: () => undefined });
    b.synth();
    expect(RecordingGuard.of(b).audits.map((s) => s.findings.map((f) => f.ruleId))).toEqual([["GRG001"]]);
  });

  it("layers enforcement as the CLI does: the config file's, then the intents' own, then the option given in code", () => {
    const file = path.join(outdir, "guard.yaml");
    fs.writeFileSync(file, "enforcement:\n  GRG001: advisory\n  GRG017: advisory\n");
    const levels = (options: Omit<RecordingGuardOptions, "config" | "report">) => {
      const a = new App({ outdir: path.join(outdir, `out-${Math.random().toString(36).slice(2)}`) });
      new ExportJobStack(a, "prod");
      const guard = RecordingGuard.of(a, { config: file, report: () => undefined, failOn: "never", ...options });
      a.synth();
      return guard.audits[0].findings.filter((f) => f.ruleId === "GRG001").map((f) => f.enforcement);
    };
    expect(levels({})).toEqual(["advisory"]);
    const intents = { principals: {}, enforcement: { GRG001: "hard" as const } };
    expect(levels({ intents })).toEqual(["hard"]);
    expect(levels({ intents, enforcement: { GRG001: "mandatory" } })).toEqual(["mandatory"]);
  });

  it("gates a stack added after RecordingGuard.of()", () => {
    const a = new App({ outdir });
    RecordingGuard.of(a, { report: () => undefined });
    new ExportJobStack(a, "late");
    expect(() => a.synth()).toThrow(/GRG001 genesyscloud_oauth_client\.export/);
  });

  it("a clean stack synthesizes as usual", () => {
    class Clean extends TerraformStack {
      constructor(scope: Construct, id: string) {
        super(scope, id);
        new GenesyscloudProvider(this, "genesyscloud", { awsRegion: "us-east-1" } as never);
      }
    }
    const a = app((a) => new Clean(a, "empty"));
    a.synth();
    expect(RecordingGuard.of(a).audits.map((s) => s.findings.length)).toEqual([0]);
    // The JSON audited is the JSON written (handed to cdktf once), and the stack computes it afresh afterwards.
    const stack = a.node.findChild("empty") as TerraformStack;
    expect(Object.prototype.hasOwnProperty.call(stack, "toTerraform")).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "empty", "cdk.tf.json"), "utf8"))).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
  });
});
