// The synth gate: runs the policy engine on each synthesized stack, exactly as the audit CLI
// would on cdktf.out, and decides whether the stacks may be written.
import * as fs from "fs";
import * as path from "path";
import { JmeterPlan } from "../constructs/jmeter-plan";
import { audit } from "../engine/engine";
import type { Finding } from "../core/finding";
import { readTerraformJson } from "../readers/terraform/tf-json";
import type { EnvironmentStack } from "../stacks/environment-stack";
import { InputError } from "../model/input-error";
import { isIsoDate } from "../readers/validate";

function todayFromEnv(): string | undefined {
  const v = process.env.GRG_TODAY;
  if (!v) return undefined;
  if (!isIsoDate(v)) throw new InputError("GRG_TODAY", undefined, `expected a date YYYY-MM-DD, got "${v}"`);
  return v;
}

export interface GateResult {
  stack: string;
  findings: Finding[];
}

/**
 * Audits one stack's synthesized JSON (read back from the staging directory). Findings name the
 * environment file the stack was built from, with the construct path of what is wrong: the
 * synthesized file is staged, and is not written at all when the gate refuses the stack.
 */
export function gateStack(stack: EnvironmentStack, stackDir: string): GateResult {
  const file = path.join(stackDir, "cdk.tf.json");
  const config = readTerraformJson(JSON.parse(fs.readFileSync(file, "utf8")), stack.config.file);
  const findings = audit({
    config,
    org: stack.org,
    intents: stack.intents(),
    loadPlans: JmeterPlan.loadPlansIn(stack),
    intentsFile: stack.config.file,
    environmentKind: stack.config.kind,
    // GRG_TODAY pins the date acknowledgements expire against (reproducible builds, tests).
    today: todayFromEnv(),
  });
  return { stack: stack.node.id, findings };
}
