import type { Rule, RuleFinding } from "../core/rule";

export const clientSecretInState: Rule = {
  id: "GRG016",
  name: "client-secret-in-state",
  title: "OAuth client secret exposed in Terraform state",
  severity: "warning",
  httpStatus: null,
  outcome: "the client secret is stored in Terraform state",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "With `expose_client_secret = true` the provider writes the OAuth client's secret into Terraform state (certain). Anyone who can read the state (local file, remote backend, CI artefacts) can then get tokens with the client's roles, including its recording permissions. Not an API failure: a credential-handling risk.",
  remediation:
    "Remove expose_client_secret (or set it to false) and hand the secret over through a secret store or the Genesys Cloud admin UI; if the state already holds it, rotate the secret.",
  sources: [
    "genesys/README.md: OAuth clients and tokens (expose_client_secret puts the secret into Terraform state)",
    "provider schema: genesyscloud_oauth_client.expose_client_secret",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const r of ctx.resourcesOfType("genesyscloud_oauth_client")) {
      const v = r.values.expose_client_secret;
      if (v === true || v === "true")
        findings.push({
          address: r.address,
          attribute: "expose_client_secret",
          message: `${r.address} sets expose_client_secret = true: its client secret is stored in Terraform state.`,
        });
    }
    return findings;
  },
};
