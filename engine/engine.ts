// The policy engine: a pure function from a parsed Terraform configuration, org settings and
// intents to a sorted list of findings. No cdktf, no file system: adapters feed it.
import { NO_INTENTS, ruleIntent, type Intents } from "../model/intents";
import type { OrgSettings } from "../model/org-settings";
import type { AttachedLoadPlan } from "../model/load-plan";
import { type AcknowledgementStatus, applyPolicy, todayUtc } from "./acknowledge";
import { compareFindings, type Finding } from "../core/finding";
import type { Mode, TfConfiguration, TfResource } from "../model/terraform";
import { forAddressOrBlock, withoutEmptyBlocks } from "../model/instances";
import { readPrincipals } from "../analyses/principals";
import { ReferenceResolver } from "../analyses/references";
import { valueSources } from "../analyses/value-sources";
import { selectProviderVersions } from "../analyses/provider-version";
import { withQueueDivisions } from "../analyses/queue-divisions";
import type { Rule, RuleContext } from "../core/rule";
import { ALL_RULES } from "../rules";
import { nameSome } from "../model/safe-text";

export interface AuditInput {
  config: TfConfiguration;
  org?: OrgSettings;
  intents?: Intents;
  /** Enables test-environment hygiene rules. */
  environmentKind?: "test" | "production";
  /** Where the intents came from: findings about a principal the configuration lacks point here. */
  intentsFile?: string;
  /** Defaults to every rule in the pack. */
  rules?: readonly Rule[];
  /** Load-test plans attached to principals, parsed by the adapter; plans the intents loader read are added. */
  loadPlans?: readonly AttachedLoadPlan[];
  /** YYYY-MM-DD (UTC) against which acknowledgement expiry is judged; default: today. */
  today?: string;
  /** `--provider-version`: the provider version (or constraint) to check against, over what the configuration names. */
  providerVersion?: string;
}

export interface AuditResult {
  findings: Finding[];
  acknowledgements: AcknowledgementStatus[];
}

/** The findings, with enforcement levels and acknowledgements (from the intents) applied. */
export function audit(input: AuditInput): Finding[] {
  return auditWithAcknowledgements(input).findings;
}

export function auditWithAcknowledgements(input: AuditInput): AuditResult {
  const intents = input.intents ?? NO_INTENTS;
  return withPolicy(ruleFindings(input, intents), input, intents);
}

/** A root configuration of a run that audits several (see readers/terraform/load-inputs.ts). */
export interface NamedConfiguration {
  name: string;
  config: TfConfiguration;
}

/**
 * Several root configurations (envs/dev, envs/prod; cdktf.out/stacks/*) audited one at a time
 * with the same intents, org settings and acknowledgements: each finding names its configuration.
 * A finding about the intents themselves (GRG017: no such principal) stands only when every
 * configuration reports it, and an acknowledgement is orphaned only when it matches nothing in any.
 */
