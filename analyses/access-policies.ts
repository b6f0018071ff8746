// Access policies (ABAC, `genesyscloud_access_policy`, provider v1.86.0 and later): a layer over
// roles and divisions. What the audit reads of each (genesys/README.md, "Access policies"):
// - `enabled` and `apply_to_clients` default to false: a policy without `enabled = true` is saved
//   and never enforced; without `apply_to_clients = true` it does not apply to OAuth client
//   (service account) calls, only to users' (a user-grant client's calls are the user's);
// - a DENY whose conditions match denies at once, so no role grant lifts it (inferred from the
//   docs: "likely"); `condition_json` narrows who it matches ("possible");
// - the subject: ALL, or one USER / GROUP / TEAM / CLIENT named by `subject_id`, matched here
//   through references to the configuration's resources (a literal id matches nothing known);
// - enforcement also needs the org's "Enable Attribute Based Access Control" setting, which no
//   Terraform resource shows: every finding says so.
import type { TfResource } from "../model/terraform";
import type { Principal } from "./principals";
import type { ReferenceResolver } from "./references";

export const ACCESS_POLICY_TYPE = "genesyscloud_access_policy";
/** The target of role grants: a DENY on it blocks `authorization:grant:add` calls (what role grants do at apply). */
export const GRANT_ADD_TARGET = "authorization:grant:add";

/** A boolean as written: Terraform also takes "true" / "false" strings. */
export type Flag = true | false | "unset" | "unknown";

export interface AccessPolicy {
  resource: TfResource;
  address: string;
  /** `domain:entity:action`, when written literally. */
  target?: string;
  effect?: string;
  subjectType?: string;
  /** What subject_id refers to: a resource address, or a literal id, or nothing known. */
  subject: { kind: "ref"; address: string } | { kind: "id"; id: string } | { kind: "none" } | { kind: "unknown" };
  enabled: Flag;
  applyToClients: Flag;
  /** condition_json is set (not empty): the policy matches only some calls. */
  conditioned: boolean;
}

function flag(value: unknown, resolver: ReferenceResolver): Flag {
  if (value === undefined || value === null) return "unset";
  if (value === true || value === false) return value;
  if (typeof value === "string") {
    const r = resolver.resolve(value);
    if (r.kind === "literal" && (r.value === "true" || r.value === "false")) return r.value === "true";
  }
  return "unknown";
}

function literal(value: unknown, resolver: ReferenceResolver): string | undefined {
  const r = resolver.resolve(value);
  return r.kind === "literal" ? r.value : undefined;
}

export function readAccessPolicies(policies: readonly TfResource[], resolver: ReferenceResolver): AccessPolicy[] {
  return policies.map((resource) => {
    const v = resource.values;
    let subject: AccessPolicy["subject"] = { kind: "none" };
    if (v.subject_id !== undefined && v.subject_id !== null) {
      const r = resolver.resolve(v.subject_id);
      subject = r.kind === "ref" ? { kind: "ref", address: r.address } : r.kind === "literal" ? { kind: "id", id: r.value } : { kind: "unknown" };
    }
    const condition = v.condition_json;
    return {
      resource,
      address: resource.address,
      target: literal(v.target_resource, resolver),
      effect: literal(v.effect, resolver),
      subjectType: literal(v.subject_type, resolver),
      subject,
      enabled: flag(v.enabled, resolver),
      applyToClients: flag(v.apply_to_clients, resolver),
      conditioned: condition !== undefined && condition !== null && condition !== "" && condition !== "{}",
    };
  });
}

/** An enabled DENY: the policies that can refuse a call. */
export function isEnforcedDeny(p: AccessPolicy): boolean {
  return p.effect === "DENY" && p.enabled === true;
}

/** The resource a principal's subject field refers to (user_roles.user_id, group_roles.group_id; a client is itself). */
function subjectOf(principal: Principal, resolver: ReferenceResolver): string | undefined {
  if (principal.kind === "oauth_client") return principal.address;
  const field = principal.kind === "user_roles" ? principal.resource.values.user_id : principal.resource.values.group_id;
  const r = resolver.resolve(field);
  return r.kind === "ref" ? r.address : undefined;
}

/**
 * Whether the policy's subject covers the principal's calls: "yes", "no", or "unknown" (a flag or
 * subject written as an expression). A client-credentials client's calls are covered only with
 * apply_to_clients = true; a user-grant client's calls are its users', covered by ALL.
 */
export function coversPrincipal(policy: AccessPolicy, principal: Principal, resolver: ReferenceResolver): "yes" | "no" | "unknown" {
  const clientGate = (): "yes" | "no" | "unknown" =>
    !principal.clientCredentials ? "yes" : policy.applyToClients === true ? "yes" : policy.applyToClients === "unknown" ? "unknown" : "no";
  switch (policy.subjectType) {
    case "ALL":
      return clientGate();
    case "CLIENT":
    case "USER":
    case "GROUP": {
      const kind = policy.subjectType === "CLIENT" ? "oauth_client" : policy.subjectType === "USER" ? "user_roles" : "group_roles";
      if (principal.kind !== kind) return "no";
      if (policy.subject.kind === "unknown") return "unknown";
      if (policy.subject.kind !== "ref") return "no";
      const own = subjectOf(principal, resolver);
      if (own !== policy.subject.address) return "no";
      return kind === "oauth_client" ? clientGate() : "yes";
    }
    case undefined:
      return "unknown";
    default:
      return "no"; // TEAM: teams hold no role grants here; members are users the configuration may not tie to the team
  }
}

/** The status line every access-policy finding carries. */
export const ABAC_SWITCH_NOTE = "(enforced only when the org's 'Enable Attribute Based Access Control' setting is on, which no Terraform resource shows)";
