// Synthesis with a gate: the app is synthesized into a staging directory, each stack's
// Terraform JSON is audited, and only a clean result replaces the output directory. A failed
// gate or bad input leaves the previous output untouched, never a half-written stack.
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../inputs/input-error";
import { ConstructPropsError } from "../constructs/construct-error";
import { buildApp } from "./build-app";

export interface SynthesizeOptions {
  environmentsDir: string;
  outdir: string;
  /** Where messages go (tests capture them). */
  log?: (line: string) => void;
}

/** Returns the process exit code: 0 synthesized, 1 the gate refused, 2 bad input. */
export function synthesize(options: SynthesizeOptions): number {
  const log = options.log ?? ((line: string) => console.error(line));
  const outdir = path.resolve(options.outdir);
  const staging = `${outdir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const { app, stacks } = buildApp(options.environmentsDir, staging);
    app.synth();
    for (const stack of stacks) {
      const dir = path.join(staging, "stacks", stack.node.id);
      fs.writeFileSync(path.join(dir, "intents.json"), `${JSON.stringify(stack.intents(), null, 2)}\n`);
    }
    replaceDir(staging, outdir);
    log(`synthesized ${stacks.map((s) => s.node.id).join(", ")} into ${path.relative(process.cwd(), outdir) || "."}`);
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
