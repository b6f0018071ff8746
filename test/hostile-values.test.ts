// Every value of every rule fixture replaced, one at a time, by values that break naive code:
// an object whose own `toString` is not a function (String() and template literals throw on it),
// an object without a usable prototype chain in JSON terms (`__proto__` as a key), a huge number
// and a list. Found by `npm run fuzz` (seed 7 and 12345: "Cannot convert object to primitive value"
// in the schema check and in reading a role). The audit must answer with findings or one input
// error in every report format, never an internal error.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";
import { FORMAT_NAMES } from "../reporters/formats";

const FIX = path.join(__dirname, "..", "rules", "fixtures");
const HOSTILE: unknown[] = [{ toString: 0.5, valueOf: 1 }, JSON.parse('{"__proto__": {"x": 1}, "constructor": "c"}'), 1e308, [{ toString: "x" }]];

/** Paths to every leaf (string, number, boolean, null) of a JSON document. */
function leaves(doc: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(doc)) doc.forEach((v, i) => leaves(v, [...at, i], out));
  else if (doc !== null && typeof doc === "object") for (const k of Object.keys(doc)) leaves((doc as Record<string, unknown>)[k], [...at, k], out);
  else out.push(at);
  return out;
}

function replaced(doc: unknown, at: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  let holder = copy;
  for (const k of at.slice(0, -1)) holder = holder[k];
  holder[at[at.length - 1]] = value;
  return copy;
}

const fixtures = fs
  .readdirSync(FIX)
  .flatMap((rule) => ["fail.tf.json", "pass.tf.json"].filter((f) => fs.existsSync(path.join(FIX, rule, f))).map((f) => path.join(rule, f)));

describe("a hostile value in place of any fixture value", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-hostile-values-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(fixtures)("%s", async (fixture) => {
    const doc = JSON.parse(fs.readFileSync(path.join(FIX, fixture), "utf8"));
    const intents = path.join(FIX, path.dirname(fixture), "intents.json");
    const file = path.join(dir, "main.tf.json");
    const problems: string[] = [];
    let n = 0;
    for (const at of leaves(doc)) {
      for (const value of HOSTILE) {
        fs.writeFileSync(file, JSON.stringify(replaced(doc, at, value)));
        const format = FORMAT_NAMES[n++ % FORMAT_NAMES.length];
        let stderr = "";
        const args = [file, "--format", format, "--today", "2026-12-01", ...(fs.existsSync(intents) ? ["--intents", intents] : [])];
        try {
          const code = await runAudit(args, { stdout: () => undefined, stderr: (t) => (stderr += t) });
          if (code === 2 && !/^error: .*main\.tf\.json/.test(stderr)) problems.push(`${at.join(".")} = ${JSON.stringify(value)} (${format}): ${stderr}`);
          else if (![0, 1, 2].includes(code)) problems.push(`${at.join(".")} (${format}): exit ${code}`);
        } catch (err) {
          problems.push(`${at.join(".")} = ${JSON.stringify(value)} (${format}): internal error ${(err as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
