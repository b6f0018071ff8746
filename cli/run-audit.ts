// The audit CLI as a function (testable without spawning a process): arguments in, exit code
// and output out. Bad input or usage: one line on stderr, exit 2, nothing written.
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../model/input-error";
import { loadIntents } from "../readers/intents";
import { NO_INTENTS, type Intents } from "../model/intents";
import { loadOrgSettings } from "../readers/org-settings";
import { displayPath, type InputLog, shownName, STDIN, STDIN_NAME, withInputLog } from "../readers/read-file";
import { maxAgeDaysFromEnv, orgSettingsStaleness } from "../analyses/org-staleness";
import { todayUtc } from "../engine/acknowledge";
import { auditConfigurations } from "../engine/engine";
import { fails } from "../core/finding";
import { terminalLine } from "../model/safe-text";
import { renderBundle, unusableBundleDir, writeBundle } from "../reporters/bundle";
import { FORMATS } from "../reporters/formats";
import type { ReportConfiguration, ReportContext, ReportInputFile } from "../reporters/report-context";
import { loadConfigurations } from "../readers/terraform/load-inputs";
import { loadPlanFromFiles } from "../readers/loadtest/attach";
import { attachLines } from "./attach-lines";
import { applyBaseline, createBaseline, formatBaseline } from "../engine/baseline";
import { loadBaseline } from "../readers/baseline";
import { applyVariables } from "../readers/terraform/variables";
import { findGuardConfig, loadGuardConfig } from "../readers/guard-config";
import { ALL_RULES } from "../rules";
import { runBudget } from "./budget";
import { runUpgrade } from "./upgrade";
import type { CliIo } from "./io";
import { type AuditOptions, HELP, parseAuditArgs, UsageError, VERSION_TEXT } from "./options";

export type { CliIo } from "./io";

