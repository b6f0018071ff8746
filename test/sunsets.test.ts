// Dated facts judged against the audit's date: the implicit grant (TOKEN) is a warning before its
// sunset, an error after it, and like any mandatory finding can be acknowledged with a reason.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const CLIENT =
  'resource "genesyscloud_oauth_client" "portal" {\n  name                     = "portal"\n  authorized_grant_type    = "TOKEN"\n  registered_redirect_uris = ["https://portal.example.com/cb"]\n}\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-sunset-"));
  fs.writeFileSync(path.join(dir, "main.tf"), CLIENT);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function grg029(...args: string[]) {
  let out = "";
  const code = await runAudit([path.join(dir, "main.tf"), "--format", "json", ...args], { stdout: (t) => (out += t), stderr: () => undefined });
  const findings = JSON.parse(out).findings.filter((f: { ruleId: string }) => f.ruleId === "GRG029");
  return { code, findings };
}

describe("GRG029 implicit grant sunset", () => {
  it("a TOKEN client: a warning on 2026-12-01, an error on 2027-06-01", async () => {
    const before = await grg029("--today", "2026-12-01");
    expect(before.code).toBe(0);
    expect(before.findings).toEqual([
      expect.objectContaining({
        severity: "warning",
        certainty: "likely",
        httpStatus: 401,
        attribute: expect.objectContaining({ path: "authorized_grant_type" }),
      }),
    ]);
    expect(before.findings[0].message).toContain("stops working by 2027-03-01");
    const window = await grg029("--today", "2027-04-15");
    expect(window.findings[0]).toMatchObject({ severity: "warning" });
    expect(window.findings[0].message).toContain("may already give no token");
    const after = await grg029("--today", "2027-06-01");
    expect(after.code).toBe(1);
    expect(after.findings).toEqual([expect.objectContaining({ severity: "error" })]);
    expect(after.findings[0].remediation).toContain("PKCE");
  });

  it("after the sunset it can be acknowledged with a reason; a CODE client gives nothing", async () => {
    const intents = path.join(dir, "intents.json");
    fs.writeFileSync(
      intents,
      JSON.stringify({
        principals: {},
        acknowledgements: [
          {
            ruleId: "GRG029",
            target: "genesyscloud_oauth_client.portal",
            reason: "kiosk app replaced by the PKCE client in REC-42",
            owner: "web-team",
            expires: "2027-09-30",
          },
        ],
      }),
    );
    const acknowledged = await grg029("--today", "2027-06-01", "--intents", intents);
    expect(acknowledged.code).toBe(0);
    expect(acknowledged.findings[0].acknowledged).toMatchObject({ owner: "web-team" });
    fs.writeFileSync(path.join(dir, "main.tf"), CLIENT.replace('"TOKEN"', '"CODE"'));
    expect((await grg029("--today", "2027-06-01")).findings).toEqual([]);
  });
});
