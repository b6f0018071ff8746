// A BYOC Carrier trunk whose recording options map to the real `trunk_recording_*` keys of the
// trunk base settings `properties` JSON ({"<key>": {"value": {"instance": <value>}}}).
// Line recording is off by default and can only be enabled at the trunk; with consent required
// only calls where the flow runs "Enable Participant Recording" are recorded. There are no
// "capability tags" such as recording:consent: these typed options are the only ones accepted.
// Source: genesys/README.md "BYOC trunks".
import { Construct } from "constructs";
import { TelephonyProvidersEdgesTrunk } from "../.gen/providers/genesyscloud/telephony-providers-edges-trunk";
import { TelephonyProvidersEdgesTrunkbasesettings } from "../.gen/providers/genesyscloud/telephony-providers-edges-trunkbasesettings";
import { BYOC_CARRIER_META_BASE, TRUNK_RECORDING_KEYS } from "../genesys/trunk-recording-keys";
import { ConstructPropsError, terraformName } from "./construct-error";

export interface TrunkBeep {
  readonly enabled: boolean;
  readonly amplitude?: number;
  readonly duration?: number;
  readonly frequency?: number;
  readonly interval?: number;
  readonly tone2Amplitude?: number;
  readonly tone2Frequency?: number;
}

export interface TrunkRecordingOptions {
  readonly enabled: boolean;
  readonly consentRequired?: boolean;
  readonly dualChannel?: boolean;
  /** e.g. "audio/opus". */
  readonly audioFormat?: string;
  readonly consultRecordingEnabled?: boolean;
  readonly disallowRecordingDuringHold?: boolean;
  readonly levelControlEnabled?: boolean;
  readonly externalTransfersEnabled?: boolean;
  readonly beep?: TrunkBeep;
}

export interface ByocTrunkProps {
  readonly name: string;
  readonly description?: string;
  /** Site that receives inbound calls (required for BYOC Carrier trunks). */
  readonly inboundSiteId: string;
  readonly recording: TrunkRecordingOptions;
  /** Also create the trunk on this edge group. */
  readonly edgeGroupId?: string;
}

const OPTION_KEYS: Record<Exclude<keyof TrunkRecordingOptions, "beep">, string> = {
  enabled: TRUNK_RECORDING_KEYS.enabled,
  consentRequired: TRUNK_RECORDING_KEYS.consentRequired,
  dualChannel: TRUNK_RECORDING_KEYS.dualChannel,
  audioFormat: TRUNK_RECORDING_KEYS.audioFormat,
  consultRecordingEnabled: TRUNK_RECORDING_KEYS.consultRecordingEnabled,
  disallowRecordingDuringHold: TRUNK_RECORDING_KEYS.disallowRecordingDuringHold,
  levelControlEnabled: TRUNK_RECORDING_KEYS.levelControlEnabled,
  externalTransfersEnabled: TRUNK_RECORDING_KEYS.externalTransfersEnabled,
};

const BEEP_KEYS: Record<keyof TrunkBeep, string> = {
  enabled: TRUNK_RECORDING_KEYS.beepEnabled,
  amplitude: TRUNK_RECORDING_KEYS.beepAmplitude,
  duration: TRUNK_RECORDING_KEYS.beepDuration,
  frequency: TRUNK_RECORDING_KEYS.beepFrequency,
  interval: TRUNK_RECORDING_KEYS.beepInterval,
  tone2Amplitude: TRUNK_RECORDING_KEYS.beepTone2Amplitude,
  tone2Frequency: TRUNK_RECORDING_KEYS.beepTone2Frequency,
};

export class ByocTrunk extends Construct {
  readonly baseSettings: TelephonyProvidersEdgesTrunkbasesettings;
  readonly trunk?: TelephonyProvidersEdgesTrunk;

  constructor(scope: Construct, id: string, props: ByocTrunkProps) {
    super(scope, id);
    if (!props.inboundSiteId) throw new ConstructPropsError(this.node.path, "inboundSiteId", "BYOC Carrier trunks need the inbound site");
    this.baseSettings = new TelephonyProvidersEdgesTrunkbasesettings(this, "base-settings", {
      name: props.name,
      description: props.description,
      trunkMetaBaseId: BYOC_CARRIER_META_BASE,
      trunkType: "EXTERNAL",
      inboundSiteId: props.inboundSiteId,
      properties: JSON.stringify(trunkRecordingProperties(this.node.path, props.recording)),
    });
    this.baseSettings.overrideLogicalId(terraformName(props.name));
    if (props.edgeGroupId) {
      this.trunk = new TelephonyProvidersEdgesTrunk(this, "trunk", {
        trunkBaseSettingsId: this.baseSettings.id,
        edgeGroupId: props.edgeGroupId,
      });
      this.trunk.overrideLogicalId(terraformName(props.name));
    }
  }
}

/** The `properties` object for the recording options, keys sorted for stable output. */
export function trunkRecordingProperties(path: string, options: TrunkRecordingOptions): Record<string, { value: { instance: unknown } }> {
  const out: Record<string, { value: { instance: unknown } }> = {};
  const put = (key: string, value: unknown) => (out[key] = { value: { instance: value } });
  for (const [option, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (option === "beep") {
      if (typeof value !== "object" || value === null) throw new ConstructPropsError(path, "recording.beep", "expected an object such as { enabled: true }");
      for (const [beepOption, beepValue] of Object.entries(value as TrunkBeep)) {
        const key = BEEP_KEYS[beepOption as keyof TrunkBeep];
        if (!key) throw new ConstructPropsError(path, `recording.beep.${beepOption}`, `unknown beep option; known: ${Object.keys(BEEP_KEYS).join(", ")}`);
        if (beepValue === undefined) continue;
        const expected = beepOption === "enabled" ? "boolean" : "number";
        if (typeof beepValue !== expected) throw new ConstructPropsError(path, `recording.beep.${beepOption}`, `expected a ${expected}`);
        put(key, beepValue);
      }
      continue;
    }
    const key = OPTION_KEYS[option as keyof typeof OPTION_KEYS];
    if (!key)
      throw new ConstructPropsError(path, `recording.${option}`, `unknown recording option; known: ${[...Object.keys(OPTION_KEYS), "beep"].join(", ")}`);
    const expectString = option === "audioFormat";
    if (expectString ? typeof value !== "string" : typeof value !== "boolean") {
      throw new ConstructPropsError(path, `recording.${option}`, `expected a ${expectString ? "string" : "boolean"}`);
    }
    put(key, value);
  }
  if (out[TRUNK_RECORDING_KEYS.enabled] === undefined)
    throw new ConstructPropsError(path, "recording.enabled", "required: line recording is off unless the trunk enables it");
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
}
