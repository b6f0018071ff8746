import { isClientCredentials } from "../analyses/principals";
import type { Rule, RuleFinding } from "../core/rule";

export const clientCredentialsWithoutRoles: Rule = {
  id: "GRG001",
  name: "client-credentials-without-roles",
  title: "Client-credentials OAuth client without roles",
  severity: "error",
  httpStatus: 403,
  outcome: "403 on every recording call",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "A CLIENT-CREDENTIALS client acts as itself, not as a user: its only access is the roles it is granted (`roles { role_id, division_id }`). With no roles its token is valid but every recordings endpoint that needs a permission answers 403 missing.permissions. Scopes do not help: they apply only to the other grant types.",
  remediation:
    'Grant the client a role holding the recording permissions it needs, e.g. `roles { role_id = genesyscloud_auth_role.reader.id, division_id = "*" }`.',
  sources: [
    "genesys/README.md: OAuth clients and tokens; HTTP outcome table (client-credentials client with no roles)",
    "provider docs: genesyscloud_oauth_client.roles",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const p of ctx.principals) {
      if (isClientCredentials(p) && !p.hasGrants) {
        findings.push({ address: p.address, message: `${p.address} uses CLIENT-CREDENTIALS and has no roles: every recording call answers 403.` });
      }
    }
    return findings;
  },
};
