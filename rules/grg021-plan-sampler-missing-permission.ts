import type { RecordingEndpoint } from "../genesys/permissions";
import { listSome, plansIn, samplerLabel } from "./support/loadtest";
import { splitGrants, uniqueRoles } from "../analyses/access";
import { holdsOwnGrants } from "../analyses/principals";
import { grantingPolicies, type RoleView } from "../analyses/roles";
import type { Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

export const planSamplerMissingPermission: Rule = {
  id: "GRG021",
  name: "plan-sampler-missing-permission",
  title: "JMeter sampler calls an endpoint the principal's roles do not allow",
  severity: "error",
  httpStatus: 403,
  outcome: "403 missing.permissions / missing.any.permissions on that sampler's requests",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "Each recording endpoint requires ANY or ALL of a documented set of permissions (genesys/recording-endpoints.json). A plan's HTTP samplers are matched to those endpoints by method and path template ({conversationId} matches one segment, literal or ${var}); when the roles of the principal whose token the plan uses grant none of an ANY set, or not all of an ALL set, every request of that sampler is refused with 403, whatever the rate. A 403 is a permission problem, never a rate limit. Wildcards (`*`) in entity_name or action_set count as granting.",
  remediation:
    "Grant the missing permission in a role assigned to the principal (or the capability that carries it, via the service-account construct), or remove the sampler from the plan.",
  sources: [
    "genesys/recording-endpoints.json (x-inin-requires-permissions from the platform SDK API docs)",
    "genesys/README.md: Permissions, roles, divisions",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { attached, principal, model } of plansIn(ctx)) {
      if (!model) continue;
      const plan = model.plan;
      if (!principal) {
        findings.push({
          address: attached.principal,
          severity: "unknown",
          httpStatus: null,
          message: `plan ${plan.file} (${attached.declaredIn}) runs as ${attached.principal}, which the audited configuration does not declare: its permissions cannot be checked.`,
          remediation: "Fix the principal's address, or audit the configuration that declares it together with this one.",
        });
        continue;
      }
      if (!holdsOwnGrants(principal)) continue; // a user's token: the user's roles decide
      const { known, opaque } = splitGrants(principal.grants);
      const roles = uniqueRoles(known);
      for (const use of model.endpoints) {
        if (use.match.kind !== "endpoint") continue;
        const endpoint = use.match.endpoint;
        const missing = missingPermissions(endpoint, roles);
        if (!missing.length) continue;
        const samplers = listSome(use.samplers.map((s) => samplerLabel(plan, s.sampler, s.group.name)));
        if (opaque.length) {
          findings.push({
            address: principal.address,
            severity: "unknown",
            httpStatus: null,
            message: `plan ${plan.file}: ${samplers} call${use.samplers.length === 1 ? "s" : ""} ${capValue(use.label)}; the declared roles of ${principal.address} lack ${describe(endpoint, missing)} and ${opaque.length} role grant(s) cannot be read.`,
            remediation: "Declare the role in the same configuration, or audit the configuration that declares it together with this one.",
          });
          continue;
        }
        const code = endpoint.requires === "ANY" && endpoint.permissions.length > 1 ? "missing.any.permissions" : "missing.permissions";
        findings.push({
          address: principal.address,
          message: `plan ${plan.file}: ${samplers} call${use.samplers.length === 1 ? "s" : ""} ${capValue(use.label)}, which needs ${describe(endpoint, missing)}; the roles of ${principal.address} ${endpoint.requires === "ANY" && endpoint.permissions.length > 1 ? "grant none of them" : `lack ${missing.join(", ")}`}: 403 ${code}.`,
          remediation: `Grant ${endpoint.requires === "ANY" && missing.length > 1 ? `one of ${missing.join(", ")}` : missing.join(", ")} in a role assigned to ${principal.address}, or remove the sampler.`,
        });
      }
    }
    return findings;
  },
};

/** The permissions an endpoint needs that the roles do not grant: for ANY, the whole set when none is granted. */
export function missingPermissions(endpoint: RecordingEndpoint, roles: readonly RoleView[]): string[] {
  if (endpoint.requires === "NONE") return [];
  const granted = (p: string) => roles.some((r) => grantingPolicies(r, p).length > 0);
  if (endpoint.requires === "ANY") return endpoint.permissions.some(granted) ? [] : [...endpoint.permissions];
  return endpoint.permissions.filter((p) => !granted(p));
}

function describe(endpoint: RecordingEndpoint, missing: readonly string[]): string {
  if (endpoint.requires === "ANY" && endpoint.permissions.length > 1) return `any one of ${endpoint.permissions.join(", ")}`;
  return endpoint.requires === "ALL" && endpoint.permissions.length > 1 ? `all of ${endpoint.permissions.join(", ")}` : missing.join(", ");
}
