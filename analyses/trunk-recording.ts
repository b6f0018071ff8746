// What a trunk base settings block says about recording: its `properties` JSON read once (a
// `${var.x}` with a default resolved), each property's `value.instance`, and whether the trunk is
// BYOC. GRG010 and GRG013 decide from this, and the access matrix shows it: one reading for all.
import { isPlainObject } from "../readers/terraform/normalize";
import type { TfResource } from "../model/terraform";
import type { ReferenceResolver } from "./references";

export const TRUNK_TYPE = "genesyscloud_telephony_providers_edges_trunkbasesettings";

export type TrunkProperties =
  { kind: "unset" } | { kind: "unknown"; text: string } | { kind: "invalid"; problem: string } | { kind: "parsed"; props: Record<string, unknown> };

// GRG010 and GRG013 both read every trunk's properties: parse each JSON string once.
const parsedProperties = new WeakMap<TfResource, TrunkProperties>();

/** Reads a trunk base settings `properties` JSON string (`${var.x}` with a default is resolved). */
export function trunkProperties(resource: TfResource, resolver: ReferenceResolver): TrunkProperties {
  let props = parsedProperties.get(resource);
  if (!props) parsedProperties.set(resource, (props = readProperties(resource, resolver)));
  return props;
}

function readProperties(resource: TfResource, resolver: ReferenceResolver): TrunkProperties {
  const raw = resource.values.properties;
  if (raw === undefined || raw === null) return { kind: "unset" };
  if (typeof raw !== "string") return { kind: "invalid", problem: "properties must be a JSON string (use jsonencode or a string), not a structured value" };
  let text = raw;
  if (raw.includes("${")) {
    const resolved = resolver.resolve(raw);
    if (resolved.kind !== "literal") return { kind: "unknown", text: raw.length > 80 ? `${raw.slice(0, 80)}...` : raw };
    text = resolved.value;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { kind: "invalid", problem: `properties is not valid JSON: ${(err as Error).message}` };
  }
  return isPlainObject(parsed)
    ? { kind: "parsed", props: parsed }
    : { kind: "invalid", problem: 'properties must be a JSON object of {"<key>": {"value": {"instance": <value>}}}' };
}

/** A property's `value.instance`: absent, present, or written in another shape. */
export function propertyInstance(
  props: Record<string, unknown>,
  key: string,
): { state: "absent" } | { state: "set"; instance: unknown } | { state: "malformed" } {
  if (!Object.prototype.hasOwnProperty.call(props, key)) return { state: "absent" };
  const entry = props[key];
  if (isPlainObject(entry) && isPlainObject(entry.value) && "instance" in entry.value) return { state: "set", instance: entry.value.instance };
  return { state: "malformed" };
}

/**
 * Trunks whose calls the trunk's recording keys govern: external SIP trunks, BYOC (Carrier or PBX:
 * an external_sip_pcv_byoc* meta base) and Genesys Cloud Voice (external_sip_pcv_aws*, exported
 * with trunk_recording_* keys), or any trunk_type EXTERNAL. Not Edge tie lines or phone trunks.
 */
export function isExternalTrunk(resource: TfResource, resolver: ReferenceResolver): boolean {
  const meta = resolver.resolve(resource.values.trunk_meta_base_id);
  const type = resolver.resolve(resource.values.trunk_type);
  return (meta.kind === "literal" && meta.value.startsWith("external_sip_pcv_")) || (type.kind === "literal" && type.value === "EXTERNAL");
}

/** How messages name an external trunk: BYOC, Genesys Cloud Voice, or external (meta base unknown). */
export function externalTrunkKind(resource: TfResource, resolver: ReferenceResolver): "BYOC" | "Genesys Cloud Voice" | "external" {
  const meta = resolver.resolve(resource.values.trunk_meta_base_id);
  if (meta.kind !== "literal") return "external";
  if (meta.value.startsWith("external_sip_pcv_byoc")) return "BYOC";
  if (meta.value.startsWith("external_sip_pcv_aws")) return "Genesys Cloud Voice";
  return "external";
}

/** A boolean property as trunks write it (true or "true"). */
export const asBool = (v: unknown) => (v === true || v === "true" ? true : v === false || v === "false" ? false : undefined);
