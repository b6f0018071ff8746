// The library: what a cdktf (or cdktn) app imports from genesys-recording-guard.
//
//   import { RecordingGuard, acknowledge, loadOrgSettings } from "genesys-recording-guard";
//   RecordingGuard.of(app, { org: loadOrgSettings("org/prod.json") });
//
// The gate (RecordingGuard), the constructs that declare recording access, acknowledgements on
// constructs, and the engine as a pure function for other adapters.
export { RecordingGuard, type RecordingGuardOptions, type StackAudit } from "./app/recording-guard";
export { acknowledge, acknowledgementsIn, type AcknowledgementProps } from "./constructs/acknowledge";
export { RecordingServiceAccount, type RecordingServiceAccountProps, type DivisionGrant } from "./constructs/recording-service-account";
export { RecordingRetentionPolicy, type RecordingRetentionPolicyProps } from "./constructs/recording-retention-policy";
export { ByocTrunk, type ByocTrunkProps } from "./constructs/byoc-trunk";
export { JmeterPlan, type JmeterPlanProps } from "./constructs/jmeter-plan";
export { audit, auditConfigurations, auditWithAcknowledgements, type AuditInput, type AuditResult } from "./engine/engine";
export { type Finding, fails } from "./core/finding";
export { loadOrgSettings } from "./readers/org-settings";
export { loadIntents, parseIntents } from "./readers/intents";
export { loadConfigurations, loadInputs } from "./readers/terraform/load-inputs";
export { type Intents } from "./model/intents";
export { type OrgSettings } from "./model/org-settings";
export { ALL_RULES } from "./rules";
