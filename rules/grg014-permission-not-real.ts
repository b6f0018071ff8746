import { RECORDING_PERMISSIONS, suggestRecordingPermission } from "../genesys/permissions";
import { closest } from "../analyses/schema-validation";
import { readRole } from "../analyses/roles";
import type { Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

const REAL = [...RECORDING_PERMISSIONS].map((p) => p.split(":"));
/**
 * The real recording permissions as entity -> actions, so that the explicit case is two lookups
 * rather than a `recording:<entity>:<action>` string built (and hashed) for every action of every role.
 */
const REAL_ACTIONS = new Map<string, Set<string>>();
for (const [domain, entity, action, ...rest] of REAL) {
  if (domain !== "recording" || rest.length) continue;
  let actions = REAL_ACTIONS.get(entity);
  if (!actions) REAL_ACTIONS.set(entity, (actions = new Set()));
  actions.add(action);
}

/** Whether `recording:<entity>:<action>` (either may be "*") matches at least one real permission. */
function matchesReal(entity: string, action: string): boolean {
  if (entity !== "*" && action !== "*") return REAL_ACTIONS.get(entity)?.has(action) ?? false;
  return REAL.some(([, e, a]) => (entity === "*" || entity === e) && (action === "*" || action === a));
}

export const permissionNotReal: Rule = {
  id: "GRG014",
  name: "permission-not-real",
  title: "Role names a recording permission that does not exist",
  severity: "warning",
  httpStatus: 403,
  outcome: "the permission grants nothing: calls needing the intended one answer 403",
  certainty: "likely",
  usesIntents: false,
  explanation:
    "Permissions are case-sensitive `domain:entity:action` strings. A permission_policies entry in domain `recording` whose entity and action do not name one of the permissions the recordings API uses (e.g. recording:recording:View, or invented ones such as recording:recording:playback) grants nothing; the call that needed the intended permission answers 403 (likely: another policy of the role may grant it anyway, and whether the API already rejects such a role when Terraform applies it is not confirmed). `*` in entity_name or action_set is fine when it matches at least one real permission.",
  remediation:
    "Use the exact permission name (see the finding); the full list of recording permissions is in genesys/recording-endpoints.json, and GET /api/v2/authorization/permissions lists what the org can grant.",
  sources: ["genesys/recording-endpoints.json: all_recording_permissions", "genesys/README.md: Permissions, roles, divisions"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const suggestions = new Map<string, string | undefined>(); // the same typo in thousands of roles
    for (const r of ctx.resourcesOfType("genesyscloud_auth_role")) {
      for (const p of readRole(r).policies) {
        if (p.domain.toLowerCase() !== "recording" || p.entity.includes("${")) continue;
        if (p.domain !== "recording") {
          findings.push({
            address: r.address,
            attribute: `permission_policies[${p.index}].domain`,
            message: `${r.address}: permission_policies[${p.index}] domain "${capValue(p.domain)}" is not a permission domain; the domain is "recording".`,
          });
          continue;
        }
        for (const action of p.actions) {
          if (action.includes("${") || matchesReal(p.entity, action)) continue;
          const text = `recording:${p.entity}:${action}`;
          if (!suggestions.has(text))
            suggestions.set(text, p.entity === "*" || action === "*" ? undefined : (suggestRecordingPermission(text) ?? closest(text, RECORDING_PERMISSIONS)));
          const real = suggestions.get(text);
          findings.push({
            address: r.address,
            attribute: `permission_policies[${p.index}].action_set`,
            message: `${r.address}: permission_policies[${p.index}] grants ${capValue(text)}, which is not a recording permission${real ? `; did you mean ${real}?` : "."}`,
            ...(real ? { remediation: `Use ${real}: entity_name = "${real.split(":")[1]}", action_set = ["${real.split(":")[2]}"].` } : {}),
          });
        }
      }
    }
    return findings;
  },
};
