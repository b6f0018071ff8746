import type { Rule, RuleFinding } from "../core/rule";
import { IMPLICIT_GRANT_SUNSET as SUNSET } from "../genesys/sunsets";

export const implicitGrantSunset: Rule = {
  id: "GRG029",
  name: "implicit-grant-sunset",
  title: "Implicit grant (TOKEN) client after its sunset",
  severity: "warning",
  httpStatus: 401,
  outcome: "401: the implicit flow gives no token once Genesys has turned it off; a new TOKEN client cannot be created",
  certainty: "likely",
  usesIntents: false,
  explanation: `An OAuth client with authorized_grant_type = "TOKEN" uses the implicit grant, which Genesys is retiring: per a Genesys community answer (no official page was found) no new implicit-grant clients can be created from March 2026 (so applying a configuration that adds one most likely fails), and the implicit flow stops working by March 2027 (a third-party page says May 2027), after which a browser app using it gets no token and every API call is unauthorized (401). The provider accepts TOKEN without a word. Until ${SUNSET.stopsBy} (the latest date given) this is a warning; from the day after, an error (likely; acknowledge it with a reason if the client is kept on purpose). The dates are one fact in genesys/sunsets.ts, judged against --today.`,
  remediation: `Move the app to ${SUNSET.replacement}, with its registered_redirect_uris, and remove the TOKEN client.`,
  sources: [...SUNSET.sources, "provider docs: genesyscloud_oauth_client.authorized_grant_type (CODE, TOKEN, SAML2BEARER, PASSWORD, CLIENT-CREDENTIALS)"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const over = ctx.today > SUNSET.stopsBy;
    const window = !over && ctx.today >= SUNSET.stopsFrom;
    for (const client of ctx.resourcesOfType("genesyscloud_oauth_client")) {
      const grant = ctx.resolver.resolve(client.values.authorized_grant_type);
      if (grant.kind !== "literal" || grant.value !== SUNSET.grantType) continue;
      const when = over
        ? `has stopped working (by ${SUNSET.stopsBy} at the latest, per the sources): its app gets no token, so every call answers 401`
        : window
          ? `stops working between ${SUNSET.stopsFrom} and ${SUNSET.stopsBy} (sources differ): it may already give no token`
          : `stops working by ${SUNSET.stopsFrom} (some sources: ${SUNSET.stopsBy}), and new TOKEN clients cannot be created since ${SUNSET.noNewClientsFrom}`;
      findings.push({
        address: client.address,
        attribute: "authorized_grant_type",
        severity: over ? "error" : "warning",
        message: `${client.address} uses the implicit grant (TOKEN), which ${when} (as of ${ctx.today}).`,
      });
    }
    return findings;
  },
};