export async function runAudit(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === "budget") return runBudget(argv.slice(1), io);
  if (argv[0] === "upgrade") return runUpgrade(argv.slice(1), io);
  // Warnings wait until the run succeeds: bad input is exactly one line on stderr.
  const warnings: string[] = [];
  try {
    const given = parseAuditArgs(argv);
    if (given.help || given.version) {
      io.stdout(given.version ? VERSION_TEXT : HELP);
      return 0;
    }
    if ([...given.paths, given.intents, given.org, given.jmeter, given.nginx].filter((f) => f === STDIN).length > 1) {
      throw new UsageError("standard input (-) is named twice: it can be read only once");
    }
    const { result: run, log } = await withInputLog(() => audit(given, warnings));
    const options = run.options;
    const ctx: ReportContext = { ...run.ctx, inputs: [...run.ctx.inputs, ...digests(run.sideInputs, log)] };
    const report = FORMATS[options.format].render(ctx, { failOn: options.failOn, color: io.color === true && !options.output });
    const inputFiles = [...run.inputs.map((i) => i.file), ...run.sideInputs.map((i) => i.file)];
    if (options.output) refuseInputAsOutput(options.output, inputFiles, "--output");
    if (options.createBaseline) {
      refuseInputAsOutput(options.createBaseline, inputFiles, "--create-baseline");
      writeAtomically(options.createBaseline, formatBaseline(createBaseline(run.ctx.findings)));
    }
    if (options.bundle) {
      const bundle = renderBundle(ctx, options.failOn);
      const unusable = unusableBundleDir(options.bundle, bundle, inputFiles);
      if (unusable) throw new InputError(options.bundle, undefined, unusable);
      try {
        writeBundle(options.bundle, bundle);
      } catch (err) {
        throw new InputError(options.bundle, undefined, `cannot write the bundle (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    }
    for (const w of warnings) io.stderr(`warning: ${terminalLine(w)}\n`);
    if (options.output) writeAtomically(options.output, report);
    else io.stdout(report);
    // A root that could not be read: the others are reported above, its error is one line here, and the run is not clean.
    for (const f of run.failed) io.stderr(`error: ${terminalLine(f.error.message)}\n`);
    if (run.failed.length) return 2;
    // Creating a baseline accepts today's findings: the run that records them passes.
    if (options.createBaseline) return 0;
    return ctx.findings.some((f) => fails(f, options.failOn)) ? 1 : 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      io.stderr(`error: ${terminalLine(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}

interface SideInput {
  file: string;
  kind: string;
}

/** Reads every input and runs the engine; the caller records what was read. */
async function audit(given: AuditOptions, warnings: string[]) {
  // The config file (.recording-guard.yaml): options given on the command line win over it.
  const configFile = given.config ?? findGuardConfig(given.paths);
  const guard = configFile ? loadGuardConfig(configFile) : undefined;
  const options: AuditOptions = {
    ...given,
    failOn: given.failOnGiven ? given.failOn : (guard?.failOn ?? given.failOn),
    intents: given.intents ?? guard?.intents,
    org: given.org ?? guard?.org,
  };
  const loadedRoots = await loadConfigurations(options.paths);
  // skip: roots under a path the config file names are not audited.
  const skipped = (name: string) => guard?.skip.some((p) => path.resolve(name) === p || path.resolve(name).startsWith(p + path.sep)) ?? false;
  const configurations = loadedRoots.configurations.filter((c) => !skipped(c.name));
  const failed = loadedRoots.failed.filter((f) => !skipped(f.name));
  if (configurations.length === 0 && failed.length === 0)
    throw new InputError(guard!.file, "skip", "skips every root configuration under the paths given: nothing to audit");
  // Nothing could be read: the first root's error is the run's (one line, exit 2).
  if (configurations.length === 0) throw failed[0].error;
  // Variable values as `terraform plan` takes them (defaults < TF_VAR_* < *.tfvars < --var-file/--var).
  const varFiles: string[] = [];
  for (const c of configurations) {
    if (c.inputs.every((i) => i.kind === "plan-json")) continue; // a plan holds the values it was made with
    const dir = c.name === STDIN_NAME ? undefined : path.resolve(c.name);
    varFiles.push(...(await applyVariables(c.config, dir, { given: options.variables, env: process.env })));
  }
  const loaded = options.intents ? loadIntents(options.intents) : undefined;
  // Inline suppressions (recording-guard:ignore comments) join the intents file's acknowledgements, under the same rules.
  const suppressions = configurations.flatMap((c) => c.suppressions);
  const fromFile = loaded?.intents;
  const enforcement = guard && Object.keys(guard.enforcement).length ? { ...guard.enforcement, ...fromFile?.enforcement } : fromFile?.enforcement;
  const intents: Intents | undefined =
    suppressions.length || enforcement !== fromFile?.enforcement
      ? {
          ...(fromFile ?? NO_INTENTS),
          acknowledgements: [...(fromFile?.acknowledgements ?? []), ...suppressions],
          ...(enforcement ? { enforcement } : {}),
        }
      : fromFile;
  const org = options.org ? loadOrgSettings(options.org) : undefined;
  const stale = org && orgSettingsStaleness(org, { maxAgeDays: maxAgeDaysFromEnv() });
  if (stale) warnings.push(stale);
  const loadPlans = [
    ...(options.jmeter || options.nginx
      ? [loadPlanFromFiles({ principal: options.principal!, jmeter: options.jmeter, nginx: options.nginx, tokens: options.tokens })]
      : []),
    ...(loaded?.loadPlans ?? []),
  ];
  const result = auditConfigurations({
    loadPlans,
    configurations,
    intents,
    org,
    intentsFile: options.intents,
    environmentKind: options.environment,
    today: options.today ?? todayUtc(),
    providerVersion: options.providerVersion,
    ...(guard?.disabled.length ? { rules: ALL_RULES.filter((r) => !guard.disabled.includes(r.id)) } : {}),
  });
  // Every file that decided the result is an input with its digest: the intents (acknowledgements
  // live there), the org settings and the load plans too, not only the Terraform.
  const sideInputs: SideInput[] = [
    ...(options.intents ? [{ file: options.intents, kind: "intents" }] : []),
    ...(options.org ? [{ file: options.org, kind: "org-settings" }] : []),
    ...(options.baseline ? [{ file: options.baseline, kind: "baseline" }] : []),
    ...(guard ? [{ file: guard.file, kind: "config" }] : []),
    ...[...new Set(varFiles)].map((file) => ({ file, kind: "tfvars" })),
    ...loadPlans.flatMap((p) => [...(p.jmeter ? [{ file: p.jmeter.file, kind: "jmeter" }] : []), ...(p.nginx ? [{ file: p.nginx.file, kind: "nginx" }] : [])]),
  ];
  // A module two roots call is one input, listed once.
  const inputs = [...new Map(configurations.flatMap((c) => c.inputs).map((i) => [i.file, i])).values()];
  const roots: ReportConfiguration[] = [
    ...configurations.map((c) => ({ name: c.name, config: c.config, files: c.inputs.map((i) => i.file) })),
    ...failed.map((f) => ({ name: f.name, files: [], error: f.error.message })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const baseline = options.baseline ? loadBaseline(options.baseline) : undefined;
  const applied = baseline ? applyBaseline(result.findings, baseline) : undefined;
  const ctx: ReportContext = {
    findings: attachLines(applied ? applied.findings : result.findings, inputs),
    ...(applied ? { baseline: { file: options.baseline!, matched: applied.matched, stale: applied.stale } } : {}),
    acknowledgements: result.acknowledgements,
    inputs,
    config: configurations[0].config,
    configurations: roots,
    intents,
    org,
  };
  return { ctx, inputs, sideInputs, failed, options };
}

/**
 * --output must not replace what the audit read (`--output main.tf` would overwrite the user's
 * Terraform with the report). Compared by device and inode when the path exists, so a link or a
 * different spelling of the same file is caught too.
 */
function refuseInputAsOutput(output: string, inputFiles: readonly string[], option: string): void {
  let target: fs.Stats;
  try {
    target = fs.statSync(output);
  } catch {
    return; // a new file cannot be an input
  }
  for (const file of inputFiles) {
    if (file === STDIN_NAME) continue;
    try {
      const s = fs.statSync(file);
      if (s.dev === target.dev && s.ino === target.ino)
        throw new InputError(displayPath(output), undefined, `${option} names an input of this audit (${file}): refusing to overwrite it with the report`);
    } catch (err) {
      if (err instanceof InputError) throw err;
    }
  }
}

/** Writes the whole report or nothing: a reader never sees half a file. */
function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new InputError(file, undefined, `cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** sha256 of each side input as the audit read it (one entry per file, stable order). */
function digests(files: readonly SideInput[], log: InputLog): ReportInputFile[] {
  const seen = new Map<string, ReportInputFile>();
  for (const { file, kind } of files) {
    const shown = shownName(file);
    const sha256 = log.get(shown);
    if (sha256 === undefined) throw new Error(`${shown} decided the audit but was not read through readInputBytes`);
    if (!seen.has(shown)) seen.set(shown, { file: shown, kind, sha256 });
  }
  return [...seen.values()].sort((a, b) => (a.kind + a.file < b.kind + b.file ? -1 : 1));
}
