import { plansIn, samplerLabel, samplersOf } from "./support/loadtest";
import type { Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

export const planPathNotGenesysEndpoint: Rule = {
  id: "GRG024",
  name: "plan-path-not-genesys-endpoint",
  title: "JMeter sampler calls a recording path that is not a documented Genesys endpoint",
  severity: "warning",
  httpStatus: null,
  outcome: "the request cannot do what the plan expects (no such endpoint or method)",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "The plan's samplers are matched to the recording endpoint table gathered from the Genesys Cloud platform SDK docs. Some paths in circulation were never real: the forum threads this project grew from used /api/v2/recordings/conversations, which does not exist (conversation recordings are GET /api/v2/conversations/{conversationId}/recordings). A path in a recording namespace that the table does not list, or a documented path called with another method, is reported too; the table covers the recording endpoints, so such a path is likely a mistake, but check the API reference before changing it.",
  remediation:
    "Call the documented endpoint (GET /api/v2/conversations/{conversationId}/recordings for a conversation's recordings), with the method the API documents.",
  sources: ["genesys/recording-endpoints.json", "genesys/README.md: What the starting material got wrong"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, model } of plansIn(ctx)) {
      if (!model) continue;
      const plan = model.plan;
      for (const s of samplersOf(model)) {
        const where = samplerLabel(plan, s.sampler, s.group.name);
        const m = s.match;
        if (m.kind === "invented") {
          findings.push({
            address: attached.principal,
            message: `plan ${plan.file}: ${where} calls ${capValue(s.sampler.method)} ${capValue(m.path)}, which is not a Genesys Cloud endpoint (it comes from the forum thread); the real one is ${m.real}.`,
            remediation: `Call ${m.real} instead.`,
          });
        } else if (m.kind === "unknown-recording-path") {
          findings.push({
            address: attached.principal,
            certainty: "likely",
            message: `plan ${plan.file}: ${where} calls ${capValue(s.sampler.method)} ${capValue(m.path)}, which is not in the recording endpoint table${m.nearest ? ` (nearest documented: ${m.nearest})` : ""}: probably not a Genesys Cloud endpoint, and its permissions cannot be checked.`,
          });
        } else if (m.kind === "wrong-method") {
          findings.push({
            address: attached.principal,
            message: `plan ${plan.file}: ${where} calls ${capValue(s.sampler.method)} ${capValue(m.path)}; the API documents only ${m.methods.join(", ")} for this path.`,
            remediation: `Use ${m.methods.join(" or ")}, as documented.`,
          });
        }
      }
    }
    return findings;
  },
};
