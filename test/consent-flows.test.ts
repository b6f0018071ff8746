// Consent-required trunks follow the call into the flows (GRG034): the Archy YAML of each
// genesyscloud_flow is read, and the enableParticipantRecord action counts only as an action on a
// path the flow runs: not in a comment, not in a string, not in a task nothing references.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const FIX = path.join(__dirname, "..", "rules", "fixtures", "GRG034");
const TRUNK = `resource "genesyscloud_telephony_providers_edges_trunkbasesettings" "carrier" {
  name               = "carrier"
  trunk_type         = "EXTERNAL"
  trunk_meta_base_id = "external_sip_pcv_byoc_carrier.json"
  properties = jsonencode({
    trunk_recording_enabled          = { value = { instance = true } }
    trunk_recording_consent_required = { value = { instance = true } }
  })
}
resource "genesyscloud_flow" "support" {
  filepath = "\${path.module}/flows/support.yaml"
}
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-consent-"));
  fs.mkdirSync(path.join(dir, "flows"));
  fs.writeFileSync(path.join(dir, "main.tf"), TRUNK);
  fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify({ principals: {} }));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function consent(withIntent = true) {
  let out = "";
  const args = [dir, "--format", "json", ...(withIntent ? ["--intents", path.join(FIX, "intents.json")] : [])];
  await runAudit(args, { stdout: (t) => (out += t), stderr: () => undefined });
  return JSON.parse(out).findings.filter((f: { ruleId: string }) => f.ruleId === "GRG034" || f.ruleId === "GRG010");
}

describe("consent-required trunks and the flows their calls run", () => {
  it("the action only in a comment, a string and an unreachable task, with an intent to read: an error; in the main task: no finding", async () => {
    fs.copyFileSync(path.join(FIX, "flows", "inbound-no-action.yaml"), path.join(dir, "flows", "support.yaml"));
    expect(await consent()).toEqual([
      expect.objectContaining({ ruleId: "GRG034", severity: "error", certainty: "certain", address: "genesyscloud_flow.support" }),
    ]);
    expect(await consent(false)).toEqual([expect.objectContaining({ ruleId: "GRG034", severity: "warning" })]);
    fs.copyFileSync(path.join(FIX, "flows", "inbound-records.yaml"), path.join(dir, "flows", "support.yaml"));
    expect(await consent()).toEqual([]);
  });

  it("a flow that transfers to another flow: likely, not certain; the flow it reaches by a menu reference is followed", async () => {
    fs.writeFileSync(
      path.join(dir, "flows", "support.yaml"),
      "inboundCall:\n  name: Front door\n  startUpRef: ./menus/menu[main]\n  menus:\n    - menu:\n        name: Main\n        refId: main\n        choices:\n          - menuTransferToFlow:\n              name: To billing\n              dtmf: digit_1\n              targetFlow:\n                lit:\n                  name: Billing\n",
    );
    expect(await consent()).toEqual([expect.objectContaining({ ruleId: "GRG034", certainty: "likely" })]);
    fs.appendFileSync(
      path.join(dir, "flows", "support.yaml"),
      "          - menuJumpToTask:\n              name: Record first\n              dtmf: digit_2\n              targetTaskRef: ../tasks/task[rec]\n  tasks:\n    - task:\n        name: Rec\n        refId: rec\n        actions:\n          - enableParticipantRecord:\n              name: Record\n              enabled:\n                lit: true\n",
    );
    expect(await consent()).toEqual([]);
  });

  it("a flow file that is missing is an unknown finding, not a crash; GRG010 keeps its consent warning then", async () => {
    const found = await consent();
    expect(found.map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`).sort()).toEqual(["GRG010 warning", "GRG034 unknown"]);
    expect(found.find((f: { ruleId: string }) => f.ruleId === "GRG034").message).toContain("the flow file does not exist");
  });

  describe("IVRs route numbers to flows", () => {
    const ivr = (flow: string) =>
      `resource "genesyscloud_architect_ivr" "main" {\n  name                 = "Main Number"\n  dnis                 = ["+18005550123", "+15125550111"]\n  open_hours_flow_id   = genesyscloud_flow.${flow}.id\n  closed_hours_flow_id = genesyscloud_flow.${flow}.id\n}\n`;
    const secondFlow = `resource "genesyscloud_flow" "legacy" {\n  filepath = "\${path.module}/flows/legacy.yaml"\n}\n`;
    beforeEach(() => {
      fs.appendFileSync(path.join(dir, "main.tf"), secondFlow);
      fs.copyFileSync(path.join(FIX, "flows", "inbound-no-action.yaml"), path.join(dir, "flows", "support.yaml"));
      fs.copyFileSync(path.join(FIX, "flows", "inbound-no-action.yaml"), path.join(dir, "flows", "legacy.yaml"));
    });

    it("the flow an IVR routes to: an error naming the IVR and its numbers; a flow no IVR routes to: a warning (possible)", async () => {
      fs.appendFileSync(path.join(dir, "main.tf"), ivr("support"));
      const found = await consent();
      const support = found.find((f: { address: string }) => f.address === "genesyscloud_flow.support");
      const legacy = found.find((f: { address: string }) => f.address === "genesyscloud_flow.legacy");
      expect([support.severity, support.certainty]).toEqual(["error", "certain"]);
      expect(support.message).toContain(
        "the calls IVR genesyscloud_architect_ivr.main (+15125550111, +18005550123; open hours, closed hours) route to it leave no recording",
      );
      expect([legacy.severity, legacy.certainty]).toEqual(["warning", "possible"]);
      expect(legacy.message).toContain("No IVR of the configuration routes calls to it (1 IVR(s) declared)");
    });

    it("an IVR whose flow is a variable: no flow is called unrouted (the route is unknown)", async () => {
      fs.appendFileSync(
        path.join(dir, "main.tf"),
        ivr("support") +
          `variable "main_flow_id" {}\nresource "genesyscloud_architect_ivr" "other" {\n  name               = "Other"\n  open_hours_flow_id = var.main_flow_id\n}\n`,
      );
      const found = await consent();
      expect(found.find((f: { address: string }) => f.address === "genesyscloud_flow.legacy").severity).toBe("error");
    });

    it("without IVRs every inbound flow counts as reached (errors for both)", async () => {
      const found = await consent();
      expect(found.map((f: { address: string; severity: string }) => `${f.address} ${f.severity}`).sort()).toEqual([
        "genesyscloud_flow.legacy error",
        "genesyscloud_flow.support error",
      ]);
    });
  });
});
