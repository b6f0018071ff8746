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

describe("budget reports every layer", () => {
  const run = async (...args: string[]) => {
    let out = "";
    await runAudit(["budget", "--jmeter", path.join(__dirname, "..", "examples", "loadtest", "recordings.jmx"), "--tokens", "2", ...args], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    return out;
  };

  it("a user's tokens of one client share the per-user limit: 2 tokens x 300/min is a budget of 300/min when the org's value is 300", async () => {
    const out = await run("--principal", "genesyscloud_oauth_client.harness", "--org", path.join(FIX, "org.json"), path.join(FIX, "fail.tf.json"));
    expect(out).toContain("per user: 300 requests/min across one user's tokens of this client (org.app.user.rate.per.minute;");
    expect(out).toContain("tokens: 2: budget 300 requests/min = 5 requests/s (the per-user limit, if all tokens are one user's)");
  });

  it("client credentials: the user layer does not apply", async () => {
    expect(await run("--principal", "genesyscloud_oauth_client.jmeter")).toContain(
      "per user: does not apply (client-credentials tokens are not subject to user limits)",
    );
  });
});
