// HCL nested deeper than hcl2json's recursive parser can take exhausts V8's stack inside the Go
// runtime and leaves it mid-allocation: the next HCL file parsed in the same process aborted the
// whole process ("fatal error: malloc deadlock"; found by `npm run fuzz`). The nesting is counted
// before hcl2json sees the text, with strings, comments and heredocs skipped.
import * as fs from "fs";
import * as path from "path";
import { MAX_NESTING } from "../readers/json-text";
import { InputError } from "../model/input-error";
import { hclNestingDepth } from "../readers/terraform/hcl-nesting";
import { parseHcl, readHcl } from "../readers/terraform/hcl";

const ROOT = path.join(__dirname, "..");
const locals = (body: string) => `locals {\n  x = ${body}\n}\n`;

describe("hclNestingDepth", () => {
  it.each([
    ["brackets, blocks and calls", 'resource "a" "b" {\n  x = [{ y = f((1)) }]\n}\n', 5],
    ["an interpolation in a string", locals('"a ${[1]} b"'), 3],
    ["a string in an interpolation in a string", locals('"${"${x}"}"'), 3],
    ["a directive in a heredoc", locals("<<-EOT\n  %{ if a }[${b}]%{ endif }\nEOT"), 2],
  ])("%s", (_name, text, depth) => {
    expect(hclNestingDepth(text, MAX_NESTING)).toBe(depth);
  });

  it.each([
    ["a string", locals(`"${"[(".repeat(2000)}"`)],
    ["an escaped interpolation", locals(`"${"$${".repeat(2000)}"`)],
    ["a # comment", `# ${"{".repeat(2000)}\n${locals("1")}`],
    ["a // comment", `// ${"(".repeat(2000)}\n${locals("1")}`],
    ["a /* */ comment", `/* ${"[".repeat(2000)} */\n${locals("1")}`],
    ["a heredoc", locals(`<<EOT\n${"{".repeat(2000)}\nEOT`)],
    ["an indented heredoc with a marker that appears inside a line", locals(`<<-END\n  ${"(".repeat(2000)} END\n  END`)],
  ])("does not count brackets inside %s", (_name, text) => {
    expect(hclNestingDepth(text, MAX_NESTING)).toBeLessThanOrEqual(2);
  });

  it("stays far below the limit on every HCL file in the project", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "node_modules" || e.name.startsWith(".") || e.name === "dist" || e.name === "cdktf.out") continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".tf")) files.push(p);
      }
    };
    walk(ROOT);
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect([f, hclNestingDepth(fs.readFileSync(f, "utf8"), MAX_NESTING) < 20]).toEqual([f, true]);
  });
});

describe("deep HCL is one input error, and the parser stays usable", () => {
  const deep: [string, string][] = [
    ["tuples", locals(`${"[".repeat(3000)}${"]".repeat(3000)}`)],
    ["parentheses", locals(`${"(".repeat(3000)}1${")".repeat(3000)}`)],
    ["objects", locals(`${"{a=".repeat(3000)}1${"}".repeat(3000)}`)],
    ["function calls", locals(`${"f(".repeat(3000)}1${")".repeat(3000)}`)],
    ["template interpolations", locals(`${'"${'.repeat(3000)}1${'}"'.repeat(3000)}`)],
    ["nested blocks", `${"b {\n".repeat(3000)}${"}\n".repeat(3000)}`],
    ["an unclosed tuple", locals("[".repeat(3000))],
  ];
  it.each(deep)("%s, 3000 deep", async (_name, text) => {
    await expect(readHcl(text, "deep.tf")).rejects.toThrow(
      new InputError("deep.tf", undefined, `nested deeper than ${MAX_NESTING} levels: not a configuration this tool reads`),
    );
  });

  it(`${MAX_NESTING} levels are read`, async () => {
    const text = locals(`${"[".repeat(MAX_NESTING - 2)}1${"]".repeat(MAX_NESTING - 2)}`);
    expect(hclNestingDepth(text, MAX_NESTING)).toBe(MAX_NESTING - 1);
    await expect(parseHcl(text, "ok.tf")).resolves.toHaveProperty("locals");
  });

  it("after every deep input, ordinary files still parse in the same process", async () => {
    for (const [, text] of deep) await expect(readHcl(text, "deep.tf")).rejects.toThrow(InputError);
    for (let i = 0; i < 50; i++) {
      const doc = await parseHcl(`resource "genesyscloud_auth_role" "r${i}" {\n  name = "r${i}"\n}\n`, `f${i}.tf`);
      expect(doc.resource).toEqual({ genesyscloud_auth_role: { [`r${i}`]: [{ name: `r${i}` }] } });
    }
  });
});
