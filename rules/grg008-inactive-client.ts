import type { Rule, RuleFinding } from "../core/rule";

export const inactiveClient: Rule = {
  id: "GRG008",
  name: "inactive-client",
  title: "Inactive OAuth client",
  severity: "warning",
  httpStatus: 401,
  outcome: "401: tokens cannot be created and existing ones are invalid",
  certainty: "certain",
  usesIntents: false,
  explanation:
    'An OAuth client with state = "inactive" cannot create access tokens and its existing tokens are invalidated: every call answers 401. Without an intent this is a warning (the client may be parked on purpose); when an intent says the client must work, it is an error.',
  remediation: 'Set state = "active" (the default); if the client is retired, remove it, and any intent that names it.',
  sources: ["genesys/README.md: OAuth clients and tokens (state = inactive invalidates tokens)", "provider docs: genesyscloud_oauth_client.state"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const p of ctx.principals) {
      const state = p.resource.values.state;
      if (p.kind !== "oauth_client" || state !== "inactive") continue; // other spellings: GRG012
      const intended = ctx.intentFor(p.address) !== undefined;
      findings.push({
        address: p.address,
        attribute: "state",
        severity: intended ? "error" : "warning",
        message: `${p.address} is inactive: its tokens are refused with 401${intended ? ", yet its intent says it must reach recordings" : ""}.`,
      });
    }
    return findings;
  },
};
