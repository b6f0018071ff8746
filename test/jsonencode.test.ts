// jsonencode(<literal>) folded as Terraform folds it, one evaluation for HCL and Terraform JSON:
// a key written as an expression or a string with a directive is not a literal, object keys are
// sorted whatever order they are written in, large integers keep every digit, and a trunk's
// properties read the same (so do the findings) whichever syntax wrote them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "@cdktf/hcl2json";
import { foldJsonencode, decimal } from "../readers/hcl-native/evaluate";
import { runAudit } from "../cli/run-audit";

const fold = (argument: string) => foldJsonencode(`\${jsonencode(${argument})}`);

describe("jsonencode(<literal>)", () => {
  it("an object key written as an expression, or a string with a directive or an interpolation, is not a literal", () => {
    expect(fold("{ (var.k) = 1 }")).toBeUndefined();
    expect(fold('{ a = "%{ if var.x }y%{ endif }" }')).toBeUndefined();
    expect(fold('{ a = "${var.x}" }')).toBeUndefined();
    expect(fold("{ a = var.x }")).toBeUndefined();
    expect(fold("{ a.b = 1 }")).toBeUndefined();
    expect(fold("{ a = 1, a = 2 }")).toBeUndefined();
  });

  it("sorts object keys as Terraform does, whatever order they are written in", () => {
    expect(fold('{ b = 1, a = { d = true, c = null }, "10" = 2, 9 = 3 }')).toBe('{"10":2,"9":3,"a":{"c":null,"d":true},"b":1}');
    expect(fold("{ b = 1, a = 2 }")).toBe(fold("{ a = 2, b = 1 }"));
  });

  it("keeps every digit of a large integer and writes numbers as cty does", () => {
    expect(fold("[12345678901234567890, 1.50, 1e3, 0.0001e2, -7, 0]")).toBe("[12345678901234567890,1.5,1000,0.01,-7,0]");
    expect(decimal("1e-7")).toBe("0.0000001");
    expect(decimal("000120.500")).toBe("120.5");
  });

  it("escapes strings as Go does, and reads heredocs and escapes as Terraform does", () => {
    expect(fold('{ s = "<a & b>\\n\\u00e9", t = "$${x}" }')).toBe('{"s":"\\u003ca \\u0026 b\\u003e\\né","t":"${x}"}');
    expect(fold("<<EOT\nline\nEOT\n")).toBe('"line\\n"');
    expect(fold("!true")).toBe("false");
  });

  it("is the same evaluation of HCL as of Terraform JSON written with hcl2json's output for it", async () => {
    const hcl = "locals {\n  p = jsonencode({ b = [1, 2], a = { value = { instance = true } } })\n}\n";
    const doc = (await parse("x.tf", hcl)) as { locals: { p: string }[] };
    expect(doc.locals[0].p).toMatch(/^\$\{jsonencode\(/);
    expect(foldJsonencode(doc.locals[0].p)).toBe('{"a":{"value":{"instance":true}},"b":[1,2]}');
  });
});

describe("HCL and its Terraform JSON translation agree on trunk properties", () => {
  const PROPERTIES =
    "{\n    trunk_recording_enabled = { value = { instance = false } }\n    trunk_recording_dualChannel = { value = { instance = true } }\n  }";
  const HCL = `resource "genesyscloud_telephony_providers_edges_trunkbasesettings" "carrier" {\n  name               = "carrier"\n  trunk_type         = "EXTERNAL"\n  trunk_meta_base_id = "external_sip_pcv_byoc_carrier.json"\n  properties = jsonencode(${PROPERTIES})\n}\n`;

  it('the same GRG010 finding from main.tf and from main.tf.json with "${jsonencode({...})}"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-jsonencode-"));
    try {
      fs.mkdirSync(path.join(dir, "hcl"));
      fs.mkdirSync(path.join(dir, "json"));
      fs.writeFileSync(path.join(dir, "hcl", "main.tf"), HCL);
      fs.writeFileSync(path.join(dir, "json", "main.tf.json"), JSON.stringify(await parse("main.tf", HCL), null, 2));
      const findings = async (sub: string) => {
        let out = "";
        await runAudit([path.join(dir, sub), "--format", "json"], { stdout: (t) => (out += t), stderr: () => undefined });
        return JSON.parse(out).findings.map((f: { ruleId: string; address: string; severity: string }) => `${f.ruleId} ${f.address} ${f.severity}`);
      };
      const fromHcl = await findings("hcl");
      expect(fromHcl).toContain("GRG010 genesyscloud_telephony_providers_edges_trunkbasesettings.carrier warning");
      expect(await findings("json")).toEqual(fromHcl);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
