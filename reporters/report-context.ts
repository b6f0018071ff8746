// Everything a report may show, gathered once by the CLI (or the synth gate) after the audit.
import type { Intents } from "../model/intents";
import type { OrgSettings } from "../model/org-settings";
import type { AcknowledgementStatus } from "../engine/acknowledge";
import type { AcknowledgementMark, Finding } from "../core/finding";
import type { TfConfiguration } from "../model/terraform";
import type { BaselineEntry } from "../model/baseline";
import { MAX_NAME_CHARS, MAX_VALUE_CHARS, type Redact, capValue, displayText, redactor, wellFormed } from "../model/safe-text";
import { sensitiveValuesOf } from "../readers/terraform/plan-json";

export interface ReportInputFile {
  file: string;
  kind: string;
  sha256: string;
}

/** A root configuration of the run (several when a path holds envs/dev and envs/prod). */
export interface ReportConfiguration {
  /** Its directory, plan JSON file or standard input, as findings name it (Finding.configuration). */
  name: string;
  /** Absent when the configuration could not be read (error). */
  config?: TfConfiguration;
  /** The Terraform files read for it (its own and its local modules'). */
  files: readonly string[];
  /** The one-line input error that kept it from being audited. */
  error?: string;
}

export interface ReportContext {
  findings: readonly Finding[];
  inputs: readonly ReportInputFile[];
  /** The audited configuration; with several (configurations), the first. */
  config: TfConfiguration;
  /** Every root configuration the run found, when the CLI audited a path; findings name theirs. */
  configurations?: readonly ReportConfiguration[];
  intents?: Intents;
  org?: OrgSettings;
  /** Every acknowledgement with its state (active, expired, orphaned, refused). */
  acknowledgements?: readonly AcknowledgementStatus[];
  /** --baseline: the file, how many findings it covered (left out of findings), its entries that no longer occur. */
  baseline?: { file: string; matched: number; stale: readonly BaselineEntry[] };
}

// ---------------------------------------------------------------------------------------------
// What a report shows of the context (issue #12 item 6: hostile values). Every format renders
// displayContext(ctx), never the raw findings: values a plan marks sensitive are replaced by
// "(sensitive)", addresses and other values are capped at 200 characters (file paths at 1000),
// messages and reasons are bounded (long values inside them capped), lone surrogates replaced.
// Control characters stay in the data (JSON escapes them); the human-facing formats escape them.

const REDACTORS = new WeakMap<TfConfiguration, Redact>();

/** Replaces the values a plan (or the provider schema) marks sensitive with "(sensitive)". */
export function redactorFor(config: TfConfiguration): Redact {
  let r = REDACTORS.get(config);
  if (!r) REDACTORS.set(config, (r = redactor(sensitiveValuesOf(config))));
  return r;
}

/** The audited configurations of a context: every root's when several, else the one. */
export function configurationsOf(ctx: ReportContext): { name: string | null; config: TfConfiguration }[] {
  const roots = (ctx.configurations ?? []).filter((c): c is ReportConfiguration & { config: TfConfiguration } => c.config !== undefined);
  return roots.length > 1 ? roots.map((c) => ({ name: c.name, config: c.config })) : [{ name: null, config: ctx.config }];
}

/** Redacts what any of the context's configurations marks sensitive (a secret of envs/prod is redacted in envs/dev's findings too). */
export function contextRedactor(ctx: ReportContext): Redact {
  const roots = configurationsOf(ctx);
  if (roots.length === 1) return redactorFor(roots[0].config);
  return redactor(roots.flatMap((c) => sensitiveValuesOf(c.config)));
}

/** An address or a target, as reports show it. */
export const displayName = (text: string): string => wellFormed(capValue(text));
/** A file path or construct path, as reports show it. */
export const displayPath = (text: string): string => wellFormed(capValue(text, MAX_NAME_CHARS));

const DISPLAYED = new WeakMap<ReportContext, ReportContext>();
const IS_DISPLAY = new WeakSet<ReportContext>();

/** The context as reports show it (computed once per context; idempotent). */
export function displayContext(ctx: ReportContext): ReportContext {
  if (IS_DISPLAY.has(ctx)) return ctx;
  let out = DISPLAYED.get(ctx);
  if (out) return out;
  const redact = contextRedactor(ctx);
  out = {
    ...ctx,
    findings: ctx.findings.map((f) => displayFinding(f, redact)),
    ...(ctx.configurations
      ? {
          configurations: ctx.configurations.map((c) => ({
            ...c,
            name: displayPath(c.name),
            files: c.files.map(displayPath),
            ...(c.error !== undefined ? { error: displayText(redact(c.error), MAX_NAME_CHARS) } : {}),
          })),
        }
      : {}),
    inputs: ctx.inputs.map((i) => ({ ...i, file: displayPath(i.file) })),
    ...(ctx.acknowledgements
      ? {
          acknowledgements: ctx.acknowledgements.map((a) => ({
            ...a,
            ...displayMark(a, redact),
            ruleId: displayName(a.ruleId),
            target: displayName(a.target),
          })),
        }
      : {}),
  };
  IS_DISPLAY.add(out);
  DISPLAYED.set(ctx, out);
  return out;
}

/** A finding as reports show it (see displayContext). */
export function displayFinding(f: Finding, redact: Redact = (t) => t): Finding {
  const address = displayName(f.address);
  // A long address is echoed in its own message: show it there as in the address field.
  const own = (text: string) => (address !== f.address && f.address.length > MAX_VALUE_CHARS ? text.split(f.address).join(address) : text);
  return {
    ...f,
    address,
    ...(f.configuration !== undefined ? { configuration: displayPath(f.configuration) } : {}),
    ...(f.attribute !== undefined ? { attribute: displayName(f.attribute) } : {}),
    ...(f.valueSources !== undefined ? { valueSources: f.valueSources.map((v) => displayText(redact(v), MAX_NAME_CHARS)) } : {}),
    file: displayPath(f.file),
    ...(f.constructPath !== undefined ? { constructPath: displayPath(f.constructPath) } : {}),
    message: displayText(redact(own(f.message))),
    remediation: displayText(redact(own(f.remediation))),
    ...(f.acknowledged ? { acknowledged: { ...f.acknowledged, ...displayMark(f.acknowledged, redact) } } : {}),
  };
}

function displayMark(a: AcknowledgementMark, redact: Redact): AcknowledgementMark {
  return {
    reason: displayText(redact(a.reason), MAX_NAME_CHARS),
    owner: wellFormed(capValue(redact(a.owner))),
    expires: wellFormed(capValue(redact(a.expires))),
    ...(a.ticket !== undefined ? { ticket: wellFormed(capValue(redact(a.ticket))) } : {}),
  };
}
