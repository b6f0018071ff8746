// The per-audit helpers the access rules share (analyses/access.ts, analyses/principals.ts) must
// answer exactly what the plain helpers answer, on a generated configuration with every kind of
// grant (home, "*", division resources, unreadable roles).
import { intendedPrincipals } from "../core/rule";
import { generateConfig } from "../bench/generate";
import { parseIntents } from "../readers/intents";
import { loadOrgSettings } from "../readers/org-settings";
import { coverageIn, grantsCovering, principalAccess, splitGrants, uniqueRoles, unmetClauses } from "../analyses/access";
import { createRuleContext } from "../engine/engine";
import { readTerraformJson } from "../readers/terraform/tf-json";
import * as path from "path";

const g = generateConfig(1000);
const intents = parseIntents(g.intents, "bench/intents.json");
const org = loadOrgSettings(path.join(__dirname, "..", "config", "org", "test.json"));

describe.each([
  ["without org settings", undefined],
  ["with org settings", org],
])("access memos %s", (_label, orgSettings) => {
  const ctx = createRuleContext({ config: readTerraformJson(JSON.parse(g.text), "cdk.tf.json"), intents, org: orgSettings });

  test("intendedPrincipals lists the principals with an intent, in order", () => {
    const expected = ctx.principals.filter((p) => ctx.intentFor(p.address)).map((p) => [p.address, ctx.intentFor(p.address)]);
    expect(intendedPrincipals(ctx).map((x) => [x.principal.address, x.intent])).toEqual(expected);
    expect(intendedPrincipals(ctx)).toBe(intendedPrincipals(ctx)); // computed once per context
  });

  test("principalAccess and coverageIn agree with the plain helpers", () => {
    let checked = 0;
    for (const { principal, intent } of intendedPrincipals(ctx)) {
      const access = principalAccess(principal);
      expect(access.roles).toEqual(uniqueRoles(principal.grants));
      expect(access.opaque).toEqual(splitGrants(principal.grants).opaque);
      for (const capability of intent.capabilities) expect(access.unmet(capability)).toEqual(unmetClauses(capability, uniqueRoles(principal.grants)));
      for (const wanted of [...intent.divisions, "home", "*"]) {
        const { covering, undecided } = grantsCovering(principal, wanted, ctx.resolver, ctx.org);
        const opaque = splitGrants(covering).opaque.length > 0;
        expect(coverageIn(principal, wanted, ctx.resolver, ctx.org)).toEqual({ roles: uniqueRoles(covering), undecided, opaque });
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
