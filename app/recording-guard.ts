// The synth gate for any cdktf (or cdktn) app, in the cdk-nag style:
//
//   const app = new App();
//   new MyStack(app, "prod");
//   RecordingGuard.of(app, { org: loadOrgSettings("org/prod.json"), intents });
//   app.synth(); // throws when a stack is known to make the recordings API fail
//
// Each TerraformStack gets a construct validation: cdktf runs it when it synthesizes the stack,
// after the stack's Aspects and before its files are written, so a refused stack is never written.
// The validation audits the stack's Terraform JSON (stack.toTerraform(), what cdk.tf.json holds)
// with the same engine as the CLI: intents and acknowledgements given here, plus those declared on
// the stack's constructs (RecordingServiceAccount intents, JmeterPlan runs, acknowledge()).
// cdktf synthesizes stacks one after another: stacks before a refused one are already written.
// A stack created after RecordingGuard.of() is gated too: an app-level validation audits it.
import { type IConstruct, type IValidation } from "constructs";
import { TerraformStack } from "cdktf";
import { JmeterPlan } from "../constructs/jmeter-plan";
import { RecordingServiceAccount } from "../constructs/recording-service-account";
import { acknowledgementsIn } from "../constructs/acknowledge";
import { audit } from "../engine/engine";
import { type FailOn, type Finding, fails } from "../core/finding";
import type { Acknowledgement } from "../model/acknowledgements";
import type { Enforcement } from "../model/enforcement";
import { NO_INTENTS, type Intents } from "../model/intents";
import type { OrgSettings } from "../model/org-settings";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { formatText } from "../reporters/text";
import { loadGuardConfig } from "../readers/guard-config";
import { loadIntents } from "../readers/intents";
import { loadOrgSettings } from "../readers/org-settings";
import { ALL_RULES } from "../rules";

export interface RecordingGuardOptions {
  /**
   * A config file (.recording-guard.yaml): its failOn, rules.disable, enforcement, intents and org
   * apply where these options do not say otherwise (skip is for the CLI's paths).
   */
  config?: string;
  /** Org settings (limits, divisions, permission catalogue); default: the documented Genesys defaults. */
  org?: OrgSettings;
  /** What principals must be able to do, keyed by Terraform address (the intents file's format). */
  intents?: Intents;
  /** Accepted findings, as in an intents file; acknowledge(construct, ...) adds more. */
  acknowledgements?: readonly Acknowledgement[];
  /**
   * Enforcement levels per rule (mandatory, advisory, hard). Layered as in the CLI: the config
   * file's, then the intents' own, then these (what code says wins).
   */
  enforcement?: Readonly<Record<string, Enforcement>>;
  /** The level at which a finding refuses the stack (default "error"). */
  failOn?: FailOn;
  environmentKind?: "test" | "production";
  /** YYYY-MM-DD against which acknowledgement expiry is judged (default today, UTC). */
  today?: string;
  /** The file findings name (e.g. the environment file the stack is built from); default "<stack id> (cdk.tf.json)". */
  source?: string;
  /** Where the findings of each stack go (default: standard error, as the text report). */
  report?: (stack: TerraformStack, findings: readonly Finding[]) => void;
  /** Options that differ per stack (each environment's own org settings), over the ones above. */
  forStack?: (stack: TerraformStack) => Omit<RecordingGuardOptions, "forStack" | "report">;
}

export interface StackAudit {
  stack: TerraformStack;
  findings: Finding[];
  /** The findings at or above the fail level (not acknowledged, not advisory). */
  failing: Finding[];
}

const GUARDS = new WeakMap<IConstruct, RecordingGuard>();

export class RecordingGuard {
  /** Gates every stack of the app (or of the scope's app). Calling it again returns the same guard. */
  static of(app: IConstruct, options: RecordingGuardOptions = {}): RecordingGuard {
    const root = app.node.root;
    let guard = GUARDS.get(root);
    if (!guard) {
      guard = new RecordingGuard(root, options);
      GUARDS.set(root, guard);
    }
    return guard;
  }

  /** Every stack's audit, in the order cdktf synthesized them (the last synth). */
  readonly audits: StackAudit[] = [];
  private readonly gated = new WeakSet<TerraformStack>();

  private readonly options: RecordingGuardOptions;
  private readonly disabled: readonly string[];
  /** The config file's enforcement: under the intents' own, as the CLI layers them. */
  private readonly fileEnforcement: Readonly<Record<string, Enforcement>>;

