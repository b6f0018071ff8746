import type { Rule, RuleFinding } from "../core/rule";
import { consentTrunks, inboundFlows } from "../analyses/consent-trunks";
import { TRUNK_TYPE } from "../analyses/trunk-recording";
import { nameSome } from "../model/safe-text";

export const consentFlowDoesNotRecord: Rule = {
  id: "GRG034",
  name: "consent-flow-does-not-record",
  title: "Consent-required trunk, and an inbound flow that never enables participant recording",
  severity: "warning",
  httpStatus: null,
  outcome: "no recording of the calls the flow takes (empty list / 404, not 403)",
  certainty: "certain",
  usesIntents: false,
  explanation:
    'With trunk_recording_consent_required on an external trunk, only calls whose Architect flow runs "Enable Participant Recording" are recorded. The rule reads the Archy YAML of every genesyscloud_flow (filepath, with ${path.module}, locals and variables resolved) and looks for the enableParticipantRecord action on a path the flow can run from its startUpRef (tasks, menus and states it references; not the word in a comment or a string, not an unreferenced task). An inbound call flow that never runs it leaves its calls unrecorded: certain when the flow never transfers to another flow, likely when it does (the other flow may enable it). With an intent to read call recordings it is an error. A flow file that cannot be read is reported as unknown. When every inbound flow runs the action, there is no finding (and GRG010 says nothing about consent).',
  remediation:
    'Add the "Enable Participant Recording" action (enableParticipantRecord) to the flow\'s start-up path, or set trunk_recording_consent_required to false where consent is handled otherwise.',
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Architect flows and consent-required trunks (enableParticipantRecord in a task's or state's actions; inboundCall documents)",
    "provider schema (genesys/provider-schema.json): genesyscloud_flow.filepath, substitutions",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const trunks = consentTrunks(ctx.resourcesOfType(TRUNK_TYPE), ctx.resolver);
    if (!trunks.length) return findings;
    const readers = Object.keys(ctx.intents.principals)
      .filter((a) => ctx.intents.principals[a].capabilities.some((c) => c === "recordings:read" || c === "recordings:read-sensitive"))
      .sort();
    const over = `${nameSome(trunks.map((t) => t.address))} require${trunks.length === 1 ? "s" : ""} consent`;
    for (const inbound of inboundFlows(ctx.config, ctx.resourcesOfType("genesyscloud_flow"), ctx.resolver)) {
      if (!inbound.recording) {
        findings.push({
          address: inbound.flow.address,
          attribute: "filepath",
          severity: "unknown",
          message: `${inbound.flow.address}: ${over}, and the flow's file cannot be read (${inbound.problem}: ${inbound.file}): cannot tell whether its calls are recorded.`,
        });
        continue;
      }
      if (inbound.recording.recordsParticipants) continue;
      const transfers = inbound.recording.transfersToFlow;
      findings.push({
        address: inbound.flow.address,
        attribute: "filepath",
        severity: readers.length ? "error" : "warning",
        certainty: transfers ? "likely" : "certain",
        message: `${inbound.flow.address}: ${over}, and ${inbound.file} never runs "Enable Participant Recording" (enableParticipantRecord) on a path it can take${transfers ? " (it transfers to another flow, which may)" : ""}: the calls it takes leave no recording${readers.length ? `, so the intent of ${nameSome(readers)} to read them cannot be met` : ""}.`,
      });
    }
    return findings;
  },
};