export function auditConfigurations(input: Omit<AuditInput, "config"> & { configurations: readonly NamedConfiguration[] }): AuditResult {
  const intents = input.intents ?? NO_INTENTS;
  // Named only when there are several: a one-root run's findings (and their SARIF fingerprints) are as before.
  const several = input.configurations.length > 1;
  const perRoot = input.configurations.map(({ name, config }) => {
    const found = ruleFindings({ ...input, config }, intents);
    return several ? found.map((f) => ({ ...f, configuration: name })) : found;
  });
  const aboutIntents = new Set((input.rules ?? ALL_RULES).filter((r) => r.aboutIntents).map((r) => r.id));
  const all = perRoot.flat();
  const findings: Finding[] = all.filter((f) => !aboutIntents.has(f.ruleId));
  const names = input.configurations.map((c) => c.name);
  const byKey = new Map<string, Finding[]>();
  for (const f of all) {
    if (!aboutIntents.has(f.ruleId)) continue;
    const key = `${f.ruleId}\u0000${f.address}`;
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  for (const list of byKey.values()) {
    if (several && new Set(list.map((f) => f.configuration)).size < names.length) continue;
    // About the intents, not one root: the finding names no configuration.
    const first: Finding = { ...list[0] };
    delete first.configuration;
    const where = names.length > 1 ? ` (Checked in each of the ${names.length} audited configurations: ${nameSome(names)}.)` : "";
    findings.push({ ...first, message: `${first.message}${where}` });
  }
  return withPolicy(findings, input, intents);
}

function withPolicy(raw: Finding[], input: Omit<AuditInput, "config">, intents: Intents): AuditResult {
  const { findings, acknowledgements } = applyPolicy(raw, {
    acknowledgements: intents.acknowledgements,
    enforcement: intents.enforcement,
    today: input.today ?? todayUtc(),
    acknowledgementsFile: input.intentsFile,
  });
  return { findings: findings.sort(compareFindings), acknowledgements };
}

const NO_RESOURCES: readonly TfResource[] = [];

/** The context every rule reads: built once per audit (indexes included). Exported for the benchmark. */
export function createRuleContext(input: AuditInput, intents: Intents = input.intents ?? NO_INTENTS): RuleContext {
  const resolver = new ReferenceResolver(input.config);
  // Built once: rules ask for intents and resources of one type thousands of times.
  // An intent's queues add the queues' divisions (their recordings live there).
  const intentMap = new Map(Object.entries(intents.principals).map(([address, declared]) => [address, withQueueDivisions(ruleIntent(declared), resolver)]));
  // One table per mode, keyed by type: no "mode:type" key string built per resource or per lookup.
  const byType: Record<Mode, Map<string, TfResource[]>> = { managed: new Map(), data: new Map() };
  // Blocks with count = 0 or an empty for_each create nothing: only the schema rule (ctx.config) sees them.
  const created = withoutEmptyBlocks(input.config);
  for (const r of created.resources) {
    const table = byType[r.mode];
    const list = table.get(r.type);
    if (list) list.push(r);
    else table.set(r.type, [r]);
  }
  return {
    config: input.config,
    resolver,
    principals: readPrincipals(created, resolver, input.org),
    intents,
    org: input.org,
    environmentKind: input.environmentKind,
    // An intent on a block (`c`) covers each of its instances (`c[0]`, `c["a"]`), as plan JSON lists them.
    intentFor: (address) => forAddressOrBlock(address, (key) => intentMap.get(key)),
    resourcesOfType: (type, mode = "managed") => byType[mode].get(type) ?? NO_RESOURCES,
    loadPlans: input.loadPlans ?? [],
    providerVersions: selectProviderVersions(input.config.providerRequirement, input.providerVersion),
    today: input.today ?? todayUtc(),
  };
}

function ruleFindings(input: AuditInput, intents: Intents): Finding[] {
  const ctx = createRuleContext(input, intents);
  const resolver = ctx.resolver;
  const hasIntents = Object.keys(intents.principals).length > 0;
  // Only a run given tfvars, TF_VAR_* or --var has values that are not as written: nothing to trace otherwise.
  const traceValues = input.config.variableSources !== undefined && Object.keys(input.config.variableSources).length > 0;
  const findings: Finding[] = [];
  for (const rule of input.rules ?? ALL_RULES) {
    if (rule.usesIntents && !hasIntents) continue;
    const found = rule.check(ctx);
    if (!found.length) continue;
    const sources = [...rule.sources]; // one copy per rule, shared by its findings (read-only)
    for (let i = 0; i < found.length; i++) {
      const f = found[i];
      const resource = resolver.resource(f.address);
      const location = resource?.location;
      const finding: Finding = {
        ruleId: rule.id,
        ruleName: rule.name,
        severity: f.severity ?? rule.severity,
        address: f.address,
        file: f.file ?? location?.file ?? input.intentsFile ?? "",
        httpStatus: f.httpStatus === undefined ? rule.httpStatus : f.httpStatus,
        certainty: f.certainty ?? rule.certainty,
        message: f.message,
        remediation: f.remediation ?? rule.remediation,
        sources,
        enforcement: "mandatory", // set by applyPolicy
      };
      if (f.attribute !== undefined) finding.attribute = f.attribute;
      if (traceValues) {
        const from = valueSources(input.config, resolver, resource, f.attribute);
        if (from.length) finding.valueSources = from;
      }
      if (f.capability !== undefined) finding.capability = f.capability;
      if (f.division !== undefined) finding.division = f.division;
      if (location?.line !== undefined) finding.line = location.line;
      if (location?.constructPath) finding.constructPath = location.constructPath;
      findings.push(finding);
    }
  }
  return findings;
}
