// The report formats `npm run audit -- --format` offers, in one table so that the CLI, the
// evidence bundle and --help cannot disagree. Each renders displayContext(ctx) (report-context.ts):
// sensitive values redacted, hostile values capped, whatever the format.
import type { FailOn } from "../core/finding";
import { buildAccessMatrix } from "./access-matrix";
import { formatAccessMatrixMarkdown } from "./access-matrix-markdown";
import { formatHtml } from "./html";
import { formatJson } from "./json";
import { formatJunit } from "./junit";
import { formatMarkdown } from "./markdown";
import { displayContext, type ReportContext } from "./report-context";
import { formatSarif } from "./sarif";
import { formatText } from "./text";
import { escapeControl } from "../model/safe-text";

export interface FormatSpec {
  description: string;
  /** File name inside an evidence bundle; text is for terminals and has none. */
  bundleFile?: string;
  render(ctx: ReportContext, options: { failOn: FailOn; color: boolean }): string;
}

export const FORMATS = {
  text: {
    description: "grouped by resource, for a terminal (default)",
    render: (ctx, o) => formatText(displayContext(ctx).findings, { color: o.color }) + baselineNote(ctx),
  },
  json: { description: "the stable JSON report", bundleFile: "report.json", render: (ctx) => formatJson(ctx) },
  sarif: { description: "SARIF 2.1.0 for code scanning", bundleFile: "report.sarif", render: (ctx) => formatSarif(ctx) },
  markdown: { description: "a pull-request comment / job summary", bundleFile: "report.md", render: (ctx) => formatMarkdown(ctx) },
  junit: { description: "JUnit XML, one test case per rule and resource", bundleFile: "junit.xml", render: (ctx, o) => formatJunit(ctx, o.failOn) },
  access: {
    description: "recording access matrix (Markdown)",
    bundleFile: "access-matrix.md",
    render: (ctx) => formatAccessMatrixMarkdown(buildAccessMatrix(ctx)),
  },
  html: { description: "self-contained HTML evidence page", bundleFile: "evidence.html", render: (ctx) => formatHtml(ctx) },
} satisfies Record<string, FormatSpec>;

export type Format = keyof typeof FORMATS;

/** The text report's last lines with --baseline: what it covered and what no longer occurs. */
function baselineNote(ctx: ReportContext): string {
  const b = ctx.baseline;
  if (!b) return "";
  const stale = b.stale.map((e) => `  ${e.ruleId} ${e.configuration ? `${e.configuration}: ` : ""}${e.address}${e.attribute ? ` ${e.attribute}` : ""}`);
  return escapeControl(
    `Baseline ${b.file}: ${b.matched} known finding(s) not shown.${stale.length ? ` ${stale.length} entry(ies) no longer occur (remove them with --create-baseline):\n${stale.join("\n")}` : ""}\n`,
  );
}

export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];
