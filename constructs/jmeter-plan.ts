// A JMeter plan attached to a RecordingServiceAccount: the plan runs with the account's OAuth
// client, so the synth gate checks it against the account's grants, token lifetime and the org's
// rate limits (429, 401, 403 and the documented bulk limits) and refuses to synthesize a stack
// whose load test would fail. The .jmx (and an optional nginx configuration in front of Genesys)
// is read when the construct is created (a malformed file fails synth with one line, exit 2) and
// copied into the stack's output as an asset, so the stack's intents.json names it by a path
// relative to itself (`run.jmeter`) and `npm run audit` on cdktf.out checks the same plan.
//
//   new JmeterPlan(stack, "loadtest-plan", { account, file: "loadtest/recordings.jmx" });
import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import type { DeclaredPrincipalIntent } from "../model/intents";
import { readJmeterFile } from "../readers/loadtest/jmx";
import { type JmeterTestPlan } from "../model/jmeter-plan";
import { readNginxFile } from "../readers/loadtest/nginx";
import { type NginxConfig } from "../model/nginx-config";
import type { AttachedLoadPlan } from "../model/load-plan";
import { ConstructPropsError } from "./construct-error";
import { RecordingServiceAccount } from "./recording-service-account";

export interface JmeterPlanProps {
  /** The service account whose OAuth client the plan's requests use. */
  readonly account: RecordingServiceAccount;
  /** The .jmx file: absolute, or relative to the working directory. */
  readonly file: string;
  /** OAuth tokens the plan spreads its requests over (default: the account's run profile, else 1). */
  readonly tokens?: number;
  /** An nginx configuration whose limit_req rules sit between the plan and Genesys. */
  readonly nginx?: string;
}

export class JmeterPlan extends Construct {
  readonly account: RecordingServiceAccount;
  readonly plan: JmeterTestPlan;
  readonly nginx?: NginxConfig;
  readonly tokens: number;
  private readonly planAsset: TerraformAsset;
  private readonly nginxAsset?: TerraformAsset;

  /** Every plan below a scope, in construct-tree order. */
  static allIn(scope: Construct): JmeterPlan[] {
    return scope.node.findAll().filter((c): c is JmeterPlan => c instanceof JmeterPlan);
  }

  /** The plans below a scope as the policy engine takes them (AuditInput.loadPlans). */
  static loadPlansIn(scope: Construct): AttachedLoadPlan[] {
    return JmeterPlan.allIn(scope).map((p) => p.attached);
  }

  constructor(scope: Construct, id: string, props: JmeterPlanProps) {
    super(scope, id);
    const where = this.node.path;
    if (!(props.account instanceof RecordingServiceAccount)) throw new ConstructPropsError(where, "account", "expected a RecordingServiceAccount");
    const other = JmeterPlan.allIn(this.node.root).find((p) => p !== this && p.account === props.account);
    if (other)
      throw new ConstructPropsError(where, "account", `${props.account.node.path} already has a JMeter plan (${other.node.path}); attach one plan per account`);
    const tokens = props.tokens ?? props.account.props.run?.tokens ?? 1;
    if (!Number.isInteger(tokens) || tokens < 1) throw new ConstructPropsError(where, "tokens", `must be a whole number, at least 1, got ${tokens}`);
    for (const [field, file] of [
      ["file", props.file],
      ["nginx", props.nginx],
    ] as const) {
      if (file !== undefined && !fs.existsSync(file)) throw new ConstructPropsError(where, field, `file not found: ${file}`);
    }
    this.account = props.account;
    this.tokens = tokens;
    this.plan = readJmeterFile(props.file);
    this.planAsset = new TerraformAsset(this, "jmx", { path: path.resolve(props.file), type: AssetType.FILE });
    if (props.nginx !== undefined) {
      this.nginx = readNginxFile(props.nginx);
      this.nginxAsset = new TerraformAsset(this, "nginx", { path: path.resolve(props.nginx), type: AssetType.FILE });
    }
  }

  /** The plan as the policy engine takes it. */
  get attached(): AttachedLoadPlan {
    const run = this.account.props.run;
    return {
      principal: this.account.address,
      jmeter: this.plan,
      ...(this.nginx ? { nginx: this.nginx } : {}),
      tokens: this.tokens,
      ...(run ? { durationSeconds: run.durationSeconds, requestsPerSecond: run.requestsPerSecond } : {}),
      declaredIn: this.node.path,
    };
  }

  /**
   * The account's intent with `run.jmeter` (and `run.nginx`): paths of the copied assets, relative
   * to the stack directory where intents.json is written.
   */
  intentWithPlan(intent: DeclaredPrincipalIntent): DeclaredPrincipalIntent {
    return {
      ...intent,
      run: {
        ...(intent.run ?? {}),
        tokens: this.tokens,
        jmeter: this.planAsset.path,
        ...(this.nginxAsset ? { nginx: this.nginxAsset.path } : {}),
      },
    };
  }
}
