// The JSON report: a stable contract read by other tools and auditors. Keys are written in a
// fixed order and findings are sorted, so the same input gives the same bytes. Values are those of
// displayContext (sensitive values redacted, hostile values capped); control characters are kept
// as data, which JSON escapes.
import { tokenRateLimit } from "../model/org-settings";
import { capValue, displayText, wellFormed } from "../model/safe-text";
import { TOOL } from "../core/tool";
import { displayContext, displayPath, type ReportContext } from "./report-context";
import { summarize } from "./summary";

/**
 * The report's shape version (schemas/report.schema.json; semantic: a new optional key is minor,
 * a removed or changed key major). Every change is in CHANGELOG.md.
 */
export const REPORT_SCHEMA_VERSION = "1.2.0";

export function buildJsonReport(raw: ReportContext) {
  const ctx = displayContext(raw);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version, rulePack: TOOL.rulePack, providerSchema: TOOL.providerSchema },
    inputs: ctx.inputs.map((i) => ({ file: i.file, kind: i.kind, sha256: i.sha256 })),
    // The root configurations audited one at a time (a directory each, a plan JSON file, standard input).
    configurations: (ctx.configurations ?? []).map((c) => ({ name: c.name, files: c.files, error: c.error ?? null })),
    limits: limitsOf(ctx),
    findings: ctx.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      address: f.address,
      configuration: f.configuration ?? null,
      file: f.file,
      line: f.line ?? null,
      attribute: f.attribute !== undefined ? { path: f.attribute, line: f.attributeLine ?? null } : null,
      // `var.ttl from prod.tfvars`: the variables the attribute's value depends on that tfvars, TF_VAR_* or --var set.
      valueSources: f.valueSources ?? [],
      constructPath: f.constructPath ?? null,
      httpStatus: f.httpStatus,
      certainty: f.certainty,
      message: f.message,
      remediation: f.remediation,
      sources: f.sources,
      enforcement: f.enforcement,
      acknowledged: f.acknowledged
        ? { reason: f.acknowledged.reason, owner: f.acknowledged.owner, expires: f.acknowledged.expires, ticket: f.acknowledged.ticket ?? null }
        : null,
    })),
    acknowledgements: (ctx.acknowledgements ?? []).map((a) => ({
      ruleId: a.ruleId,
      target: a.target,
      reason: a.reason,
      owner: a.owner,
      expires: a.expires,
      ticket: a.ticket ?? null,
      status: a.status,
      matched: a.matched,
    })),
    summary: summarize(ctx.findings),
    // --baseline: findings it covered are not in `findings`; entries that no longer occur are listed.
    baseline: ctx.baseline
      ? {
          file: displayPath(ctx.baseline.file),
          matched: ctx.baseline.matched,
          stale: ctx.baseline.stale.map((e) => ({
            ruleId: wellFormed(capValue(e.ruleId)),
            configuration: e.configuration === null ? null : displayPath(e.configuration),
            address: wellFormed(capValue(e.address)),
            attribute: e.attribute === null ? null : wellFormed(capValue(e.attribute)),
            fingerprint: e.fingerprint,
          })),
        }
      : null,
  };
}

/**
 * Where the limits the rules used came from: an auditor holding only the report must see whether
 * the per-token rate was read from the org (a snapshot, with its date and region) or is the
 * documented default.
 */
export function limitsOf(ctx: ReportContext) {
  const limit = tokenRateLimit(ctx.org, "CLIENT-CREDENTIALS");
  const p = ctx.org?.provenance;
  const value = <T>(v: T): T => (typeof v === "string" ? (wellFormed(capValue(v)) as T) : v);
  return {
    clientCredentialsTokenPerMinute: limit.perMinute,
    source: displayText(limit.source, 1000),
    orgSettings:
      ctx.org && p
        ? {
            file: displayPath(ctx.org.file),
            environment: value(ctx.org.environment),
            provenance: p.kind,
            capturedAt: value(p.capturedAt),
            region: value(p.region),
            orgName: value(p.orgName),
          }
        : null,
  };
}

export function formatJson(ctx: ReportContext): string {
  return `${JSON.stringify(buildJsonReport(ctx), null, 2)}\n`;
}
