// The audit CLI as a function (testable without spawning a process): arguments in, exit code
// and output out. Bad input or usage: one line on stderr, exit 2, nothing written.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../inputs/input-error";
import { loadIntents } from "../inputs/intents";
import { loadOrgSettings } from "../inputs/org-settings";
import { displayPath, readTextFile } from "../inputs/validate";
import { loadPlansOf } from "../loadtest/plans";
import { maxAgeDaysFromEnv, orgSettingsStaleness } from "../org/staleness";
import { todayUtc } from "../policy/acknowledge";
import { auditWithAcknowledgements } from "../policy/engine";
import { fails } from "../policy/finding";
import { renderBundle, unusableBundleDir, writeBundle } from "../reporters/bundle";
import { FORMATS } from "../reporters/formats";
import type { ReportContext, ReportInputFile } from "../reporters/report-context";
import { loadInputs } from "../terraform/load-inputs";
import { loadPlanFromFiles } from "../loadtest/attach";
import { attachLines } from "./attach-lines";
import { runBudget } from "./budget";
import { HELP, parseAuditArgs, UsageError } from "./options";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color?: boolean;
}

export async function runAudit(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === "budget") return runBudget(argv.slice(1), io);
  try {
    const options = parseAuditArgs(argv);
    if (options.help) {
      io.stdout(HELP);
      return 0;
    }
    const { config, inputs } = await loadInputs(options.paths);
    const intents = options.intents ? loadIntents(options.intents) : undefined;
    const org = options.org ? loadOrgSettings(options.org) : undefined;
    const stale = org && orgSettingsStaleness(org, { maxAgeDays: maxAgeDaysFromEnv() });
    if (stale) io.stderr(`warning: ${stale}\n`);
    const loadPlans =
      options.jmeter || options.nginx
        ? [loadPlanFromFiles({ principal: options.principal!, jmeter: options.jmeter, nginx: options.nginx, tokens: options.tokens })]
        : undefined;
    const result = auditWithAcknowledgements({
      loadPlans,
      config,
      intents,
      org,
      intentsFile: options.intents,
      environmentKind: options.environment,
      today: options.today ?? todayUtc(),
    });
    // Every file that decided the result is an input with its digest: the intents (acknowledgements
    // live there), the org settings and the load plans too, not only the Terraform.
    const sideInputs = [
      ...(options.intents ? [{ file: options.intents, kind: "intents" }] : []),
      ...(options.org ? [{ file: options.org, kind: "org-settings" }] : []),
      ...[...(loadPlans ?? []), ...loadPlansOf(intents)].flatMap((p) => [
        ...(p.jmeter ? [{ file: p.jmeter.file, kind: "jmeter" }] : []),
        ...(p.nginx ? [{ file: p.nginx.file, kind: "nginx" }] : []),
      ]),
    ];
    const allInputs = [...inputs, ...digests(sideInputs)];
    const ctx: ReportContext = { findings: attachLines(result.findings, inputs), acknowledgements: result.acknowledgements, inputs: allInputs, config, intents, org };
    const report = FORMATS[options.format].render(ctx, { failOn: options.failOn, color: io.color === true && !options.output });
    if (options.bundle) {
      const bundle = renderBundle(ctx, options.failOn);
      const inputFiles = [...inputs.map((i) => i.file), ...sideInputs.map((i) => i.file)];
      const unusable = unusableBundleDir(options.bundle, bundle, inputFiles);
      if (unusable) throw new InputError(options.bundle, undefined, unusable);
      try {
        writeBundle(options.bundle, bundle);
      } catch (err) {
        throw new InputError(options.bundle, undefined, `cannot write the bundle (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    }
    if (options.output) writeAtomically(options.output, report);
    else io.stdout(report);
    return ctx.findings.some((f) => fails(f, options.failOn)) ? 1 : 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      io.stderr(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
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

/** sha256 of each side input, once per file, in a stable order. */
function digests(files: readonly { file: string; kind: string }[]): ReportInputFile[] {
  const seen = new Map<string, ReportInputFile>();
  for (const { file, kind } of files) {
    const shown = displayPath(file);
    if (!seen.has(shown)) seen.set(shown, { file: shown, kind, sha256: createHash("sha256").update(readTextFile(file)).digest("hex") });
  }
  return [...seen.values()].sort((a, b) => (a.kind + a.file < b.kind + b.file ? -1 : 1));
}