  private constructor(root: IConstruct, given: RecordingGuardOptions) {
    const file = given.config ? loadGuardConfig(given.config) : undefined;
    this.disabled = file?.disabled ?? [];
    this.fileEnforcement = file?.enforcement ?? {};
    this.options = file
      ? {
          ...given,
          failOn: given.failOn ?? file.failOn,
          org: given.org ?? (file.org ? loadOrgSettings(file.org) : undefined),
          intents: given.intents ?? (file.intents ? loadIntents(file.intents).intents : undefined),
        }
      : given;
    for (const stack of stacksIn(root)) this.gate(stack);
    // Stacks added later: gated by the app's own validation, which cdktf runs after the stacks.
    root.node.addValidation({
      validate: () => {
        const late = stacksIn(root).flatMap((stack) => (this.gated.has(stack) ? [] : (this.gate(stack), this.validateStack(stack))));
        // The stacks are written: a JSON handed over and not taken (HCL output) is dropped.
        for (const stack of stacksIn(root)) forget(stack);
        return late;
      },
    });
  }

  /** Audits one stack now, as its validation does (exported for tests and benchmarks). */
  auditStack(stack: TerraformStack, json: unknown = stack.toTerraform()): StackAudit {
    const o = { ...this.options, ...this.options.forStack?.(stack) };
    const config = readTerraformJson(json, o.source ?? `${stack.node.id} (cdk.tf.json)`);
    const declared = intentsDeclaredIn(stack);
    const given = o.intents ?? NO_INTENTS;
    const intents: Intents = {
      ...given,
      principals: { ...declared, ...given.principals },
      acknowledgements: unique([...(given.acknowledgements ?? []), ...(o.acknowledgements ?? []), ...acknowledgementsIn(stack)]),
      enforcement: { ...this.fileEnforcement, ...given.enforcement, ...o.enforcement },
    };
    const findings = audit({
      config,
      org: o.org,
      intents,
      loadPlans: JmeterPlan.loadPlansIn(stack),
      intentsFile: o.source ?? `${stack.node.id} (intents)`,
      environmentKind: o.environmentKind,
      today: o.today,
      ...(this.disabled.length ? { rules: ALL_RULES.filter((r) => !this.disabled.includes(r.id)) } : {}),
    });
    const failOn = o.failOn ?? "error";
    return { stack, findings, failing: findings.filter((f) => fails(f, failOn)) };
  }

  private gate(stack: TerraformStack): void {
    if (this.gated.has(stack)) return;
    this.gated.add(stack);
    const validation: IValidation = { validate: () => this.validateStack(stack) };
    stack.node.addValidation(validation);
  }

  private validateStack(stack: TerraformStack): string[] {
    // toTerraform() resolves every token of the stack: most of a synth's time. cdktf calls it again
    // to write the stack right after the validations; a passing stack hands it the JSON audited
    // here (one call, and the bytes written are exactly those audited). Nothing runs in between
    // that changes the stack (its Aspects ran before the validations).
    const json = stack.toTerraform();
    const result = this.auditStack(stack, json);
    if (!result.failing.length) reuseOnce(stack, json);
    const previous = this.audits.findIndex((a) => a.stack === stack);
    if (previous >= 0) this.audits.splice(previous, 1);
    this.audits.push(result);
    if (result.findings.length) (this.options.report ?? reportToStderr)(stack, result.findings);
    // One line per failing finding: cdktf prefixes each with the stack's path and throws.
    return result.failing.map((f) => `genesys-recording-guard ${f.ruleId} ${f.address}: ${f.message}`);
  }
}

const REUSED = Symbol("genesys-recording-guard: audited JSON");

/** The next stack.toTerraform() (cdktf writing the stack) returns `json`; later calls compute again. */
function reuseOnce(stack: TerraformStack, json: unknown): void {
  const own = stack as unknown as { toTerraform: () => unknown; [REUSED]?: true };
  own[REUSED] = true;
  own.toTerraform = () => {
    forget(stack);
    return json;
  };
}

function forget(stack: TerraformStack): void {
  const own = stack as unknown as { toTerraform?: unknown; [REUSED]?: true };
  if (!own[REUSED]) return;
  delete own.toTerraform;
  delete own[REUSED];
}

/** The same acknowledgement given twice (in the options and on a construct) is one. */
function unique(acks: readonly Acknowledgement[]): Acknowledgement[] {
  const seen = new Set<string>();
  return acks.filter((a) => {
    const key = JSON.stringify([a.ruleId, a.target, a.owner, a.expires, a.reason, a.ticket ?? null]);
    return !seen.has(key) && (seen.add(key), true);
  });
}

function stacksIn(root: IConstruct): TerraformStack[] {
  return root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/** The intents the stack's constructs declare: each RecordingServiceAccount's, with its JmeterPlan run. */
function intentsDeclaredIn(stack: TerraformStack): Intents["principals"] {
  const principals: Intents["principals"] = {};
  for (const c of stack.node.findAll()) if (c instanceof RecordingServiceAccount) principals[c.address] = c.intent;
  for (const plan of JmeterPlan.allIn(stack)) principals[plan.account.address] = plan.intentWithPlan(principals[plan.account.address] ?? plan.account.intent);
  return principals;
}

function reportToStderr(stack: TerraformStack, findings: readonly Finding[]): void {
  process.stderr.write(`genesys-recording-guard: stack ${stack.node.id}\n${formatText(findings)}`);
}
