// The README stays true to the code: its first screen gives the two commands, it documents
// every rule and every CLI option, and the scripts it names exist.
import * as fs from "fs";
import * as path from "path";
import { HELP } from "../cli/options";
import { FORMAT_NAMES } from "../reporters/formats";
import { ALL_RULES } from "../rules";
import { META_RULES } from "../rules/meta-acknowledgements";

const ROOT = path.join(__dirname, "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

describe("README", () => {
  it("gives the main job and the test command on its first screen", () => {
    const firstScreen = readme.split("\n").slice(0, 25).join("\n");
    expect(firstScreen).toContain("npm ci && npm run synth");
    expect(firstScreen).toContain("npm test");
  });

  it("documents every rule", () => {
    for (const r of [...ALL_RULES, ...META_RULES]) expect(readme).toContain(`| ${r.id} | ${r.title} |`);
  });

  it("documents every option --help lists", () => {
    const options = [...HELP.matchAll(/^ {2}(?:-h, )?(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(options.length).toBeGreaterThan(5);
    for (const o of options.filter((o) => o !== "--help")) expect(readme).toContain(`\`${o}`);
  });

  it("lists every report format in the options table", () => {
    const row = readme.split("\n").find((l) => l.startsWith("| `--format "))!;
    for (const f of FORMAT_NAMES) expect(row).toContain(f);
  });

  it("names only files that exist in its example commands (a user copies them)", () => {
    const named = [...readme.matchAll(/^npm run audit -- .*$/gm)].flatMap((m) => m[0].split(/\s+/)).filter((w) => /^(examples|config|policy|test)\//.test(w));
    expect(named.length).toBeGreaterThan(2);
    for (const file of named) expect({ file, exists: fs.existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
  });

  it("names only npm scripts that exist", () => {
    for (const [, name] of readme.matchAll(/npm run ([a-z]+(?::[a-z]+)*)/g)) expect(Object.keys(scripts)).toContain(name);
  });

  it(".ci/run installs with npm ci and runs the README's test command", () => {
    const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
