import { RECORDING_PERMISSIONS, suggestRecordingPermission } from "../genesys/permissions";
import { closest } from "../analyses/schema-validation";
import { readRole } from "../analyses/roles";
import type { Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

/**
 * Recording permissions real orgs grant that no recording endpoint in recording-endpoints.json
 * requires. Sources and confidence for each: genesys/README.md, "Facts from real configurations".
 * Quiet, never "did you mean".
 */
const ORG_GRANTABLE: ReadonlySet<string> = new Set([
  "recording:recording:delete", // certain: exported role, built-in Quality Administrator
  "recording:recording:download", // certain: exported role
  "recording:recording:access", // certain: exported role
  "recording:screenRecording:download", // likely: exported admin roles (not citable)
  // Unconfirmed (issue #11, no public source): accepted so that an org's own role is not called wrong.
  "recording:orphanRecording:view",
  "recording:screenRecording:participate",
  "recording:media:record",
]);

const REAL = [...RECORDING_PERMISSIONS, ...ORG_GRANTABLE].map((p) => p.split(":"));
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

/** `recording:<entity>:<action>`, letters only (or `*`): the shape of every real permission name. */
const WELL_FORMED = /^recording:([A-Za-z]+|\*):([A-Za-z]+|\*)$/;

/**
 * A near-miss of a known permission: one or two edits away (recording:recording:veiw). Three
 * edits already join real names (download / upload), so they are not called typos.
 */
function nearMiss(text: string): string | undefined {
  return closest(text, RECORDING_PERMISSIONS, 2);
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
    "Permissions are case-sensitive `domain:entity:action` strings. A permission_policies entry in domain `recording` that is certainly wrong (a case error such as recording:recording:View, a near-miss of a known name such as recording:recording:veiw, or a malformed name) grants nothing; the call that needed the intended permission answers 403 (likely: another policy of the role may grant it anyway, and whether the API already rejects such a role when Terraform applies it is not confirmed). `*` in entity_name or action_set is fine when it matches at least one real permission. Orgs grant many recording permissions that no endpoint in the vendored list requires (built-in roles hold recording:recording:download, recording:orphanRecording:view and others): a well-formed name the tool cannot confirm is `info`, and with --org the snapshot's permission catalogue decides (GRG018).",
  remediation:
    "Use the exact permission name (see the finding); the full list of recording permissions is in genesys/recording-endpoints.json, and GET /api/v2/authorization/permissions lists what the org can grant.",
  sources: [
    "genesys/recording-endpoints.json: all_recording_permissions",
    "genesys/README.md: Permissions, roles, divisions",
    "genesys/README.md: Facts from real configurations (permissions orgs grant that no endpoint requires)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const catalogue = ctx.org?.permissionCatalogue ? new Set(ctx.org.permissionCatalogue.permissions) : undefined;
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
          // With the org's catalogue, GRG018 judges every name against what the org can grant.
          if (catalogue?.has(text)) continue;
          if (!suggestions.has(text))
            suggestions.set(text, p.entity === "*" || action === "*" ? undefined : (suggestRecordingPermission(text) ?? nearMiss(text)));
          const real = suggestions.get(text);
          const invented = p.entity === "playback" || action === "playback";
          if (!real && !invented && !catalogue && WELL_FORMED.test(text)) {
            // A well-formed name the API's endpoint list does not use: orgs grant many more than
            // the endpoints require (built-in roles hold them), so it may well be real.
            findings.push({
              address: r.address,
              attribute: `permission_policies[${p.index}].action_set`,
              severity: "info",
              certainty: "likely",
              httpStatus: null,
              message: `${r.address}: permission_policies[${p.index}] grants ${capValue(text)}, which no recording endpoint known here requires; it cannot be confirmed without the org's permission catalogue.`,
              remediation:
                "Nothing to change if the org grants it: give --org a snapshot (npm run org:snapshot), whose permission catalogue GRG018 checks every name against.",
            });
            continue;
          }
          findings.push({
            address: r.address,
            attribute: `permission_policies[${p.index}].action_set`,
            message: `${r.address}: permission_policies[${p.index}] grants ${capValue(text)}, which is not a recording permission${real ? `; did you mean ${real}?` : invented ? ' ("playback" comes from the forum threads\' invented recording:playback scope; reading recordings is recording:recording:view).' : "."}`,
            ...(real ? { remediation: `Use ${real}: entity_name = "${real.split(":")[1]}", action_set = ["${real.split(":")[2]}"].` } : {}),
          });
        }
      }
    }
    return findings;
  },
};
