import { TRUNK_RECORDING_KEYS } from "../genesys/trunk-recording-keys";
import type { Intents } from "../model/intents";
import { asBool, externalTrunkKind, isExternalTrunk, propertyInstance, TRUNK_TYPE, trunkProperties } from "../analyses/trunk-recording";
import type { Rule, RuleFinding } from "../core/rule";
import { nameSome } from "../model/safe-text";
import { inboundFlows, type InboundFlow } from "../analyses/consent-trunks";

/**
 * Principals whose intents read call recordings. Screen recordings (recordings:read-screen)
 * are started by the retention policy, not recorded on the trunk, so they do not count here.
 */
function callRecordingReaders(intents: Intents): string[] {
  return Object.keys(intents.principals)
    .filter((a) => intents.principals[a].capabilities.some((c) => c === "recordings:read" || c === "recordings:read-sensitive"))
    .sort();
}

export const trunkRecordsNothing: Rule = {
  id: "GRG010",
  name: "trunk-records-nothing",
  title: "External trunk (BYOC or Genesys Cloud Voice) does not record calls (recording off, or consent required)",
  severity: "warning",
  httpStatus: null,
  outcome: "no recordings (empty list / 404)",
  certainty: "certain",
  usesIntents: false,
  explanation:
    'Line recording on an external trunk (BYOC Carrier or PBX, Genesys Cloud Voice) is off by default and can only be enabled at the trunk, through the `trunk_recording_enabled` key of the trunk base settings `properties` JSON. Without it, calls over the trunk are not recorded: the recordings API answers with an empty list or 404, never 403. This is certain for calls over that trunk; whether a reader finds nothing at all is likely, not certain (it may read other trunks or digital media). When an intent reads call recordings the finding is an error: the intent cannot be met. With `trunk_recording_consent_required` true, only calls whose flow runs the Architect "Enable Participant Recording" action are recorded (certain for the others); that stays a warning even with a reading intent, because the flow may run the action; when the configuration deploys its inbound call flows and their files can be read, GRG034 checks them instead and this rule says nothing about consent.',
  remediation:
    'Set "trunk_recording_enabled": {"value": {"instance": true}} in the trunk base settings properties (or recording.enabled in the ByocTrunk construct). With consent required, make the inbound flow run "Enable Participant Recording".',
  sources: [
    "genesys/README.md: BYOC trunks (recording keys; off by default; not a 403)",
    "genesys/README.md: HTTP outcome table (trunk recording off, or consent required without the flow action)",
    "genesys/README.md: Facts from real configurations (external_sip_pcv_aws is Genesys Cloud Voice, not BYOC)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    let readers: string[] | undefined; // sorted once, and only when a trunk records nothing
    let inbound: InboundFlow[] | undefined;
    for (const r of ctx.resourcesOfType(TRUNK_TYPE)) {
      if (!isExternalTrunk(r, ctx.resolver)) continue;
      const props = trunkProperties(r, ctx.resolver);
      if (props.kind === "unknown") {
        findings.push({
          address: r.address,
          attribute: "properties",
          severity: "unknown",
          message: `${r.address}: cannot tell whether the trunk records calls: properties is not a literal JSON string (${props.text}).`,
        });
        continue;
      }
      if (props.kind === "invalid") continue; // GRG013 reports malformed properties
      const enabled = props.kind === "unset" ? ({ state: "absent" } as const) : propertyInstance(props.props, TRUNK_RECORDING_KEYS.enabled);
      if (enabled.state === "malformed" || (enabled.state === "set" && asBool(enabled.instance) === undefined)) {
        findings.push({
          address: r.address,
          attribute: `properties.${TRUNK_RECORDING_KEYS.enabled}`,
          severity: "unknown",
          message: `${r.address}: cannot read ${TRUNK_RECORDING_KEYS.enabled} (expected {"value": {"instance": true|false}}).`,
        });
        continue;
      }
      if (enabled.state === "absent" || asBool(enabled.instance) === false) {
        const why =
          enabled.state === "absent"
            ? `does not set ${TRUNK_RECORDING_KEYS.enabled} (line recording is off by default)`
            : `sets ${TRUNK_RECORDING_KEYS.enabled} to false`;
        readers ??= callRecordingReaders(ctx.intents);
        // Evidence: the key set to false, else the properties that lack it (none when properties is unset).
        const attribute = enabled.state === "set" ? `properties.${TRUNK_RECORDING_KEYS.enabled}` : props.kind === "parsed" ? "properties" : undefined;
        const at = attribute ? { attribute } : {};
        findings.push(
          readers.length
            ? {
                address: r.address,
                ...at,
                severity: "error",
                certainty: "likely",
                message: `${r.address} ${why}: calls over this ${externalTrunkKind(r, ctx.resolver)} trunk are not recorded, so the intent of ${nameSome(readers)} to read recordings cannot be met (empty list / 404, not 403).`,
              }
            : {
                address: r.address,
                ...at,
                message: `${r.address} ${why}: calls over this ${externalTrunkKind(r, ctx.resolver)} trunk are not recorded (empty list / 404, not 403).`,
              },
        );
        continue;
      }
      const consent = props.kind === "parsed" ? propertyInstance(props.props, TRUNK_RECORDING_KEYS.consentRequired) : undefined;
      // The flows are known (every inbound flow's file read): GRG034 says which ones do not record, if any.
      inbound ??= inboundFlows(ctx.config, ctx.resourcesOfType("genesyscloud_flow"), ctx.resolver);
      const flowsKnown = inbound.length > 0 && inbound.every((f) => f.recording !== undefined);
      if (consent?.state === "set" && asBool(consent.instance) === true && !flowsKnown) {
        findings.push({
          address: r.address,
          attribute: `properties.${TRUNK_RECORDING_KEYS.consentRequired}`,
          message: `${r.address} sets ${TRUNK_RECORDING_KEYS.consentRequired}: only calls whose flow runs "Enable Participant Recording" are recorded; other calls leave no recording.`,
          remediation:
            'Make sure the inbound flow runs the Architect "Enable Participant Recording" action, or set trunk_recording_consent_required to false where consent is handled otherwise.',
        });
      }
    }
    return findings;
  },
};
