import { CapabilityName } from "../genesys/capabilities";
import { grantType, holdsOwnGrants } from "../analyses/principals";
import { type Rule, type RuleFinding, intendedPrincipals } from "../core/rule";
import { strings } from "../analyses/roles";
import { capValue } from "../model/safe-text";

const USER_GRANT_TYPES = ["CODE", "TOKEN", "SAML2-BEARER", "SAML2BEARER", "PASSWORD"];

const READ_ONLY: readonly CapabilityName[] = ["recordings:read", "recordings:read-screen", "recordings:read-sensitive"];

export const missingRecordingsScope: Rule = {
  id: "GRG005",
  name: "missing-recordings-scope",
  title: "User-grant OAuth client without a recordings scope",
  severity: "error",
  httpStatus: 403,
  outcome: "403 on recording calls made with the client's user tokens",
  certainty: "likely",
  usesIntents: true,
  explanation:
    "OAuth clients that are not CLIENT-CREDENTIALS (CODE, TOKEN, SAML2-BEARER, PASSWORD) act for a signed-in user, limited to the client's scopes. The real recording scopes are `recordings` (read and write) and `recordings:readonly`; names such as recordings:read or recording:view are not scopes. Without a recordings scope, recording calls are refused even when the user's roles allow them (likely 403; the scope list per endpoint is not verified for every endpoint).",
  remediation: "Add `recordings:readonly` to scopes for reading, or `recordings` when the client also changes recordings.",
  sources: [
    "genesys/README.md: false claims (recordings:read is not a scope); OAuth clients and tokens",
    "genesys/recording-endpoints.json: scopes per endpoint",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { principal: p, intent } of intendedPrincipals(ctx)) {
      // An unknown grant type is GRG012's finding (terraform plan fails), not a scope problem.
      if (p.kind !== "oauth_client" || holdsOwnGrants(p) || !USER_GRANT_TYPES.includes(grantType(p) ?? "")) continue;
      const scopes = strings(p.resource.values.scopes);
      const writes = intent.capabilities.filter((c) => !READ_ONLY.includes(c));
      const needed = writes.length ? ["recordings"] : ["recordings", "recordings:readonly"];
      if (needed.some((s) => scopes.includes(s))) continue;
      const what = writes.length ? `${writes.join(", ")} needs the \`recordings\` scope` : "reading recordings needs `recordings` or `recordings:readonly`";
      findings.push({
        address: p.address,
        message: `${p.address} (${grantType(p)}) intends ${intent.capabilities.join(", ")} but its scopes [${scopes.map((s) => capValue(s)).join(", ")}] lack it: ${what}; likely 403.`,
        remediation: writes.length ? "Add `recordings` to scopes." : "Add `recordings:readonly` (or `recordings`) to scopes.",
      });
    }
    return findings;
  },
};
