// Capabilities are this project's vocabulary for what a principal must be able to do with
// recordings. Each capability maps to (a) the real permissions the service-account construct
// grants and (b) the requirement the policy engine checks: clauses that must all hold, each
// tied to the endpoint it comes from and satisfied by ANY or ALL of its permissions.
// Sources: genesys/recording-endpoints.json and genesys/README.md (Permissions, roles, divisions).
import { findEndpoint, VIEW_PERMISSIONS } from "./permissions";

export const CAPABILITY_NAMES = [
  "recordings:read",
  "recordings:read-screen",
  "recordings:read-sensitive",
  "recordings:write",
  "recordings:annotate",
  "recordings:upload",
  "recordings:bulk-jobs",
  "recordings:manage-retention-policies",
] as const;

export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

export function isCapabilityName(value: string): value is CapabilityName {
  return (CAPABILITY_NAMES as readonly string[]).includes(value);
}

export interface RequirementClause {
  /** `ANY`: one permission of the list suffices; `ALL`: every one is needed. */
  requires: "ANY" | "ALL";
  permissions: readonly string[];
  /** The endpoint whose call fails (403) when the clause does not hold. */
  endpoint: string;
  /** certain: the API's documented gate; likely: needed for the call to have its effect. */
  certainty: "certain" | "likely";
  why: string;
}

export interface Capability {
  name: CapabilityName;
  summary: string;
  /** What the service-account construct puts into the role. */
  grants: readonly string[];
  /** What the policy engine checks against the principal's real grants. */
  requirement: readonly RequirementClause[];
  /** Capabilities whose grants this one relies on (checked by the construct). */
  needsAlso?: readonly CapabilityName[];
}

const READ_ENDPOINT = endpoint("GET", "/api/v2/conversations/{conversationId}/recordings");

function endpoint(method: string, path: string): { label: string; permissions: string[] } {
  const e = findEndpoint(method, path);
  return { label: `${e.method} ${e.path}`, permissions: e.permissions };
}

const read: RequirementClause = {
  requires: "ANY",
  permissions: VIEW_PERMISSIONS,
  endpoint: READ_ENDPOINT.label,
  certainty: "certain",
  why: "reading conversation recordings requires any one of the view permissions",
};

const jobCreate = endpoint("POST", "/api/v2/recording/jobs");
const jobExecute = endpoint("PUT", "/api/v2/recording/jobs/{jobId}");
const jobView = endpoint("GET", "/api/v2/recording/jobs");
const updateRecording = endpoint("PUT", "/api/v2/conversations/{conversationId}/recordings/{recordingId}");
const annotations = endpoint("GET", "/api/v2/conversations/{conversationId}/recordings/{recordingId}/annotations");
const upload = endpoint("POST", "/api/v2/uploads/recordings");
const policyList = endpoint("GET", "/api/v2/recording/mediaretentionpolicies");

