import { FALSE_TRUNK_CLAIMS, KNOWN_TRUNK_RECORDING_KEYS, TRUNK_RECORDING_KEYS, suggestTrunkRecordingKey } from "../genesys/trunk-recording-keys";
import { closest } from "../analyses/schema-validation";
import type { Rule, RuleFinding } from "../core/rule";
import { TRUNK_TYPE, propertyInstance, trunkProperties } from "../analyses/trunk-recording";
import { capValue } from "../model/safe-text";

/** Diagnostic capture keys (trunk_diagnostic_ca_recording_enabled, ...) of live orgs' trunks: not call recording. */
const DIAGNOSTIC_KEY = /^trunk_diagnostic_/;
/** The shape of real trunk property keys: trunk_ and letters, digits, underscores. */
const WELL_FORMED_KEY = /^trunk_[A-Za-z0-9_]+$/;

/** Keys about recording; other trunk settings are not this audit's business. */
const looksRecordingRelated = (key: string) => /record|beep/i.test(key) || FALSE_TRUNK_CLAIMS.has(key);

/** Whether the loop below reports the key: a known key in the wrong shape, or an unknown recording-related key. */
function getsFinding(props: Record<string, unknown>, key: string): boolean {
  return KNOWN_TRUNK_RECORDING_KEYS.has(key) ? propertyInstance(props, key).state === "malformed" : looksRecordingRelated(key);
}

export const trunkPropertyKeyUnknown: Rule = {
  id: "GRG013",
  name: "trunk-property-key-unknown",
  title: "Trunk recording property key unknown or malformed",
  severity: "warning",
  httpStatus: null,
  outcome: "the setting is ignored or rejected: the trunk does not record as intended",
  certainty: "likely",
  usesIntents: false,
  explanation:
    'Trunk base settings `properties` is a JSON string of {"<key>": {"value": {"instance": <value>}}} with camelCase-segmented keys (trunk_recording_dualChannel, not trunk_recording_dual_channel). A recording-related key that is certainly wrong (a case or separator error or a near-miss of a real trunk_recording_* key, or not a trunk_ key at all), or a value in another shape, does not configure recording: likely ignored or rejected by the API (which of the two is not confirmed). A well-formed trunk_ key the tool does not know is `info` (live templates hold more keys); trunk_diagnostic_* keys are diagnostics, not call recording, and pass. There are no BYOC trunk "capability tags" such as recording:consent or analytics:byoc. Invalid JSON in properties is reported too.',
  remediation:
    'Use the real key (see the finding), shaped {"value": {"instance": ...}}; confirm keys against GET /api/v2/telephony/providers/edges/trunkbasesettings/template?trunkMetabaseId=... Consent is trunk_recording_consent_required plus the flow\'s "Enable Participant Recording" action.',
  sources: [
    "genesys/README.md: BYOC trunks (recording keys, properties shape)",
    "genesys/README.md: What the starting material got wrong (no capability tags)",
    "genesys/README.md: Facts from real configurations (trunk_diagnostic_* keys)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const suggestions = new Map<string, string | undefined>(); // the same typo on thousands of trunks
    for (const r of ctx.resourcesOfType(TRUNK_TYPE)) {
      const props = trunkProperties(r, ctx.resolver);
      if (props.kind === "invalid") findings.push({ address: r.address, attribute: "properties", message: `${r.address}: ${props.problem}.` });
      if (props.kind !== "parsed") continue;
      // Only the keys that get a finding are sorted (most trunks have none): sorting every trunk's
      // keys cost more than checking them. The findings still come out in key order.
      const reported = Object.keys(props.props).filter((key) => getsFinding(props.props, key));
      for (const key of reported.sort()) {
        if (KNOWN_TRUNK_RECORDING_KEYS.has(key)) {
          if (propertyInstance(props.props, key).state === "malformed") {
            findings.push({
              address: r.address,
              attribute: `properties.${key}`,
              message: `${r.address}: properties key ${capValue(key)} is not shaped {"value": {"instance": ...}}, so the setting does not apply.`,
            });
          }
          continue;
        }
        if (!looksRecordingRelated(key)) continue;
        if (FALSE_TRUNK_CLAIMS.has(key)) {
          const real = /consent/i.test(key) ? ` Use ${TRUNK_RECORDING_KEYS.consentRequired} (and the flow's "Enable Participant Recording" action).` : "";
          findings.push({
            address: r.address,
            attribute: `properties.${key}`,
            message: `${r.address}: properties key "${capValue(key)}" is not a real trunk setting: BYOC trunks have no capability tags.${real}`,
          });
          continue;
        }
        // A case or separator error, or one or two edits from a real key, is certainly wrong.
        if (!suggestions.has(key)) suggestions.set(key, suggestTrunkRecordingKey(key) ?? closest(key, KNOWN_TRUNK_RECORDING_KEYS, 2));
        const real = suggestions.get(key);
        if (!real && DIAGNOSTIC_KEY.test(key)) continue; // trunk_diagnostic_*: capture settings, not call recording
        if (!real && WELL_FORMED_KEY.test(key)) {
          // Live orgs' templates carry more keys than the ones vendored here: cannot confirm, so info.
          findings.push({
            address: r.address,
            attribute: `properties.${key}`,
            severity: "info",
            message: `${r.address}: properties key "${capValue(key)}" is not one of the trunk recording keys known here; it cannot be confirmed without the trunk base settings template.`,
            remediation:
              "Nothing to change if the key is in your trunk's template: confirm with GET /api/v2/telephony/providers/edges/trunkbasesettings/template?trunkMetabaseId=...",
          });
          continue;
        }
        findings.push({
          address: r.address,
          attribute: `properties.${key}`,
          message: `${r.address}: properties key "${capValue(key)}" is not a known trunk recording key${real ? `; the real key is ${real}` : ""}.`,
          ...(real ? { remediation: `Rename "${capValue(key)}" to "${real}" (value shaped {"value": {"instance": ...}}).` } : {}),
        });
      }
    }
    return findings;
  },
};
