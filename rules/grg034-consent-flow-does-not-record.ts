import type { Rule, RuleFinding } from "../core/rule";
import { consentTrunks, inboundFlows, IVR_TYPE, ivrRoutes, type IvrRoute } from "../analyses/consent-trunks";
import { TRUNK_TYPE } from "../analyses/trunk-recording";
import { capValue, nameSome } from "../model/safe-text";

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
    'With trunk_recording_consent_required on an external trunk, only calls whose Architect flow runs "Enable Participant Recording" are recorded. The rule reads the Archy YAML of every genesyscloud_flow (filepath, with ${path.module}, locals and variables resolved) and looks for the enableParticipantRecord action on a path the flow can run from its startUpRef (tasks, menus and states it references; not the word in a comment or a string, not an unreferenced task). An inbound call flow that never runs it leaves its calls unrecorded: certain when the flow never transfers to another flow, likely when it does (the other flow may enable it). With an intent to read call recordings it is an error. IVRs (genesyscloud_architect_ivr) route their numbers to flows through open_hours_flow_id, closed_hours_flow_id and holiday_hours_flow_id: the finding names the IVRs and numbers whose calls go unrecorded. When the configuration declares IVRs and none routes to a flow, the finding on that flow is a warning (possible): a transfer, or a number or IVR outside Terraform, may still reach it. A flow file that cannot be read is reported as unknown. When every inbound flow runs the action, there is no finding (and GRG010 says nothing about consent).',
  remediation:
    'Add the "Enable Participant Recording" action (enableParticipantRecord) to the flow\'s start-up path, or set trunk_recording_consent_required to false where consent is handled otherwise.',
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Architect flows and consent-required trunks (enableParticipantRecord in a task's or state's actions; inboundCall documents)",
    "provider schema (genesys/provider-schema.json): genesyscloud_flow.filepath, substitutions; genesyscloud_architect_ivr.dnis, open_hours_flow_id, closed_hours_flow_id, holiday_hours_flow_id",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const trunks = consentTrunks(ctx.resourcesOfType(TRUNK_TYPE), ctx.resolver);
    if (!trunks.length) return findings;
    const readers = Object.keys(ctx.intents.principals)
      .filter((a) => ctx.intents.principals[a].capabilities.some((c) => c === "recordings:read" || c === "recordings:read-sensitive"))
      .sort();
    const over = `${nameSome(trunks.map((t) => t.address))} require${trunks.length === 1 ? "s" : ""} consent`;
    // With IVRs in the configuration, the flows they route numbers to are the ones calls reach; a
    // flow no IVR names may still be reached (a transfer, an IVR or number outside Terraform).
    const { ivrs, routes, unresolved } = ivrRoutes(ctx.resourcesOfType(IVR_TYPE), ctx.resolver);
    for (const inbound of inboundFlows(ctx.config, ctx.resourcesOfType("genesyscloud_flow"), ctx.resolver)) {
      const routed = routes.get(inbound.flow.address);
      // Only when every IVR's flows are known can "no IVR routes to it" be said.
      const unrouted = ivrs > 0 && !routed && unresolved.length === 0;
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
      const calls = routed ? `the calls ${describeRoutes(routed)} route to it` : "the calls it takes";
      findings.push({
        address: inbound.flow.address,
        attribute: "filepath",
        severity: readers.length && !unrouted ? "error" : "warning",
        certainty: unrouted ? "possible" : transfers ? "likely" : "certain",
        message: `${inbound.flow.address}: ${over}, and ${inbound.file} never runs "Enable Participant Recording" (enableParticipantRecord) on a path it can take${transfers ? " (it transfers to another flow, which may)" : ""}: ${calls} leave no recording${readers.length ? `, so the intent of ${nameSome(readers)} to read them cannot be met` : ""}${unrouted ? `. No IVR of the configuration routes calls to it (${ivrs} IVR(s) declared): it matters if a transfer, or a number or IVR outside Terraform, reaches it` : ""}.`,
      });
    }
    return findings;
  },
};

/** `IVR genesyscloud_architect_ivr.main (+18005550123, +15125550111; open hours, closed hours)` and others. */
function describeRoutes(routes: readonly IvrRoute[]): string {
  const one = (r: IvrRoute) =>
    `${r.ivr}${r.dnis.length ? ` (${nameSome(r.dnis.map((d) => capValue(d)))}; ${r.hours.join(", ")})` : ` (${r.hours.join(", ")})`}`;
  return `${routes.length === 1 ? "IVR" : "IVRs"} ${routes.map(one).join(" and ")}`;
}
