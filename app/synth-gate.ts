// The synth gate: runs the policy engine on each synthesized stack, exactly as the audit CLI
// would on cdktf.out, and decides whether the stacks may be written.
import * as fs from "fs";
import * as path from "path";
import { audit } from "../policy/engine";
import type { Finding } from "../policy/finding";
import { readTerraformJson } from "../terraform/tf-json";
import type { EnvironmentStack } from "../stacks/environment-stack";

export interface GateResult {
  stack: string;
  findings: Finding[];
}

/** Audits one stack's synthesized JSON (read back from the staging directory). */
export function gateStack(stack: EnvironmentStack, stackDir: string, displayDir: string): GateResult {
  const file = path.join(stackDir, "cdk.tf.json");
  const config = readTerraformJson(JSON.parse(fs.readFileSync(file, "utf8")), path.join(displayDir, "cdk.tf.json"));
  const findings = audit({
    config,
    org: stack.org,
    intents: stack.intents(),
    intentsFile: path.join(displayDir, "intents.json"),
    environmentKind: stack.config.kind,
  });
  return { stack: stack.node.id, findings };
}
