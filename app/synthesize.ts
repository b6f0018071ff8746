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
  const unusable = unusableOutdir(outdir, shownOutdir, path.resolve(options.environmentsDir));
  if (unusable) {
    log(`error: ${unusable}`);
    return 2;
  }
  try {
    fs.rmSync(staging, { recursive: true, force: true });
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
      const { findings } = gateStack(stack, dir);
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
    try {
      fs.rmSync(staging, { recursive: true, force: true });
    } catch {
      // nothing was staged (the path is unusable): reported below
    }
    if (err instanceof InputError || err instanceof ConstructPropsError) {
      log(`error: ${err.message}`);
      return 2;
    }
    // The output directory cannot be written (below a file, read-only, /proc): one line, exit 2.
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code && ["ENOTDIR", "ENOENT", "EACCES", "EPERM", "EROFS", "EEXIST", "ENOSPC"].includes(code)) {
      log(`error: ${shownOutdir}: cannot write the output directory (${(err as Error).message.split("\n")[0]})`);
      return 2;
    }
    throw err;
  }
}

/** What cdktf writes into its output directory; anything else there is someone's data. */
const CDKTF_OUTPUT = new Set(["manifest.json", "stacks", "constructs.json"]);

/**
 * Synthesis replaces the output directory as a whole. It refuses a path that would take other
 * data with it: a file, a directory holding anything but a previous cdktf output, or one that
 * holds (or is inside) the environments directory it reads (CDKTF_OUTDIR=. or =config).
 */
function unusableOutdir(outdir: string, shown: string, environmentsDir: string): string | undefined {
  const inside = (a: string, b: string) => a === b || a.startsWith(b + path.sep);
  if (inside(environmentsDir, outdir) || inside(outdir, environmentsDir)) {
    return `${shown}: the output directory must not contain, or be inside, the environments directory ${path.relative(process.cwd(), environmentsDir) || "."} (synthesis replaces it as a whole)`;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outdir);
  } catch {
    return undefined; // created by synthesis
  }
  if (!stat.isDirectory()) return `${shown}: exists and is not a directory; choose another output directory (CDKTF_OUTDIR)`;
  const other = fs.readdirSync(outdir).filter((name) => !CDKTF_OUTPUT.has(name)).sort();
  if (other.length) {
    return `${shown}: holds ${other.slice(0, 3).join(", ")}${other.length > 3 ? ` and ${other.length - 3} more` : ""}, not only a previous cdktf output (manifest.json, stacks/); synthesis replaces the directory as a whole, so choose an empty or new one (CDKTF_OUTDIR)`;
  }
  return undefined;
}

function replaceDir(from: string, to: string): void {
  const old = `${to}.old-${process.pid}`;
  if (fs.existsSync(to)) fs.renameSync(to, old);
  fs.renameSync(from, to);
  fs.rmSync(old, { recursive: true, force: true });
}
