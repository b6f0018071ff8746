// The layering stays as docs/architecture.md draws it: the boundary check's layer list is the
// document's, it passes on this tree, and it fails on an import that runs against the layers
// or closes a cycle (checked on a small tree written for the purpose, with the real configuration).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = path.join(ROOT, "node_modules", ".bin", "depcruise");
const LAYERS: string[] = require(CONFIG).LAYERS;

function documentedLayers(): string[] {
  const doc = fs.readFileSync(path.join(ROOT, "docs", "architecture.md"), "utf8");
  const section = doc.split("## Layers")[1].split("\n## ")[0];
  return [...section.matchAll(/^\d+\. `([a-z-]+)\/`/gm)].map((m) => m[1]);
}

function cruise(cwd: string, config: string, targets: string[]) {
  const r = spawnSync(DEPCRUISE, ["--config", config, "--output-type", "err", ...targets], { cwd, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A tree of one file per layer, each importing the layer before it: legal as written. */
function writeTree(extra: Record<string, string>): { dir: string; config: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-layers-"));
  LAYERS.forEach((layer, i) => {
    fs.mkdirSync(path.join(dir, layer));
    // Outside rules/, rules are imported through the catalogue (rules/index.ts).
    const from = LAYERS[i - 1] === "rules" ? "../rules" : `../${LAYERS[i - 1]}/a`;
    const body = i === 0 ? "export const x = 1;\n" : `import { x as y } from "${from}";\nexport const x = y;\n`;
    fs.writeFileSync(path.join(dir, layer, "a.ts"), body);
  });
  fs.mkdirSync(path.join(dir, "rules", "support"), { recursive: true });
  fs.writeFileSync(path.join(dir, "rules", "index.ts"), 'export { x } from "./a";\n');
  for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), text);
  // The project's configuration, without its tsconfig (the small tree has none).
  const config = path.join(dir, "cruise.cjs");
  fs.writeFileSync(config, `const c = require(${JSON.stringify(CONFIG)});\nmodule.exports = { ...c, options: { ...c.options, tsConfig: undefined } };\n`);
  return { dir, config };
}

describe("import boundaries", () => {
  it("the layer list in docs/architecture.md is the boundary check's", () => {
    expect(documentedLayers()).toEqual(LAYERS);
    expect(LAYERS.every((l) => fs.statSync(path.join(ROOT, l)).isDirectory())).toBe(true);
  });

  it("every layer folder in the tree is a layer (no folder escapes the check)", () => {
    // Tooling and packaging outside the layers: action/ (the GitHub Action's shell step), bin/ (the installed command's launcher), schemas/ (the JSON report's schema).
    const outside = new Set([
      "node_modules",
      "dist",
      "cdktf.out",
      "test",
      "bench",
      "scripts",
      "docs",
      "config",
      "examples",
      "coverage",
      "action",
      "bin",
      "schemas",
    ]);
    const folders = fs
      .readdirSync(ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !outside.has(e.name))
      .map((e) => e.name);
    expect(folders.sort()).toEqual([...LAYERS].sort());
  });

  it("passes on this tree", () => {
    const r = cruise(ROOT, CONFIG, ["main.ts", ...LAYERS, "scripts"]);
    expect(r.out).toContain("no dependency violations found");
    expect(r.code).toBe(0);
  });

  it("a small tree that keeps the layers passes", () => {
    const { dir, config } = writeTree({});
    expect(cruise(dir, config, LAYERS).code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [
      "model importing rules (against the layers)",
      { "model/b.ts": 'import { x } from "../rules/a";\nexport const z = x;\n' },
      /model-imports-only-earlier-layers: model\/b\.ts → rules\/a\.ts/,
    ],
    ["a reader importing an analysis", { "readers/b.ts": 'import { x } from "../analyses/a";\nexport const z = x;\n' }, /readers-imports-only-earlier-layers/],
    [
      "a reporter importing one rule file instead of the catalogue",
      { "reporters/b.ts": 'import { x } from "../rules/a";\nexport const z = x;\n' },
      /outside-rules-only-the-catalogue/,
    ],
    ["a rule importing a reader", { "rules/b.ts": 'import { x } from "../readers/a";\nexport const z = x;\n' }, /rules-import-no-readers/],
    [
      "a cycle inside one layer",
      { "analyses/b.ts": 'import { c } from "./c";\nexport const b = c;\n', "analyses/c.ts": 'import { b } from "./b";\nexport const c = b;\n' },
      /no-circular/,
    ],
  ])("fails on %s", (_name, extra, pattern) => {
    const { dir, config } = writeTree(extra as Record<string, string>);
    const r = cruise(dir, config, LAYERS);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(pattern);
  });
});
