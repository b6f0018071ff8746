// Enforcement levels, kept apart from the rules' logic (as Sentinel keeps them apart from its
// policies): whether a rule's findings can fail a run and whether they may be acknowledged.
//   advisory  - reported, never fails;
//   mandatory - fails at or above --fail-on unless acknowledged;
//   hard      - fails whenever it fires and cannot be acknowledged.
export type Enforcement = "advisory" | "mandatory" | "hard";

export const ENFORCEMENT_LEVELS: readonly Enforcement[] = ["advisory", "mandatory", "hard"];

/** Rules that are not mandatory. Everything else is mandatory. */
const DEFAULTS: Readonly<Record<string, Enforcement>> = {
  GRG006: "advisory", // scopes on a client-credentials client: no effect, nothing breaks
  GRG015: "advisory", // test retention hygiene: cost and data minimisation, not a failure
  GRG012: "hard", // a resource or attribute the provider does not have: terraform itself fails
  GRG016: "hard", // the client secret in Terraform state: never acceptable, never waived
  GRG901: "hard", // an expired acknowledgement must be reviewed, not acknowledged again
  GRG903: "hard", // acknowledging a hard rule
};

export function enforcementOf(ruleId: string, overrides: Readonly<Record<string, Enforcement>> = {}): Enforcement {
  return overrides[ruleId] ?? DEFAULTS[ruleId] ?? "mandatory";
}
