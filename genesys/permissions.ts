// Genesys Cloud permission strings are `domain:entity:action` (e.g. `recording:recording:view`).
// The recording permissions and the endpoint -> permission table come from the vendored
// recording-endpoints.json (Genesys Cloud platform SDK docs, x-inin-requires-permissions).
import endpointsJson from "./recording-endpoints.json";

export interface Permission {
  domain: string;
  entity: string;
  action: string;
}

export type Requirement = "ANY" | "ALL" | "NONE";

export interface RecordingEndpoint {
  method: string;
  path: string;
  requires: Requirement;
  permissions: string[];
  scopes?: string[];
  notes?: string;
}

export const RECORDING_ENDPOINTS: readonly RecordingEndpoint[] = endpointsJson.endpoints as RecordingEndpoint[];

/** Every `recording:*` permission the API uses; anything else in domain `recording` is not real. */
export const RECORDING_PERMISSIONS: ReadonlySet<string> = new Set(endpointsJson.all_recording_permissions);

/** The permissions any one of which lets a principal read conversation recordings. */
export const VIEW_PERMISSIONS: readonly string[] = endpointsJson.view_permissions;

export function parsePermission(text: string): Permission | undefined {
  const parts = text.split(":");
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return undefined;
  return { domain: parts[0], entity: parts[1], action: parts[2] };
}

export function formatPermission(p: Permission): string {
  return `${p.domain}:${p.entity}:${p.action}`;
}

export function findEndpoint(method: string, path: string): RecordingEndpoint {
  const found = RECORDING_ENDPOINTS.find((e) => e.method === method && e.path === path);
  if (!found) throw new Error(`endpoint ${method} ${path} is not in genesys/recording-endpoints.json`);
  return found;
}

/** Known suggestions for a `recording:*` permission spelled wrongly (case or made-up names). */
export function suggestRecordingPermission(text: string): string | undefined {
  const lower = text.toLowerCase();
  for (const real of RECORDING_PERMISSIONS) if (real.toLowerCase() === lower) return real;
  return undefined;
}
