// The JSON report's contract: every report validates against schemas/report.schema.json (closed
// objects: a key added or renamed without the schema fails here), and carries schemaVersion.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import { runAudit } from "../cli/run-audit";
import { REPORT_SCHEMA_VERSION } from "../reporters/json";

const ROOT = path.resolve(__dirname, "..");
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schemas", "report.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

async function report(args: string[]) {
  let out = "";
  const code = await runAudit([...args, "--format", "json"], { stdout: (t) => (out += t), stderr: () => undefined });
  return { code, report: JSON.parse(out) };
}

const FIXTURES = path.join("rules", "fixtures");

describe("the JSON report's schema", () => {
  it("holds the version the report writes", () => {
    expect(schema.properties.schemaVersion.const).toBe(REPORT_SCHEMA_VERSION);
    expect(fs.readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8")).toContain(`report schemaVersion ${REPORT_SCHEMA_VERSION}`);
  });

  it.each(fs.readdirSync(FIXTURES).filter((d) => /^GRG\d{3}$/.test(d)))("validates the report of %s's failing fixture", async (rule) => {
    const dir = path.join(FIXTURES, rule);
    const side = (name: string) => [`fail.${name}`, name].map((n) => path.join(dir, n)).find((f) => fs.existsSync(f));
    const intents = side("intents.json");
    const org = side("org.json");
    const { report: r } = await report([path.join(dir, "fail.tf.json"), ...(intents ? ["--intents", intents] : []), ...(org ? ["--org", org] : [])]);
    expect(validate(r) ? [] : validate.errors).toEqual([]);
    expect(r.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
  });

  it("validates reports with several roots, an unreadable root, acknowledgements and org provenance", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-schema-"));
    try {
      fs.cpSync(path.join("test", "fixtures", "real", "several-roots-distinct"), dir, { recursive: true });
      fs.appendFileSync(path.join(dir, "envs", "dev", "main.tf"), "\nresource {\n");
      const broken = await report([dir, "--org", path.join("config", "org", "prod.json")]);
      expect(broken.code).toBe(2);
      expect(validate(broken.report) ? [] : validate.errors).toEqual([]);
      const acked = await report([
        path.join("test", "fixtures", "real", "several-roots-distinct"),
        "--intents",
        path.join("test", "fixtures", "real", "several-roots-distinct", "intents.json"),
      ]);
      expect(validate(acked.report) ? [] : validate.errors).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a report whose shape changed without the schema", async () => {
    const { report: r } = await report([path.join(FIXTURES, "GRG001", "fail.tf.json")]);
    expect(validate({ ...r, extra: 1 })).toBe(false);
    expect(validate({ ...r, findings: [{ ...r.findings[0], severity: "critical" }] })).toBe(false);
  });
});
