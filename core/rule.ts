// The rule contract. Each rule lives in its own file under rules/ with its metadata (id,
// title, default severity, HTTP outcome, certainty, explanation, remediation, sources) beside
// its logic, and ships a failing and a passing fixture under rules/fixtures/<id>/.
import type { Intents, PrincipalIntent } from "../model/intents";
import type { OrgSettings } from "../model/org-settings";
import type { AttachedLoadPlan } from "../model/load-plan";
import type { TfConfiguration, TfResource } from "../model/terraform";
import type { Principal } from "../analyses/principals";
import type { ReferenceResolver } from "../analyses/references";
import type { VersionSelection } from "../analyses/provider-version";

/** `unknown`: the rule could not decide because a value cannot be resolved statically. */
export type Severity = "error" | "unknown" | "warning" | "info";
export const SEVERITY_ORDER: readonly Severity[] = ["error", "unknown", "warning", "info"];

/**
 * How sure the HTTP outcome is: *certain* when a documented gate decides it, *likely* when it
 * depends on data the configuration does not show or on a fact inferred from the docs, *possible*
 * when the finding's own condition may not hold (an access policy narrowed by condition_json).
 */
export type Certainty = "certain" | "likely" | "possible";
/** 503: rejected by a rate-limiting proxy in front of Genesys (nginx limit_req's default status). */
export type HttpStatus = 401 | 403 | 404 | 429 | 503 | null;

export interface RuleMeta {
  /** Stable id, e.g. GRG001. */
  id: string;
  /** Kebab-case name, e.g. client-credentials-without-roles. */
  name: string;
  title: string;
  /** Severity of a finding when nothing else is said; intent failures are errors. */
  severity: Severity;
  /** The HTTP status the finding leads to; null when the outcome is not an HTTP error. */
  httpStatus: HttpStatus;
  /** The outcome in words, e.g. "403 on every recording call" or "no recordings (empty list)". */
  outcome: string;
  certainty: Certainty;
  /** Fires only when intents are given. */
  usesIntents: boolean;
  /**
   * The findings are about the intents, not one configuration (an intent naming a principal no
   * configuration declares): when several root configurations are audited in one run, a finding
   * stands only when every configuration reports it.
   */
  aboutIntents?: boolean;
  explanation: string;
  remediation: string;
  sources: readonly string[];
}

export interface RuleContext {
  config: TfConfiguration;
  resolver: ReferenceResolver;
  principals: readonly Principal[];
  intents: Intents;
  org?: OrgSettings;
  environmentKind?: "test" | "production";
  /** The managed resources (or, with mode "data", data sources) of one type, in configuration order. */
  resourcesOfType(type: string, mode?: "managed" | "data"): readonly TfResource[];
  /** The intent of a principal, when one is declared. */
  intentFor(address: string): PrincipalIntent | undefined;
  /** Load-test plans (JMeter, nginx) attached to principals, already parsed by the adapter. */
  loadPlans?: readonly AttachedLoadPlan[];
  /** The provider releases the schema check uses (none: the newest schema known). */
  providerVersions?: VersionSelection;
  /** The audit's date, YYYY-MM-DD (UTC): dated facts (genesys/sunsets.ts) are judged against it. */
  today: string;
}

export interface RuleFinding {
  address: string;
  /** The attribute the finding is about (`roles[0].division_id`, `properties.trunk_recording_enabled`): reports point at its line. */
  attribute?: string;
  /** For access findings: the intended capability and division (as the intent writes it) that fail; the evidence pages link them to the matrix. */
  capability?: string;
  division?: string;
  message: string;
  severity?: Severity;
  certainty?: Certainty;
  httpStatus?: HttpStatus;
  remediation?: string;
  /** Only for findings about something that is not a resource (a provider block, an intent). */
  file?: string;
}

export interface Rule extends RuleMeta {
  /**
   * The rule's findings, in a stable order. A plain function returning an array, not a generator:
   * a loop inside a generator allocates an iterator result per step (thousands per audit).
   */
  check(ctx: RuleContext): RuleFinding[];
}

export interface IntendedPrincipal {
  principal: Principal;
  intent: PrincipalIntent;
}

// Keyed by the rule context, which the engine builds once per audit.
const intendedMemo = new WeakMap<RuleContext, IntendedPrincipal[]>();

/**
 * The principals that have a declared intent, with it, in configuration order. Looked up once per
 * audit and shared by the intent rules, instead of one intentFor() per principal in every rule.
 */
export function intendedPrincipals(ctx: RuleContext): readonly IntendedPrincipal[] {
  let out = intendedMemo.get(ctx);
  if (!out) {
    out = [];
    for (const principal of ctx.principals) {
      const intent = ctx.intentFor(principal.address);
      if (intent) out.push({ principal, intent });
    }
    intendedMemo.set(ctx, out);
  }
  return out;
}
