// Consent-required external trunks and the inbound call flows the configuration deploys, read
// once for GRG010 (the trunk) and GRG034 (the flows).
import { TRUNK_RECORDING_KEYS } from "../genesys/trunk-recording-keys";
import type { TfConfiguration, TfResource } from "../model/terraform";
import { asBool, isExternalTrunk, propertyInstance, TRUNK_TYPE, trunkProperties } from "./trunk-recording";
import { flowRecording, type FlowRecording } from "./flow-recording";
import type { ReferenceResolver } from "./references";

export function consentRequired(trunk: TfResource, resolver: ReferenceResolver): boolean {
  const props = trunkProperties(trunk, resolver);
  if (props.kind !== "parsed") return false;
  const consent = propertyInstance(props.props, TRUNK_RECORDING_KEYS.consentRequired);
  return consent.state === "set" && asBool(consent.instance) === true;
}

export function consentTrunks(trunks: readonly TfResource[], resolver: ReferenceResolver): TfResource[] {
  return trunks.filter((t) => t.type === TRUNK_TYPE && isExternalTrunk(t, resolver) && consentRequired(t, resolver));
}

export interface InboundFlow {
  flow: TfResource;
  file: string;
  /** Undefined when the file could not be read (problem says why). */
  recording?: FlowRecording;
  problem?: string;
}

/** The configuration's inbound call flows: an `inboundCall:` document, or, unread, `type = "INBOUNDCALL"` or no literal type. */
export function inboundFlows(config: TfConfiguration, flows: readonly TfResource[], resolver: ReferenceResolver): InboundFlow[] {
  const out: InboundFlow[] = [];
  for (const flow of flows) {
    const type = resolver.resolve(flow.values.type);
    const file = config.flowFiles?.[flow.address];
    const recording = file?.doc !== undefined ? flowRecording(file.doc) : undefined;
    // Unread and without a literal type: it may be an inbound flow (reported as cannot-tell).
    const inbound = recording ? recording.kind === "inboundCall" : type.kind !== "literal" || type.value.toUpperCase() === "INBOUNDCALL";
    if (!inbound) continue;
    out.push({ flow, file: file?.file ?? "(not read)", ...(recording ? { recording } : { problem: file?.problem ?? "the flow file was not read" }) });
  }
  return out;
}

export const IVR_TYPE = "genesyscloud_architect_ivr";
const IVR_FLOW_FIELDS = [
  ["open_hours_flow_id", "open hours"],
  ["closed_hours_flow_id", "closed hours"],
  ["holiday_hours_flow_id", "holidays"],
] as const;

/** An IVR (genesyscloud_architect_ivr) routing its numbers to a flow of the configuration. */
export interface IvrRoute {
  ivr: string;
  dnis: string[];
  /** "open hours", "closed hours", "holidays". */
  hours: string[];
}

/**
 * Which of the configuration's flows its IVRs route calls to: an IVR sends the calls to its DNIS
 * numbers to open_hours_flow_id / closed_hours_flow_id / holiday_hours_flow_id (genesys/README.md,
 * "Architect flows and consent-required trunks"). Keyed by flow address; `ivrs` counts the IVRs the
 * configuration declares (when it declares none, nothing says which flows take calls), and the IVR
 * flow fields that do not name one of the configuration's flows (a variable, a data source, an id).
 */
export function ivrRoutes(ivrs: readonly TfResource[], resolver: ReferenceResolver): { ivrs: number; routes: Map<string, IvrRoute[]>; unresolved: string[] } {
  const routes = new Map<string, IvrRoute[]>();
  const unresolved: string[] = [];
  for (const ivr of ivrs) {
    const dnis = Array.isArray(ivr.values.dnis) ? ivr.values.dnis.filter((d): d is string => typeof d === "string").sort() : [];
    const byFlow = new Map<string, string[]>();
    for (const [field, hours] of IVR_FLOW_FIELDS) {
      const written = ivr.values[field];
      if (written === undefined || written === null || written === "") continue;
      const r = resolver.resolve(written);
      // A variable, a data source or a literal id: the flow it names is unknown here.
      if (r.kind !== "ref" || r.address.startsWith("data.")) {
        unresolved.push(`${ivr.address}.${field}`);
        continue;
      }
      const list = byFlow.get(r.address);
      if (list) list.push(hours);
      else byFlow.set(r.address, [hours]);
    }
    for (const [flow, hours] of byFlow) {
      const list = routes.get(flow) ?? [];
      list.push({ ivr: ivr.address, dnis, hours });
      routes.set(flow, list);
    }
  }
  return { ivrs: ivrs.length, routes, unresolved: unresolved.sort() };
}
