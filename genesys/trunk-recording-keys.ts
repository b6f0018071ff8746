// Recording-related keys of BYOC trunk base settings `properties`
// (`{"<key>": {"value": {"instance": <value>}}}`). Source: genesys/README.md "BYOC trunks",
// from the Genesys trunk base settings template; confirm against the live template
// GET /api/v2/telephony/providers/edges/trunkbasesettings/template?trunkMetabaseId=...
export const TRUNK_RECORDING_KEYS = {
  enabled: "trunk_recording_enabled",
  consentRequired: "trunk_recording_consent_required",
  dualChannel: "trunk_recording_dualChannel",
  consultRecordingEnabled: "trunk_consult_recording_enabled",
  disallowRecordingDuringHold: "trunk_disallow_recording_during_hold",
  audioFormat: "trunk_recording_audioFormat",
  levelControlEnabled: "trunk_recording_levelControlEnabled",
  externalTransfersEnabled: "trunk_recording_externalTransfersEnabled",
  beepEnabled: "trunk_recording_beep_enabled",
  beepAmplitude: "trunk_recording_beep_amplitude",
  beepDuration: "trunk_recording_beep_duration",
  beepFrequency: "trunk_recording_beep_frequency",
  beepInterval: "trunk_recording_beep_interval",
  beepTone2Amplitude: "trunk_recording_beep_tone2_amplitude",
  beepTone2Frequency: "trunk_recording_beep_tone2_frequency",
} as const;

export const KNOWN_TRUNK_RECORDING_KEYS: ReadonlySet<string> = new Set(Object.values(TRUNK_RECORDING_KEYS));

/** The BYOC Carrier trunk meta base (genesys/README.md). */
export const BYOC_CARRIER_META_BASE = "external_sip_pcv_byoc_carrier.json";

/** Normalises a key for "did you mean": lower case, no separators. */
function squash(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The real key a misspelt recording key stands for (wrong case, snake_case for camelCase). */
export function suggestTrunkRecordingKey(key: string): string | undefined {
  if (KNOWN_TRUNK_RECORDING_KEYS.has(key)) return undefined;
  const wanted = squash(key);
  for (const real of KNOWN_TRUNK_RECORDING_KEYS) if (squash(real) === wanted) return real;
  return undefined;
}

/** Claims from forum threads that are not real trunk settings (genesys/README.md). */
export const FALSE_TRUNK_CLAIMS: ReadonlySet<string> = new Set(["recording:consent", "analytics:byoc"]);
