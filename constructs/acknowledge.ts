// Acknowledging a finding in TypeScript, on the construct it concerns:
//
//   acknowledge(loadtestAccount, { ruleId: "GRG009", owner: "perf-team", expires: "2026-12-31",
//     reason: "Soak test runs at 6 rps on purpose to measure 429 back-off", ticket: "PERF-42" });
//
// The target defaults to the construct's path, which covers every resource below it. The
// stack writes its acknowledgements into intents.json (for the audit CLI), into the stack
// metadata ("//".acknowledgements) and into the `policy_acknowledgements` output, so the plan
// an auditor reads shows them.
import type { IConstruct } from "constructs";
import { type Acknowledgement, AcknowledgementSchema } from "../model/acknowledgements";
import { formatFieldPath } from "../model/input-error";
import { ConstructPropsError } from "./construct-error";

const METADATA_TYPE = "genesys-recording-guard:acknowledgement";

export type AcknowledgementProps = Omit<Acknowledgement, "target"> & { target?: string };

export function acknowledge(scope: IConstruct, props: AcknowledgementProps): void {
  const candidate = { ...props, target: props.target ?? scope.node.path };
  const parsed = AcknowledgementSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConstructPropsError(scope.node.path, `acknowledge.${formatFieldPath(issue.path)}`, issue.message);
  }
  scope.node.addMetadata(METADATA_TYPE, parsed.data);
}

/** Every acknowledgement declared below a scope, sorted by rule and target. */
export function acknowledgementsIn(scope: IConstruct): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const c of scope.node.findAll()) {
    for (const m of c.node.metadata) if (m.type === METADATA_TYPE) out.push(m.data as Acknowledgement);
  }
  return out.sort((a, b) => (a.ruleId + a.target < b.ruleId + b.target ? -1 : a.ruleId + a.target > b.ruleId + b.target ? 1 : 0));
}