export const CAPABILITIES: Readonly<Record<CapabilityName, Capability>> = {
  "recordings:read": {
    name: "recordings:read",
    summary: "list, fetch and batch-download call and digital recordings",
    grants: ["recording:recording:view"],
    requirement: [read],
  },
  "recordings:read-screen": {
    name: "recordings:read-screen",
    summary: "fetch screen recordings",
    grants: ["recording:screenRecording:view"],
    requirement: [
      {
        requires: "ALL",
        permissions: ["recording:screenRecording:view"],
        endpoint: READ_ENDPOINT.label,
        certainty: "certain",
        why: "screen recordings are returned only with recording:screenRecording:view",
      },
    ],
  },
  "recordings:read-sensitive": {
    name: "recordings:read-sensitive",
    summary: "read recordings including PCI/PII-sensitive ones, unredacted",
    grants: ["recording:recording:view", "recording:recording:viewSensitiveData"],
    requirement: [
      read,
      {
        requires: "ALL",
        permissions: ["recording:recording:viewSensitiveData"],
        endpoint: READ_ENDPOINT.label,
        certainty: "certain",
        why: "sensitive recordings are redacted or excluded without recording:recording:viewSensitiveData",
      },
    ],
  },
  "recordings:write": {
    name: "recordings:write",
    summary: "change a recording's retention or restore it",
    grants: ["recording:recording:view", "recording:recording:editRetention", "recording:recording:restore"],
    requirement: [
      {
        requires: "ANY",
        permissions: updateRecording.permissions,
        endpoint: updateRecording.label,
        certainty: "certain",
        why: "the update endpoint's documented gate",
      },
      {
        requires: "ANY",
        permissions: [
          "recording:recording:editRetention",
          "recording:recording:restore",
          "recording:screenRecording:editRetention",
          "recording:screenRecording:restore",
          "recording:snippetRecording:editRetention",
          "recording:snippetRecording:restore",
        ],
        endpoint: updateRecording.label,
        certainty: "likely",
        why: "changing retention or restoring needs an editRetention or restore permission, not only view",
      },
    ],
  },
  "recordings:annotate": {
    name: "recordings:annotate",
    summary: "view, add, edit and delete recording annotations",
    grants: ["recording:annotation:view", "recording:annotation:add", "recording:annotation:edit", "recording:annotation:delete"],
    needsAlso: ["recordings:read"],
    requirement: [
      {
        requires: "ALL",
        permissions: ["recording:annotation:view", "recording:annotation:add", "recording:annotation:edit", "recording:annotation:delete"],
        endpoint: annotations.label,
        certainty: "certain",
        why: "each annotation endpoint needs the recording:annotation permission of its verb",
      },
      { ...read, endpoint: annotations.label, certainty: "likely", why: "annotation endpoints also need one of the view permissions" },
    ],
  },
  "recordings:upload": {
    name: "recordings:upload",
    summary: "upload recordings",
    grants: ["recording:recording:upload"],
    requirement: [
      { requires: "ALL", permissions: upload.permissions, endpoint: upload.label, certainty: "certain", why: "the upload endpoint's documented gate" },
    ],
  },
  "recordings:bulk-jobs": {
    name: "recordings:bulk-jobs",
    summary: "create, execute, watch and cancel bulk recording jobs",
    grants: [
      "recording:job:add",
      "recording:job:edit",
      "recording:job:view",
      "recording:job:delete",
      "recording:recording:editRetention",
      "recording:screenRecording:editRetention",
      "recording:snippetRecording:editRetention",
    ],
    requirement: [
      { requires: "ALL", permissions: jobCreate.permissions, endpoint: jobCreate.label, certainty: "certain", why: "creating a job" },
      { requires: "ALL", permissions: jobExecute.permissions, endpoint: jobExecute.label, certainty: "certain", why: "executing a job needs all four" },
      { requires: "ALL", permissions: jobView.permissions, endpoint: jobView.label, certainty: "certain", why: "watching a job" },
    ],
  },
  "recordings:manage-retention-policies": {
    name: "recordings:manage-retention-policies",
    summary: "read and change media retention policies (as Terraform does)",
    grants: [
      "recording:retentionPolicy:view",
      "recording:retentionPolicy:add",
      "recording:retentionPolicy:edit",
      "recording:retentionPolicy:delete",
      "quality:evaluationForm:view",
      "quality:surveyForm:view",
    ],
    requirement: [
      {
        requires: "ALL",
        permissions: ["recording:retentionPolicy:view", "recording:retentionPolicy:add", "recording:retentionPolicy:edit", "recording:retentionPolicy:delete"],
        endpoint: policyList.label.replace("GET ", "GET/POST/PUT/DELETE "),
        certainty: "certain",
        why: "each media retention policy endpoint needs the permission of its verb",
      },
      {
        requires: "ALL",
        permissions: ["quality:evaluationForm:view", "quality:surveyForm:view"],
        endpoint: policyList.label,
        certainty: "likely",
        why: "the Terraform provider also reads evaluation and survey forms when it manages a policy",
      },
    ],
  },
};

/** The de-duplicated, sorted permissions a set of capabilities grants. */
export function permissionsFor(capabilities: readonly CapabilityName[]): string[] {
  const all = new Set<string>();
  for (const c of capabilities) for (const p of CAPABILITIES[c].grants) all.add(p);
  return [...all].sort();
}

/**
 * A capability in `capabilities` that needs another one not listed (recordings:annotate without a
 * read capability), or undefined. Shared by the environment file's validation (which names the
 * file and field) and the construct's (which names the construct).
 */
export function missingCompanion(capabilities: readonly CapabilityName[]): { capability: CapabilityName; needs: CapabilityName } | undefined {
  for (const c of capabilities) {
    for (const needed of CAPABILITIES[c].needsAlso ?? []) {
      const covered = capabilities.some((other) => other === needed || CAPABILITIES[other].grants.some((g) => CAPABILITIES[needed].grants.includes(g)));
      if (!covered) return { capability: c, needs: needed };
    }
  }
  return undefined;
}
