import { isClientCredentials } from "../analyses/principals";
import type { Rule, RuleFinding } from "../core/rule";
import { strings } from "../analyses/roles";
import { capValue } from "../model/safe-text";

export const scopesOnClientCredentials: Rule = {
  id: "GRG006",
  name: "scopes-on-client-credentials",
  title: "Scopes on a client-credentials client have no effect",
  severity: "warning",
  httpStatus: null,
  outcome: "no effect: access comes from roles only",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "Scopes limit what a user-grant client may do on the user's behalf. A CLIENT-CREDENTIALS client has no user: its access is its roles, and scopes set on it are ignored. Setting them suggests the author believes they grant or limit access, which they do not.",
  remediation: "Remove scopes from the client and manage access through its roles.",
  sources: [
    "genesys/README.md: OAuth clients and tokens (scopes apply only to non-client-credentials grants)",
    "provider docs: genesyscloud_oauth_client.scopes",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const p of ctx.principals) {
      const scopes = strings(p.resource.values.scopes);
      if (isClientCredentials(p) && scopes.length) {
        findings.push({
          address: p.address,
          attribute: "scopes",
          message: `${p.address} uses CLIENT-CREDENTIALS: its scopes [${scopes.map((s) => capValue(s)).join(", ")}] have no effect; only its roles grant access.`,
        });
      }
    }
    return findings;
  },
};
