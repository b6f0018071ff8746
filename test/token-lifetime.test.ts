// One definition of a token lifetime (analyses/token-lifetime.ts): GRG007, GRG020, GRG027 and the
// access matrix read `access_token_validity_seconds = var.ttl` the same way. Before, GRG020 said
// "cannot compare" where GRG007 resolved the variable's default.
import * as fs from "fs";
import * as path from "path";
import { audit } from "../engine/engine";
import { loadIntents } from "../readers/intents";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { buildAccessMatrix } from "../reporters/access-matrix";

const FIX = path.join(__dirname, "..", "rules", "fixtures");

/** A rule fixture with the client's literal lifetime moved into a variable's default. */
function throughVariable(rule: string) {
  const doc = JSON.parse(fs.readFileSync(path.join(FIX, rule, "fail.tf.json"), "utf8"));
  const client = doc.resource.genesyscloud_oauth_client.loadtest;
  doc.variable = { ttl: { default: client.access_token_validity_seconds } };
  client.access_token_validity_seconds = "${var.ttl}";
  return readTerraformJson(doc, path.join(FIX, rule, "fail.tf.json"));
}

const summary = (fs: { ruleId: string; severity: string; message: string }[], id: string) =>
  fs.filter((f) => f.ruleId === id).map((f) => [f.severity, f.message]);

describe("a token lifetime from a variable's default", () => {
  it.each(["GRG007", "GRG020"])("%s judges it as it judges the literal", (rule) => {
    const intents = loadIntents(path.join(FIX, rule, fs.existsSync(path.join(FIX, rule, "fail.intents.json")) ? "fail.intents.json" : "intents.json"));
    const literal = readTerraformJson(JSON.parse(fs.readFileSync(path.join(FIX, rule, "fail.tf.json"), "utf8")), path.join(FIX, rule, "fail.tf.json"));
    const viaVariable = throughVariable(rule);
    const expected = summary(audit({ config: literal, ...intents }), rule);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every(([severity]) => severity !== "unknown")).toBe(true);
    expect(summary(audit({ config: viaVariable, ...intents }), rule)).toEqual(expected);
  });

  it("the access matrix shows the resolved value", () => {
    const config = throughVariable("GRG020");
    const matrix = buildAccessMatrix({ findings: [], inputs: [], config });
    expect(matrix.principals.find((p) => p.address === "genesyscloud_oauth_client.loadtest")?.tokenLifetime).toEqual({
      seconds: 7200,
      text: null,
      default: false,
    });
  });
});
