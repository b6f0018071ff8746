// Synthesis with a gate: the app is synthesized into a staging directory, each stack's
// Terraform JSON is audited, and only a clean result replaces the output directory. A failed
// gate or bad input leaves the previous output untouched, never a half-written stack.
import * as fs from "fs";
import * as path from "path";
import { ConstructPropsError } from "../constructs/construct-error";
import { InputError } from "../model/input-error";
import { formatText } from "../reporters/text";
import { DEFAULT_MAX_INPUT_MB, MAX_INPUT_ENV } from "../readers/read-file";
import { DEFAULT_MAX_SNAPSHOT_AGE_DAYS, MAX_AGE_ENV, maxAgeDaysFromEnv, orgSettingsStaleness } from "../analyses/org-staleness";
import { terminalLine } from "../model/safe-text";
import { TOOL } from "../core/tool";
import { buildApp } from "./build-app";
import { RecordingGuard } from "./recording-guard";
import { todayFromEnv } from "./synth-gate";
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

export const SYNTH_HELP = `Usage: npm run synth   (cdktf synth runs the same command: cdktf.json's "app")

Synthesizes one stack per environment file (<name>.json in the environments directory) into the
output directory, runs the recording policy rules on each stack, and replaces the synthesized files
there only when no stack is refused (Terraform's files in a stack's directory stay).

It takes no arguments; it reads these environment variables:
  CDKTF_OUTDIR            the output directory (default cdktf.out; cdktf synth sets it)
  GRG_ENVIRONMENTS_DIR    the environments directory (default config/environments)
  ${MAX_INPUT_ENV.padEnd(22)}  the size limit of each input file, in MB (default ${DEFAULT_MAX_INPUT_MB})
  ${MAX_AGE_ENV.padEnd(22)}  warn when an org settings snapshot is older (default ${DEFAULT_MAX_SNAPSHOT_AGE_DAYS} days)
  GRG_DEBUG               print the stack of an internal error

Options:
  -h, --help              show this help
      --version           print the version

Exit status: 0 synthesized; 1 the gate refused a stack (its error findings are listed);
2 bad input (one line naming the file and the field); 3 internal error.
`;

export interface SynthIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface RunSynthOptions {
  /** Environment variables (CDKTF_OUTDIR, GRG_ENVIRONMENTS_DIR, GRG_DEBUG). */
  env: Readonly<Record<string, string | undefined>>;
  /** The project root: its config/environments is the default environments directory. */
  projectRoot: string;
  customize?: SynthesizeOptions["customize"];
}

/**
 * The synth command (main.ts) as a function: arguments and environment in, exit status out.
 * It takes no arguments (cdktf synth runs cdktf.json's app with none) besides --help and
 * --version; anything else is refused rather than ignored. An unexpected error is one line,
 * exit 3: exit 1 means only that the gate refused.
 */
export function runSynth(argv: readonly string[], io: SynthIo, options: RunSynthOptions): number {
  const info = argv.slice(0, argv.includes("--") ? argv.indexOf("--") : argv.length).find((a) => a === "--help" || a === "-h" || a === "--version");
  if (info !== undefined) {
    io.stdout(info === "--version" ? `${TOOL.name} ${TOOL.version}\n` : SYNTH_HELP);
    return 0;
  }
  if (argv.length) {
    io.stderr(
      `error: synth takes no arguments, got ${terminalLine(JSON.stringify(argv[0]), 400)}: it reads CDKTF_OUTDIR and GRG_ENVIRONMENTS_DIR (see --help)\n`,
    );
    return 2;
  }
  const { env } = options;
  try {
    return synthesize({
      environmentsDir: env.GRG_ENVIRONMENTS_DIR || path.join(options.projectRoot, "config", "environments"),
      outdir: env.CDKTF_OUTDIR || "cdktf.out",
      customize: options.customize,
      log: (line) => io.stderr(`${line}\n`),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`internal error: ${terminalLine(message.split("\n")[0])}\n`);
    if (env.GRG_DEBUG) io.stderr(`${err instanceof Error ? err.stack : message}\n`);
    return 3;
  }
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
      if (stale) log(`warning: stack ${stack.node.id}: ${terminalLine(stale)}`);
    }
    // The gate any cdktf app can use (app/recording-guard.ts): each stack audited as cdktf synthesizes it.
    const guard =
      options.gate === false
        ? undefined
        : RecordingGuard.of(app, {
            forStack: (s) => {
              const stack = s as EnvironmentStack;
              return { org: stack.org, environmentKind: stack.config.kind, source: stack.config.file, today: todayFromEnv() };
            },
            report: () => undefined,
          });
    let refused = false;
    try {
      app.synth();
    } catch (err) {
      // A refused stack stops cdktf's synthesis (a validation error); anything else is not ours to explain.
      if (!guard?.audits.some((a) => a.failing.length)) throw err;
      refused = true;
    }
    for (const { stack, findings, failing } of guard?.audits ?? []) {
      if (!findings.length) continue;
      log(`stack ${stack.node.id}: ${failing.length ? "refused" : "synthesized with findings"}`);
      log(formatText(findings).trimEnd());
    }
    if (!refused)
      for (const stack of stacks) {
        const dir = path.join(staging, "stacks", stack.node.id);
        fs.writeFileSync(path.join(dir, "intents.json"), `${JSON.stringify(stack.intents(), null, 2)}\n`);
      }
    if (refused) {
      fs.rmSync(staging, { recursive: true, force: true });
      log(`synth refused: the configuration above is known to make the recordings API fail; ${shownOutdir} was left as it was.`);
      return 1;
    }
    installOutput(staging, outdir);
    log(`synthesized ${stacks.map((s) => s.node.id).join(", ")} into ${shownOutdir}`);
    return 0;
  } catch (err) {
    try {
      fs.rmSync(staging, { recursive: true, force: true });
    } catch {
      // nothing was staged (the path is unusable): reported below
    }
    if (err instanceof InputError || err instanceof ConstructPropsError) {
      log(`error: ${terminalLine(err.message)}`);
      return 2;
    }
    // The output directory cannot be written (below a file, read-only, /proc): one line, exit 2.
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code && ["ENOTDIR", "ENOENT", "EACCES", "EPERM", "EROFS", "EEXIST", "ENOSPC", "ENAMETOOLONG", "ELOOP"].includes(code)) {
      log(`error: ${shownOutdir}: cannot write the output directory (${(err as Error).message.split("\n")[0]})`);
      return 2;
    }
    throw err;
  }
}

