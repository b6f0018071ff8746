// Rate limits in layers: runs that log in as one user (intents run.user) are summed against the
// per-user limits, which client-credentials tokens are not subject to (GRG033).
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const FIX = path.join(__dirname, "..", "rules", "fixtures", "GRG033");

async function grg033(intents: string, ...args: string[]) {
  let out = "";
  await runAudit([path.join(FIX, "fail.tf.json"), "--intents", path.join(FIX, intents), "--format", "json", ...args], {
    stdout: (t) => (out += t),
    stderr: () => undefined,
  });
  const findings = JSON.parse(out).findings;
  return { all: findings.map((f: { ruleId: string }) => f.ruleId), grg033: findings.filter((f: { ruleId: string }) => f.ruleId === "GRG033") };
}

describe("GRG033 requests of one user above the per-user limit", () => {
  it("one user, 2 tokens at 198/min each, org.app.user.rate.per.minute 300: a certain 429 naming the limit; each token alone passes GRG009", async () => {
    const r = await grg033("fail.intents.json", "--org", path.join(FIX, "org.json"));
    expect(r.grg033).toEqual([expect.objectContaining({ severity: "error", certainty: "certain", httpStatus: 429 })]);
    expect(r.grg033[0].message).toContain("genesyscloud_user.tester sends 396 requests/min across the tokens of genesyscloud_oauth_client.harness (2 token(s)");
    expect(r.grg033[0].message).toContain("above the org's org.app.user.rate.per.minute of 300/min");
    expect(r.all).not.toContain("GRG009");
  });

  it("without the org's value the figure is uncertain: possible (a warning) naming the figures assumed", async () => {
    const r = await grg033("fail.intents.json");
    expect(r.grg033).toEqual([expect.objectContaining({ severity: "warning", certainty: "possible" })]);
    expect(r.grg033[0].message).toContain("if the org's value is 300/min (one source; a Genesys staff post says 3000)");
  });

  it("one token at 198/min: nothing", async () => {
    expect((await grg033("pass.intents.json", "--org", path.join(FIX, "org.json"))).grg033).toEqual([]);
  });
});
