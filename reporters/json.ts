// The JSON report: a stable contract read by other tools and auditors. Keys are written in a
// fixed order and findings are sorted, so the same input gives the same bytes.
import type { Finding } from "../policy/finding";
import { TOOL } from "../policy/tool";
import { summarize } from "./summary";

export interface ReportInput {
  file: string;
  kind: string;
  sha256: string;
}

export function formatJson(findings: readonly Finding[], inputs: readonly ReportInput[]): string {
  const report = {
    tool: { name: TOOL.name, version: TOOL.version, rulePack: TOOL.rulePack, providerSchema: TOOL.providerSchema },
    inputs: inputs.map((i) => ({ file: i.file, kind: i.kind, sha256: i.sha256 })),
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      address: f.address,
      file: f.file,
      line: f.line ?? null,
      constructPath: f.constructPath ?? null,
      httpStatus: f.httpStatus,
      certainty: f.certainty,
      message: f.message,
      remediation: f.remediation,
      sources: f.sources,
    })),
    summary: summarize(findings),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
