import type { TfResource } from "../model/terraform";
import { blocks } from "../analyses/roles";
import type { Rule, RuleFinding } from "../core/rule";
import { POLICY_TYPE, actionSets, deletion, enabledPolicies } from "../analyses/retention";

/** Whether a policy may delete anything: a deletion in any actions block or for screen recordings (unreadable periods count as "may"). */
function mayDelete(policy: TfResource): boolean {
  return actionSets(policy).some((s) => {
    if (deletion(s.actions).kind !== "never") return true;
    const screen = blocks(s.actions.initiate_screen_recording)[0];
    const days = blocks(screen?.delete_retention)[0]?.days;
    return days !== undefined && days !== null;
  });
}

export const testRetentionNeverDeletes: Rule = {
  id: "GRG015",
  name: "test-retention-never-deletes",
  title: "Test environment keeps recordings forever",
  severity: "warning",
  httpStatus: null,
  outcome: "none: hygiene (cost, data minimisation), not a 403",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "In a test environment, no enabled media retention policy of the configuration deletes recordings (no delete_retention days, no delete_recording, no always_delete), so test recordings are kept indefinitely. This is hygiene only (storage cost, data minimisation): it is not a cause of 403s, and there is no evidence that indefinite retention slows ingestion. Certain for the policies in the configuration; policies managed elsewhere are not seen.",
  remediation:
    "Give the test policy a deletion period, e.g. retention_duration { delete_retention { days = 30 } } (deleteAfterDays in the environment's retention config).",
  sources: [
    "genesys/README.md: What the starting material got wrong (indefinite retention; short retention is hygiene, not a 403 cause)",
    "genesys/README.md: Media retention policies",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    if (ctx.environmentKind !== "test") return findings;
    const policies = ctx.resourcesOfType(POLICY_TYPE);
    if (!policies.length || enabledPolicies(policies).some(mayDelete)) return findings;
    for (const p of policies) {
      findings.push({
        address: p.address,
        message: `${p.address}: no enabled retention policy in this test environment deletes recordings, so they are kept forever. Hygiene (cost, data minimisation) only: this is not a 403 cause.`,
      });
    }
    return findings;
  },
};
