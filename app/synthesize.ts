// Synthesis with a gate: the app is synthesized into a staging directory, each stack's
// Terraform JSON is audited, and only a clean result replaces the output directory. A failed
// gate or bad input leaves the previous output untouched, never a half-written stack.
import * as fs from "fs";
import * as path from "path";
import { ConstructPropsError } from "../constructs/construct-error";
import { InputError } from "../inputs/input-error";
import { fails } from "../policy/finding";
import { formatText } from "../reporters/text";
import { maxAgeDaysFromEnv, orgSettingsStaleness } from "../org/staleness";
import { buildApp } from "./build-app";
import { gateStack } from "./synth-gate";
import type { EnvironmentStack } from "../stacks/environment-stack";

export interface SynthesizeOptions {
  environmentsDir: string;
  outdir: string;
  /** Run the policy rules (default true); false only for benchmarks. */
  gate?: boolean;
  /** Changes applied to each stack before synthesis (escape hatches, as a user's main.ts might). */
  customize?: (stack: EnvironmentStack) => void;
  /** Where messages go (tests capture them). */
  log?: (line: string) => void;
}

/** Returns the process exit code: 0 synthesized, 1 the gate refused, 2 bad input. */
export function synthesize(options: SynthesizeOptions): number {
  const log = options.log ?? ((line: string) => console.error(line));
  const outdir = path.resolve(options.outdir);
  const shownOutdir = path.relative(process.cwd(), outdir) || ".";
  const staging = `${outdir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const { app, stacks } = buildApp(options.environmentsDir, staging);
    if (options.customize) stacks.forEach(options.customize);
    const maxAgeDays = maxAgeDaysFromEnv();
    for (const stack of stacks) {
      const stale = orgSettingsStaleness(stack.org, { maxAgeDays });
      if (stale) log(`warning: stack ${stack.node.id}: ${stale}`);
    }
    app.synth();
    let refused = false;
    for (const stack of stacks) {
      const dir = path.join(staging, "stacks", stack.node.id);
      fs.writeFileSync(path.join(dir, "intents.json"), `${JSON.stringify(stack.intents(), null, 2)}\n`);
      if (options.gate === false) continue;
      const { findings } = gateStack(stack, dir, path.join(shownOutdir, "stacks", stack.node.id));
      if (!findings.length) continue;
      const failing = findings.filter((f) => fails(f, "error")).length;
      log(`stack ${stack.node.id}: ${failing ? "refused" : "synthesized with findings"}`);
      log(formatText(findings).trimEnd());
      if (failing) refused = true;
    }
    if (refused) {
      fs.rmSync(staging, { recursive: true, force: true });
      log(`synth refused: the configuration above is known to make the recordings API fail; ${shownOutdir} was left as it was.`);
      return 1;
    }
    replaceDir(staging, outdir);
    log(`synthesized ${stacks.map((s) => s.node.id).join(", ")} into ${shownOutdir}`);
    return 0;
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (err instanceof InputError || err instanceof ConstructPropsError) {
      log(`error: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

function replaceDir(from: string, to: string): void {
  const old = `${to}.old-${process.pid}`;
  if (fs.existsSync(to)) fs.renameSync(to, old);
  fs.renameSync(from, to);
  fs.rmSync(old, { recursive: true, force: true });
}