/** What cdktf writes into its output directory; anything else there is someone's data. */
const CDKTF_OUTPUT = new Set(["manifest.json", "stacks", "constructs.json"]);

/**
 * Synthesis writes manifest.json and stacks/ into the output directory and removes what an earlier
 * synthesis wrote there. It refuses a path that is not a cdktf output directory: a file, a
 * directory holding other things at its top level (hidden entries aside), or one that holds (or
 * is inside) the environments directory it reads (CDKTF_OUTDIR=. or =config).
 */
function unusableOutdir(outdir: string, shown: string, environmentsDir: string): string | undefined {
  const inside = (a: string, b: string) => a === b || a.startsWith(b + path.sep);
  if (inside(environmentsDir, outdir) || inside(outdir, environmentsDir)) {
    return `${shown}: the output directory must not contain, or be inside, the environments directory ${path.relative(process.cwd(), environmentsDir) || "."} (synthesis writes and removes files there)`;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outdir);
  } catch {
    return undefined; // created by synthesis
  }
  if (!stat.isDirectory()) return `${shown}: exists and is not a directory; choose another output directory (CDKTF_OUTDIR)`;
  const entries = fs.readdirSync(outdir).filter((name) => !name.startsWith("."));
  // A previous cdktf output always has its manifest; a directory with only stacks/ may be anyone's.
  if (entries.length && !entries.includes("manifest.json")) {
    return `${shown}: holds ${entries.sort().slice(0, 3).join(", ")} but no manifest.json: not a cdktf output directory; choose an empty or new one (CDKTF_OUTDIR)`;
  }
  const other = entries.filter((name) => !CDKTF_OUTPUT.has(name)).sort();
  if (other.length) {
    return `${shown}: holds ${other.slice(0, 3).join(", ")}${other.length > 3 ? ` and ${other.length - 3} more` : ""}: not a cdktf output directory (manifest.json, stacks/); choose an empty or new one (CDKTF_OUTDIR)`;
  }
  return undefined;
}

/** What synthesis writes into a stack's directory; anything else there is Terraform's or the user's. */
const SYNTHESIZED_IN_STACK = ["cdk.tf.json", "intents.json", "assets"];

/**
 * Moves a clean synthesis from `staging` into `outdir`, file by file (each rename atomic), and
 * keeps what Terraform and cdktf-cli put next to the synthesized files: a stack's directory is
 * Terraform's working directory, so it holds `.terraform/`, the lock file and, with this project's
 * relative local backend, the state itself (`terraform.<env>.tfstate`). Replacing the directory as
 * a whole would delete the state of a deployed stack. A stack no longer synthesized loses its
 * synthesized files; its other files (its state) stay.
 */
function installOutput(staging: string, outdir: string): void {
  if (!fs.existsSync(outdir)) fs.mkdirSync(outdir); // its parent exists: staging was created beside it
  const stagedStacks = path.join(staging, "stacks");
  const stacksDir = path.join(outdir, "stacks");
  if (!fs.existsSync(stacksDir)) fs.mkdirSync(stacksDir);
  const fresh = new Set(fs.existsSync(stagedStacks) ? fs.readdirSync(stagedStacks) : []);
  for (const id of fs.readdirSync(stacksDir)) {
    const dir = path.join(stacksDir, id);
    if (fresh.has(id) || !fs.statSync(dir).isDirectory()) continue;
    // The directory itself stays: cdktf-cli removes the directories of stacks it no longer has.
    for (const name of SYNTHESIZED_IN_STACK) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  for (const id of [...fresh].sort()) {
    const target = path.join(stacksDir, id);
    if (!fs.existsSync(target)) fs.mkdirSync(target);
    for (const name of SYNTHESIZED_IN_STACK) {
      if (!fs.existsSync(path.join(stagedStacks, id, name))) fs.rmSync(path.join(target, name), { recursive: true, force: true });
    }
    for (const name of fs.readdirSync(path.join(stagedStacks, id)).sort()) moveReplacing(path.join(stagedStacks, id, name), path.join(target, name));
  }
  // The manifest last: it names the stacks, which are in place by now.
  for (const name of fs.readdirSync(staging).sort()) if (name !== "stacks") moveReplacing(path.join(staging, name), path.join(outdir, name));
  fs.rmSync(staging, { recursive: true, force: true });
}

function moveReplacing(from: string, to: string): void {
  if (fs.statSync(from).isDirectory()) fs.rmSync(to, { recursive: true, force: true });
  fs.renameSync(from, to);
}
