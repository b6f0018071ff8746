// Markdown for a pull-request comment or a CI job summary: counts, then one table per
// principal or resource (the one with errors first), each row saying what breaks, with which
// HTTP status, and what to change; acknowledged findings with reason and expiry; rule
// explanations and input digests folded away.
import type { Finding } from "../core/finding";
import { SEVERITY_ORDER } from "../core/rule";
import { ruleById, META_RULES } from "../rules";
import { displayText, escapeControl } from "../model/safe-text";
import { TOOL } from "../core/tool";
import { buildAccessMatrix } from "./access-matrix";
import { formatAccessMatrixMarkdown, inertMentions } from "./access-matrix-markdown";
import { limitsOf } from "./json";
import { displayContext, type ReportContext } from "./report-context";
import { describeSummary, summarize } from "./summary";

export function formatMarkdown(raw: ReportContext): string {
  const ctx = displayContext(raw);
  const s = summarize(ctx.findings);
  const limits = limitsOf(ctx);
  const from = limits.orgSettings
    ? `${limits.orgSettings.provenance === "snapshot" ? `snapshot of ${limits.orgSettings.orgName ?? "the org"} (${limits.orgSettings.region ?? "region unknown"}), captured ${limits.orgSettings.capturedAt}` : "documented defaults, not read from the org"}: ${limits.orgSettings.file}`
    : "documented default, not read from the org (no --org)";
  const out: string[] = [
    `## Genesys Recording Guard: ${describeSummary(s)}`,
    "",
    `Limits: ${limits.clientCredentialsTokenPerMinute} requests per minute per OAuth token, from ${cell(from)}.`,
    "",
  ];
  if (!ctx.findings.length) {
    out.push("No findings: nothing in this configuration is known to make the recordings API fail.", "");
  }
  for (const group of groupByResource(ctx.findings)) {
    const address = group[0].address;
    const where = group[0].line ? `${group[0].file}:${group[0].line}` : group[0].file;
    out.push(`### ${code(address)}`, "", `${cell(where)}${group[0].constructPath ? ` · construct ${code(group[0].constructPath)}` : ""}`, "");
    out.push("| severity | rule | HTTP | what breaks | what to change |", "|---|---|---|---|---|");
    for (const f of group) {
      const status = f.httpStatus === null ? "–" : `${f.httpStatus} ${f.certainty}`;
      const severity = `${f.severity}${f.enforcement === "mandatory" ? "" : ` (${f.enforcement})`}${f.acknowledged ? " (acknowledged)" : ""}`;
      out.push(`| ${severity} | ${f.ruleId} ${f.ruleName} | ${status} | ${cell(f.message)} | ${cell(f.remediation)} |`);
    }
    out.push("");
  }
  const acknowledged = ctx.findings.filter((f) => f.acknowledged);
  const statuses = ctx.acknowledgements ?? [];
  if (statuses.length) {
    out.push("### Acknowledgements", "", "| rule | target | status | owner | expires | reason | ticket |", "|---|---|---|---|---|---|---|");
    for (const a of statuses)
      out.push(`| ${a.ruleId} | ${code(a.target, true)} | ${a.status} | ${cell(a.owner)} | ${a.expires} | ${cell(a.reason)} | ${cell(a.ticket ?? "")} |`);
    out.push("");
  } else if (acknowledged.length) {
    out.push(`${acknowledged.length} finding(s) acknowledged.`, "");
  }
  out.push(
    "<details><summary>Recording access matrix</summary>",
    "",
    formatAccessMatrixMarkdown(buildAccessMatrix(ctx), { headingLevel: 4 }).trimEnd(),
    "",
    "</details>",
    "",
  );
  const fired = [...new Set(ctx.findings.map((f) => f.ruleId))].sort();
  if (fired.length) {
    out.push("<details><summary>Why these rules fire</summary>", "");
    for (const id of fired) {
      const rule = ruleById(id) ?? META_RULES.find((m) => m.id === id);
      if (!rule) continue;
      out.push(`**${rule.id} ${rule.name}**: ${rule.explanation} _Sources: ${rule.sources.join("; ")}._`, "");
    }
    out.push("</details>", "");
  }
  out.push("<details><summary>Inputs and versions</summary>", "");
  out.push(`${TOOL.rulePack}, provider schema ${TOOL.providerSchema}`, "");
  if (ctx.inputs.length) {
    out.push("| file | kind | sha256 |", "|---|---|---|");
    for (const i of ctx.inputs) out.push(`| ${cell(i.file)} | ${i.kind} | \`${i.sha256}\` |`);
    out.push("");
  }
  out.push("</details>", "");
  return out.join("\n");
}

/**
 * One group per resource and file (a finding about an acknowledgement points at the intents
 * file, not at the resource's file), in report order: the group holding the most severe finding
 * first, then by address.
 */
function groupByResource(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.address}\u0000${f.file}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const worst = (g: Finding[]) => Math.min(...g.map((f) => SEVERITY_ORDER.indexOf(f.severity) + (f.acknowledged ? SEVERITY_ORDER.length : 0)));
  return [...groups.entries()].sort(([a, ga], [b, gb]) => worst(ga) - worst(gb) || (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/**
 * Text as a code span: a code span shows `<`, `&` and markdown as written (no entity is decoded,
 * so none is escaped); a backtick in the text cannot end it, because the fence is longer than any
 * run of backticks inside. In a table cell, pipes are escaped (GFM splits cells before code spans).
 * Links, images and mentions are inert in code; line breaks become spaces, other control characters escapes.
 */
function code(text: string, inTable = false): string {
  const flat = escapeControl(displayText(text).replace(/\r?\n|\r/g, " "));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${inTable ? flat.replace(/\|/g, "\\|") : flat}${pad}${fence}`;
}

/**
 * Text in a table cell: no line or column breaks, and no HTML. Messages, reasons and owners come
 * from the configuration and the intents (a PR author's text), and the report is posted as a PR
 * comment or job summary, where `<script>` or `<!--` would be markup, `![x](https://...)` an
 * image fetched for every reader, `[click](https://...)` a disguised link and `@org/team` a
 * notification. Brackets (and the backslashes that could unescape them) are escaped, so no link
 * or image forms; mentions become code spans (inertMentions); line breaks become spaces, other
 * control characters visible escapes. Code spans stay (remediations use them).
 */
function cell(text: string): string {
  const flat = escapeControl(displayText(text).replace(/\r?\n|\r/g, " "));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  return inertMentions(
    flat,
    (segment) =>
      segment
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/([\\[\]])/g, "\\$1")
        .replace(/\|/g, "\\|"),
    "`".repeat(longest + 1),
  );
}
