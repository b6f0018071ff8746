// SARIF 2.1.0 for code scanning (GitHub uploads it as-is). Built with node-sarif-builder; the
// tool driver lists every rule with its help text and default level; results carry the input
// file and line, the Terraform address and construct path as logical locations, the HTTP
// outcome as properties, and acknowledged findings as accepted suppressions.
//
// Valid for any input: values come from displayContext (capped, sensitive values redacted, no
// lone surrogates, which strict JSON readers refuse); texts a reviewer reads in the code scanning
// UI (messages, addresses, justifications) have their control and bidi characters escaped; a
// file path becomes a valid URI reference (spaces, "#", "%", non-ASCII percent-encoded).
import { createHash } from "crypto";
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from "node-sarif-builder";
import type { Finding } from "../core/finding";
import type { RuleMeta, Severity } from "../core/rule";
import { ALL_RULES, META_RULES } from "../rules";
import { TOOL } from "../core/tool";
import { escapeControl } from "../model/safe-text";
import { displayContext, type ReportContext } from "./report-context";

const HELP_BASE = "docs/rules.md";

type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", unknown: "warning", warning: "warning", info: "note" };

export function formatSarif(raw: ReportContext): string {
  const ctx = displayContext(raw);
  const run = new SarifRunBuilder().initSimple({ toolDriverName: TOOL.name, toolDriverVersion: TOOL.version });
  const rules = [...ALL_RULES, ...META_RULES];
  for (const rule of rules) run.addRule(sarifRule(rule));
  for (const f of ctx.findings) run.addResult(sarifResult(f));
  const builder = new SarifBuilder();
  builder.addRun(run);
  const log = builder.buildSarifOutput();
  // The schema URI node-sarif-builder writes is a redirect; name the OASIS one.
  log.$schema = "https://json.schemastore.org/sarif-2.1.0.json";
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(rule: RuleMeta): SarifRuleBuilder {
  const b = new SarifRuleBuilder().initSimple({
    ruleId: rule.id,
    shortDescriptionText: rule.title,
    fullDescriptionText: rule.explanation,
  });
  const status = rule.httpStatus === null ? "no HTTP error" : `HTTP ${rule.httpStatus}`;
  Object.assign(b.rule, {
    name: rule.name,
    help: {
      text: `${rule.explanation}\n\nOutcome: ${status} (${rule.certainty}): ${rule.outcome}.\nRemediation: ${rule.remediation}\nSources: ${rule.sources.join("; ")}`,
      markdown: `${rule.explanation}\n\n**Outcome:** ${status} (${rule.certainty}): ${rule.outcome}.\n\n**Remediation:** ${rule.remediation}\n\n**Sources:** ${rule.sources.join("; ")}\n\nSee ${HELP_BASE}#${`${rule.id}-${rule.name}`.toLowerCase()}.`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      httpStatus: rule.httpStatus,
      certainty: rule.certainty,
      tags: ["genesys", "recordings", ...(rule.httpStatus ? [`http-${rule.httpStatus}`] : [])],
    },
  });
  return b;
}

function sarifResult(f: Finding): SarifResultBuilder {
  const b = new SarifResultBuilder().initSimple({
    level: LEVEL[f.severity],
    messageText: escapeControl(`${f.message} Fix: ${f.remediation}`),
    ruleId: f.ruleId,
    ...(f.file ? { fileUri: fileUri(f.file) } : {}),
    // The attribute's line when the finding names one: a pull-request annotation lands on it.
    ...((f.attributeLine ?? f.line) ? { startLine: f.attributeLine ?? f.line } : {}),
  });
  const result = b.result as unknown as Record<string, unknown>;
  const logical = [{ fullyQualifiedName: escapeControl(f.address), kind: "resource" }];
  if (f.constructPath) logical.push({ fullyQualifiedName: escapeControl(f.constructPath), kind: "module" });
  const locations = (result.locations as Record<string, unknown>[] | undefined) ?? [];
  if (locations.length) locations[0].logicalLocations = logical;
  else result.locations = [{ logicalLocations: logical }];
  // The configuration joins the fingerprint only when the run names one (several roots): envs/dev and envs/prod findings stay apart.
  const identity = `${f.ruleId}\u0000${f.address}\u0000${f.message}${f.configuration !== undefined ? `\u0000${f.configuration}` : ""}`;
  result.partialFingerprints = { "grg/v1": createHash("sha256").update(identity).digest("hex").slice(0, 32) };
  result.properties = {
    severity: f.severity,
    address: escapeControl(f.address),
    ...(f.attribute !== undefined ? { attribute: escapeControl(f.attribute) } : {}),
    ...(f.valueSources !== undefined ? { valueSources: f.valueSources.map(escapeControl) } : {}),
    httpStatus: f.httpStatus,
    certainty: f.certainty,
    enforcement: f.enforcement,
    ...(f.constructPath ? { constructPath: escapeControl(f.constructPath) } : {}),
    ...(f.configuration !== undefined ? { configuration: escapeControl(f.configuration) } : {}),
  };
  if (f.acknowledged) {
    result.suppressions = [
      {
        kind: "external",
        status: "accepted",
        justification: escapeControl(
          `${f.acknowledged.reason} (owner ${f.acknowledged.owner}, expires ${f.acknowledged.expires}${f.acknowledged.ticket ? `, ${f.acknowledged.ticket}` : ""})`,
        ),
      },
    ];
  }
  return b;
}

/**
 * A file path as a SARIF artifact URI (a URI reference): "/" separators, and every character a
 * URI does not allow as written percent-encoded as UTF-8 (a path with spaces, "#" or "ü" is
 * otherwise not a valid uri-reference). Plain paths are unchanged.
 */
function fileUri(file: string): string {
  return file
    .split("\\")
    .join("/")
    .replace(/[^A-Za-z0-9\-._~/:@!$&'()*+,;=]/gu, encodeURIComponent);
}
