// Inline suppressions (`recording-guard:ignore GRGnnn <reason> until YYYY-MM-DD`) in HCL comments
// and Terraform JSON "//" keys: the rules of acknowledgements (reason and expiry required, expiry
// honoured, hard rules refused, orphans reported).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";

const CLIENT = (name: string, comment = "") =>
  `${comment}resource "genesyscloud_oauth_client" "${name}" {\n  name                  = "${name}"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n}\n`;
const REASON = "roles are granted by the identity team's own stack";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-suppress-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function audit(files: Record<string, string>, ...args: string[]) {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  let out = "";
  let err = "";
  const code = await runAudit([dir, "--format", "json", "--today", "2026-12-05", ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  const report = out ? JSON.parse(out) : undefined;
  return {
    code,
    err,
    findings: report?.findings.map(
      (f: { ruleId: string; address: string; acknowledged: unknown }) => `${f.ruleId} ${f.address}${f.acknowledged ? " (acknowledged)" : ""}`,
    ),
    acknowledgements: report?.acknowledgements.map((a: { status: string; owner: string }) => `${a.status} ${a.owner}`),
  };
}

describe("inline suppressions", () => {
  it("an HCL comment above the block, or inside it, accepts the finding; the owner names the file and line", async () => {
    const r = await audit({
      "main.tf":
        CLIENT("above", `# recording-guard:ignore GRG001 ${REASON} until 2027-01-31\n`) +
        CLIENT("inside").replace("{\n", `{\n  // recording-guard:ignore GRG001 ${REASON} until 2027-01-31\n`) +
        CLIENT("plain"),
    });
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([
      "GRG001 genesyscloud_oauth_client.above (acknowledged)",
      "GRG001 genesyscloud_oauth_client.inside (acknowledged)",
      "GRG001 genesyscloud_oauth_client.plain",
    ]);
    expect(r.acknowledgements).toEqual([
      `active inline suppression (${path.join(dir, "main.tf")}:1)`,
      `active inline suppression (${path.join(dir, "main.tf")}:7)`,
    ]);
  });

  it('a Terraform JSON "//" key in the body does the same', async () => {
    const body = { name: "x", authorized_grant_type: "CLIENT-CREDENTIALS", "//": `recording-guard:ignore GRG001 ${REASON} until 2027-01-31` };
    const r = await audit({ "main.tf.json": JSON.stringify({ resource: { genesyscloud_oauth_client: { x: body } } }) });
    expect([r.code, r.findings]).toEqual([0, ["GRG001 genesyscloud_oauth_client.x (acknowledged)"]]);
  });

  it("expired: the finding counts again; orphaned: reported; without a reason or an expiry: one line, exit 2", async () => {
    const expired = await audit({ "main.tf": CLIENT("x", `# recording-guard:ignore GRG001 ${REASON} until 2026-01-31\n`) });
    expect(expired.code).toBe(1);
    expect(expired.findings).toContain("GRG901 genesyscloud_oauth_client.x");
    const orphan = await audit({ "main.tf": CLIENT("x", `# recording-guard:ignore GRG003 ${REASON} until 2027-01-31\n`) });
    expect(orphan.findings).toContain("GRG902 genesyscloud_oauth_client.x");
    const noReason = await audit({ "main.tf": CLIENT("x", "# recording-guard:ignore GRG001 until 2027-01-31\n") });
    expect([noReason.code, noReason.err.split("\n").length]).toEqual([2, 2]);
    expect(noReason.err).toMatch(/^error: .*main\.tf:1: genesyscloud_oauth_client\.x: /);
    const noExpiry = await audit({ "main.tf": CLIENT("x", `# recording-guard:ignore GRG001 ${REASON}\n`) });
    expect(noExpiry.err).toContain("an expiry date are required");
  });

  it("a hard-enforced rule cannot be suppressed", async () => {
    fs.writeFileSync(path.join(dir, "..", `${path.basename(dir)}-intents.json`), JSON.stringify({ principals: {}, enforcement: { GRG001: "hard" } }));
    const intents = path.join(dir, "..", `${path.basename(dir)}-intents.json`);
    try {
      const r = await audit({ "main.tf": CLIENT("x", `# recording-guard:ignore GRG001 ${REASON} until 2027-01-31\n`) }, "--intents", intents);
      expect(r.code).toBe(1);
      expect(r.acknowledgements).toEqual([expect.stringMatching(/^refused /)]);
    } finally {
      fs.rmSync(intents, { force: true });
    }
  });

  it("a suppression in a local module's file accepts the finding in each call of the module; a call without it reports an orphan", async () => {
    fs.mkdirSync(path.join(dir, "modules", "client"), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "modules", "client", "main.tf"),
      'variable "kind" {\n  default = "CLIENT-CREDENTIALS"\n}\n' +
        `# recording-guard:ignore GRG001 ${REASON} until 2027-01-31\n` +
        'resource "genesyscloud_oauth_client" "c" {\n  name                  = "c"\n  authorized_grant_type = var.kind\n}\n',
    );
    const r = await audit({
      "main.tf":
        'module "a" {\n  source = "./modules/client"\n}\nmodule "b" {\n  source = "./modules/client"\n}\n' +
        'module "browser" {\n  source = "./modules/client"\n  kind   = "CODE"\n}\n',
    });
    expect(r.findings).toEqual(
      expect.arrayContaining(["GRG001 module.a.genesyscloud_oauth_client.c (acknowledged)", "GRG001 module.b.genesyscloud_oauth_client.c (acknowledged)"]),
    );
    expect(r.findings.filter((f: string) => f.startsWith("GRG001 ") && !f.endsWith("(acknowledged)"))).toEqual([]);
    const where = `inline suppression (${path.join(dir, "modules", "client", "main.tf")}:4)`;
    expect(r.acknowledgements).toEqual([`active ${where}`, `active ${where}`, `orphaned ${where}`]);
    expect(r.findings).toContain("GRG902 module.browser.genesyscloud_oauth_client.c"); // the orphan, at the call that has no such finding
  });
});
