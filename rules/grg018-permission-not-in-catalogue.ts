import { CAPABILITIES } from "../genesys/capabilities";
import { RECORDING_PERMISSIONS } from "../genesys/permissions";
import { readRole, type PermissionPolicy } from "../analyses/roles";
import type { Certainty, Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

const LICENCE = "a permission the org cannot grant (licence) gives 403 whatever the role";

export const permissionNotInCatalogue: Rule = {
  id: "GRG018",
  name: "permission-not-in-catalogue",
  title: "Permission the org cannot grant (absent from its permission catalogue)",
  severity: "error",
  httpStatus: 403,
  outcome: "403 whatever the role: the org cannot grant the permission (licence)",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "GET /api/v2/authorization/permissions lists the permissions an org can grant; recording permissions need a licence, and a permission the org cannot grant gives 403 whatever the role. With the org's permission catalogue in the org settings file (npm run org:snapshot), a genesyscloud_auth_role whose permission_policies grant a permission absent from it is an error (`*` in entity_name or action_set is expanded against the catalogue and must match at least one permission), and so is a principal whose intended capability needs permissions the org cannot grant at all. Without a catalogue the rule says nothing. Misspelled or invented recording permissions are GRG014's.",
  remediation:
    "Remove the permission from the role, or have the org licensed for it (recording permissions need at least Digital Essentials I / Cloud CX 3 per a Genesys engineer), then refresh the org settings with npm run org:snapshot.",
  sources: [
    "genesys/README.md: Permissions, roles, divisions (licence; GET /api/v2/authorization/permissions lists what the org can grant)",
    "genesys/README.md: HTTP outcome table (permission not grantable in the org: 403 certain)",
    "org settings file: permissionCatalogue",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const catalogue = ctx.org?.permissionCatalogue;
    if (!ctx.org || !catalogue) return findings;
    const granted = new Set(catalogue.permissions);
    const where = `the org's permission catalogue (${ctx.org.file}, ${capValue(catalogue.source)})`;

    for (const resource of ctx.resourcesOfType("genesyscloud_auth_role")) {
      for (const policy of readRole(resource).policies) {
        const missing = missingFromCatalogue(policy, catalogue.permissions, granted);
        if (!missing.length) continue;
        findings.push({
          address: resource.address,
          message: `${resource.address}: permission_policies[${policy.index}] grants ${missing.map((m) => capValue(m)).join(", ")}, absent from ${where}: misspelled, or ${LICENCE}.`,
          remediation: `Remove ${missing.length > 1 ? "them" : "it"} from the role, or have the org licensed for ${missing.length > 1 ? "them" : "it"} and refresh the org settings (npm run org:snapshot).`,
        });
      }
    }

    for (const principal of ctx.principals) {
      const intent = ctx.intentFor(principal.address);
      if (!intent) continue;
      for (const capability of intent.capabilities) {
        const lacking: string[] = [];
        let certainty: Certainty = "likely";
        for (const clause of CAPABILITIES[capability].requirement) {
          const absent = clause.permissions.filter((p) => !granted.has(p));
          const unmet = clause.requires === "ANY" ? absent.length === clause.permissions.length : absent.length > 0;
          if (!unmet) continue;
          if (clause.certainty === "certain") certainty = "certain";
          const text = clause.requires === "ANY" && absent.length > 1 ? `any of ${absent.join(", ")}` : absent.join(", ");
          lacking.push(`${text} (${clause.endpoint})`);
        }
        if (!lacking.length) continue;
        findings.push({
          address: principal.address,
          certainty,
          message: `${principal.address} intends ${capability} (${CAPABILITIES[capability].summary}), but the org cannot grant ${lacking.join("; ")}: absent from ${where}; ${LICENCE}.`,
          remediation: `No role can give ${principal.address} ${capability} in this org: have the org licensed for the permissions, refresh the org settings (npm run org:snapshot), or drop the capability from the intent.`,
        });
      }
    }
    return findings;
  },
};

/**
 * The permissions a policy grants that the catalogue lacks. Explicit permissions are looked up;
 * `*` in entity_name or action_set is expanded against the catalogue and reported (as written)
 * when it matches nothing. Interpolated values cannot be checked statically and are skipped, and
 * so are recording permissions that do not exist at all (GRG014 reports those).
 */
function missingFromCatalogue(policy: PermissionPolicy, catalogue: readonly string[], granted: ReadonlySet<string>): string[] {
  const { domain, entity } = policy;
  if (!domain || !entity || [domain, entity].some((v) => v.includes("${"))) return [];
  const missing: string[] = [];
  for (const action of policy.actions) {
    if (!action || action.includes("${")) continue;
    const text = `${domain}:${entity}:${action}`;
    if (entity === "*" || action === "*") {
      if (domain === "recording" && !matchesAny([...RECORDING_PERMISSIONS], domain, entity, action)) continue;
      if (!matchesAny(catalogue, domain, entity, action)) missing.push(text);
      continue;
    }
    if (granted.has(text)) continue;
    if (domain === "recording" && !RECORDING_PERMISSIONS.has(text)) continue;
    missing.push(text);
  }
  return [...new Set(missing)].sort();
}

function matchesAny(permissions: readonly string[], domain: string, entity: string, action: string): boolean {
  return permissions.some((p) => {
    const [d, e, a] = p.split(":");
    return d === domain && (entity === "*" || e === entity) && (action === "*" || a === action);
  });
}
