// Access policies (ABAC, `genesyscloud_access_policy`, provider v1.86.0 and later): a layer over
// roles and divisions. What the audit reads of each (genesys/README.md, "Access policies"):
// - `enabled` and `apply_to_clients` default to false: a policy without `enabled = true` is saved
//   and never enforced; without `apply_to_clients = true` it does not apply to OAuth client
//   (service account) calls, only to users' (a user-grant client's calls are the user's);
// - a DENY whose conditions match denies at once, so no role grant lifts it (inferred from the
//   docs: "likely"); `condition_json` narrows who it matches ("possible");
// - the subject: ALL, or one USER / GROUP / TEAM / CLIENT named by `subject_id`, matched here
//   through references to the configuration's resources or the same literal id; a GROUP or TEAM
//   covers the users its member_ids list (their user_roles), a GROUP also its own group_roles;
// - enforcement also needs the org's "Enable Attribute Based Access Control" setting, which no
//   Terraform resource shows: every finding says so.
import type { OrgObjects } from "./org-objects";
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

/** What a principal's subject field refers to (user_roles.user_id, group_roles.group_id; a client is itself): an address or a literal id. */
function subjectOf(principal: Principal, resolver: ReferenceResolver): { address?: string; id?: string } {
  if (principal.kind === "oauth_client") return { address: principal.address };
  const field = principal.kind === "user_roles" ? principal.resource.values.user_id : principal.resource.values.group_id;
  const r = resolver.resolve(field);
  return r.kind === "ref" ? { address: r.address } : r.kind === "literal" ? { id: r.value } : {};
}

/** Whether the policy's subject_id names this subject: the same resource, or the same literal id. */
function sameSubject(policy: AccessPolicy, own: { address?: string; id?: string }): boolean {
  if (policy.subject.kind === "ref") return own.address !== undefined && own.address === policy.subject.address;
  if (policy.subject.kind === "id") return own.id !== undefined && own.id === policy.subject.id;
  return false;
}

/**
 * Whether the policy's subject covers the principal's calls: "yes", "no", or "unknown" (a flag or
 * subject written as an expression). A client-credentials client's calls are covered only with
 * apply_to_clients = true; a user-grant client's calls are its users', covered by ALL. A GROUP or
 * TEAM subject covers the user whose roles a user_roles principal grants when the group's or team's
 * member_ids list that user (`objects`: the configuration's groups and teams); a GROUP subject also
 * covers that group's own group_roles.
 */
export function coversPrincipal(policy: AccessPolicy, principal: Principal, resolver: ReferenceResolver, objects?: OrgObjects): "yes" | "no" | "unknown" {
  const clientGate = (): "yes" | "no" | "unknown" =>
    !principal.clientCredentials ? "yes" : policy.applyToClients === true ? "yes" : policy.applyToClients === "unknown" ? "unknown" : "no";
  const subjectType = policy.subjectType;
  if (subjectType === undefined) return "unknown";
  if (subjectType === "ALL") return clientGate();
  if (subjectType !== "CLIENT" && subjectType !== "USER" && subjectType !== "GROUP" && subjectType !== "TEAM") return "no";
  if (policy.subject.kind === "unknown") return principal.kind === "oauth_client" && subjectType !== "CLIENT" ? "no" : "unknown";
  const own = subjectOf(principal, resolver);
  switch (subjectType) {
    case "CLIENT":
      return principal.kind === "oauth_client" && sameSubject(policy, own) ? clientGate() : "no";
    case "USER":
      return principal.kind === "user_roles" && sameSubject(policy, own) ? "yes" : "no";
    case "GROUP":
    case "TEAM": {
      if (subjectType === "GROUP" && principal.kind === "group_roles" && sameSubject(policy, own)) return "yes";
      if (principal.kind !== "user_roles" || policy.subject.kind !== "ref") return "no";
      const members = objects?.membersOf(policy.subject.address);
      if (!members) return "no";
      const user = own.address ?? own.id;
      return user !== undefined && members.includes(user) ? "yes" : "no";
    }
  }
}

/** The status line every access-policy finding carries. */
export const ABAC_SWITCH_NOTE = "(enforced only when the org's 'Enable Attribute Based Access Control' setting is on, which no Terraform resource shows)";
