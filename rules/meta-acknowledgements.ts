// Findings about acknowledgements themselves (not about Terraform): produced by
// engine/acknowledge.ts, documented with the rules.
import type { RuleMeta } from "../core/rule";

const common = { httpStatus: null, certainty: "certain", usesIntents: false } as const;
const sources = ["README: Acknowledgements"];

export const ACK_EXPIRED: RuleMeta = {
  ...common,
  id: "GRG901",
  name: "acknowledgement-expired",
  title: "Acknowledgement past its expiry date",
  severity: "error",
  outcome: "the acknowledged finding fails again",
  explanation:
    "An acknowledgement holds until its expiry date (inclusive, UTC). After it, the finding it covered counts again and the expired acknowledgement is itself an error, so that accepted risks are reviewed rather than forgotten.",
  remediation: "Fix the finding, or review the acceptance and set a new expiry date (with the reason and owner still true).",
  sources,
};

export const ACK_ORPHANED: RuleMeta = {
  ...common,
  id: "GRG902",
  name: "acknowledgement-orphaned",
  title: "Acknowledgement that matches no finding",
  severity: "warning",
  outcome: "none: the acknowledgement is stale",
  explanation:
    "The acknowledgement names a rule and target that produced no finding: the problem was fixed or the target renamed. A stale acknowledgement would silently cover a future finding of the same kind.",
  remediation: "Remove the acknowledgement, or correct its ruleId or target.",
  sources,
};

export const ACK_REFUSED: RuleMeta = {
  ...common,
  id: "GRG903",
  name: "acknowledgement-not-allowed",
  title: "Acknowledgement of a hard-enforced rule",
  severity: "error",
  outcome: "the finding still fails",
  explanation: "Hard-enforced rules (a resource the provider does not have, a client secret in state) fail whenever they fire and cannot be acknowledged.",
  remediation: "Fix the configuration; remove the acknowledgement.",
  sources,
};

export const META_RULES: readonly RuleMeta[] = [ACK_EXPIRED, ACK_ORPHANED, ACK_REFUSED];
