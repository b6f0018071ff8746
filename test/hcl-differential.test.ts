// The fast HCL reader against its oracle, the @cdktf/hcl2json in the lock file: for every input it
// either hands the text back or produces exactly hcl2json's JSON (same keys, same order, same
// values), and it hands back whatever hcl2json refuses. Inputs: every .tf of the repository
// (fixtures, examples, test/fixtures/hcl-syntax), the bench's HCL at several seeds and sizes, and
// thousands of seeded mutations of those (the seed is printed; GRG_HCL_SEED tries another).
// Converters broken on purpose must each fail the comparison, so the comparison can fail.
import * as fs from "fs";
import * as path from "path";
import { parse } from "@cdktf/hcl2json";
import { Rng } from "../bench/prng";
import { generateHclConfig } from "../bench/generate-hcl";
import { compareWithOracle, firstDifference, type Verdict } from "../readers/hcl-native/differential";
import { convertHcl } from "../readers/hcl-native/convert";
import { topLevelItemEnd } from "../readers/hcl-native/item-end";
import { runAudit } from "../cli/run-audit";
import { mutateHcl } from "./hcl-mutations";

const ROOT = path.join(__dirname, "..");
const SEED = Number(process.env.GRG_HCL_SEED ?? 20261205);
const MUTANTS = 4000;
const oracle = (text: string) => parse("t.tf", text) as Promise<Record<string, unknown>>;

function tfFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) =>
      e.isDirectory() ? (e.name === "node_modules" ? [] : tfFiles(path.join(dir, e.name))) : e.name.endsWith(".tf") ? [path.join(dir, e.name)] : [],
    );
}
const REPOSITORY_FILES = [...tfFiles(path.join(ROOT, "test", "fixtures")), ...tfFiles(path.join(ROOT, "examples")), ...tfFiles(path.join(ROOT, "rules"))];

/** What must never happen: a different JSON, or output where hcl2json reports an error. */
function problem(name: string, v: Verdict): string | undefined {
  if (v.kind === "differs") return `${name}: ${firstDifference(v.oracle, v.fast)}`;
  if (v.kind === "accepted-an-error") return `${name}: hcl2json refuses it (${v.error.slice(0, 160)}) but the fast reader did not hand it back`;
  return undefined;
}

/** The text's top-level items, each with the blank lines and comments before it. */
function items(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const lead = /^(?:\s|#[^\n]*|\/\/[^\n]*)*/.exec(text.slice(i, i + 10000))![0].length;
    if (i + lead >= text.length) break;
    const item = topLevelItemEnd(text, i + lead);
    if (!item) break;
    out.push(text.slice(i, item.end));
    i = item.end;
  }
  return out;
}

describe("the fast HCL reader gives exactly hcl2json's JSON", () => {
  it("on every .tf file of the repository; under 1% of the readable ones handed back", async () => {
    expect(REPOSITORY_FILES.length).toBeGreaterThan(80);
    const problems: string[] = [];
    let readable = 0;
    const handedBack: string[] = [];
    for (const file of REPOSITORY_FILES) {
      const v = await compareWithOracle(fs.readFileSync(file, "utf8"), oracle);
      const p = problem(path.relative(ROOT, file), v);
      if (p) problems.push(p);
      if (v.kind === "whole-file" && v.oracleError) continue;
      readable++;
      if (v.kind === "whole-file" || (v.kind === "same" && v.handedBack > 0)) handedBack.push(path.relative(ROOT, file));
    }
    expect(problems).toEqual([]);
    expect(handedBack.length / readable).toBeLessThan(0.01);
    // The syntax fixtures include errors of several kinds: each is handed back (hcl2json reports it).
    const errors = REPOSITORY_FILES.filter((f) => path.basename(f).startsWith("error-"));
    expect(errors.length).toBeGreaterThanOrEqual(5);
    for (const file of errors) expect(await compareWithOracle(fs.readFileSync(file, "utf8"), oracle)).toEqual({ kind: "whole-file", oracleError: true });
  });

  it("on the bench's HCL at several seeds and sizes, handing nothing back", async () => {
    for (const [size, seed] of [
      [30, 1],
      [30, 2],
      [200, 3],
      [600, 4],
    ]) {
      const v = await compareWithOracle(generateHclConfig(size, seed).text, oracle);
      expect(problem(`bench HCL ${size}/${seed}`, v)).toBeUndefined();
      expect(v).toMatchObject({ kind: "same", handedBack: 0 });
    }
  });

  it(`on ${MUTANTS} seeded mutations (seed ${SEED}): the same JSON or handed back, and handed back whenever hcl2json refuses`, async () => {
    const rng = new Rng(SEED);
    const bases = [...REPOSITORY_FILES.map((f) => fs.readFileSync(f, "utf8")), generateHclConfig(40, SEED).text].map(items).filter((x) => x.length);
    const problems: string[] = [];
    const tally: Record<string, number> = {};
    for (let i = 0; i < MUTANTS; i++) {
      const base = rng.pick(bases);
      const from = rng.int(0, base.length - 1);
      const text = mutateHcl(base.slice(from, from + rng.int(1, 4)).join(""), rng);
      // hcl2json spends minutes writing out `1e3000000`: the reader refuses such numbers itself (tested below).
      if (/[0-9][eE][+-]?0*[0-9]{5}/.test(text)) continue;
      const v = await compareWithOracle(text, oracle);
      tally[v.kind] = (tally[v.kind] ?? 0) + 1;
      const p = problem(`mutant ${i} of seed ${SEED}`, v);
      if (p) problems.push(`${p}\n--- input ---\n${text}`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // The mutants reach both ways: many still read (and match), many are errors handed back.
    expect(tally.same).toBeGreaterThan(MUTANTS / 10);
    expect(tally["whole-file"]).toBeGreaterThan(MUTANTS / 10);
  }, 60000);

  it("hands back what it is not sure of, and the result is still hcl2json's", async () => {
    for (const text of ['p = "x${1}y${true}z"\n', "a = b .c\n", 'x = "\\u00e9${v}"\nn = provider::p::f(1)\n', "k = { é = 1 }\n"]) {
      const v = await compareWithOracle(text, oracle);
      expect(problem(text, v)).toBeUndefined();
      expect(v.kind === "whole-file" || (v.kind === "same" && v.handedBack > 0)).toBe(true);
    }
  });
});

describe("converters broken on purpose fail the comparison", () => {
  // Each targets one quirk; the inputs exercise it.
  const INPUTS = [
    'b = 2\na = 1\nresource "x" "y" {\n  z = 1\n}\n',
    "h = <<-EOT\n    indented\n      more\n    EOT\n",
    'e = "$${not_interpolated}"\nf = "100%%{x}"\n',
    "__proto__ = 1\no = { __proto__ = 2, a = 1 }\n",
  ];

  async function failures(modulePath: string, factory: () => unknown): Promise<number> {
    let broken: typeof convertHcl | undefined;
    jest.isolateModules(() => {
      jest.doMock(modulePath, factory);
      broken = jest.requireActual<typeof import("../readers/hcl-native/convert")>("../readers/hcl-native/convert").convertHcl;
    });
    jest.dontMock(modulePath);
    let n = 0;
    for (const text of INPUTS) if (problem(text, await compareWithOracle(text, oracle, {}, broken!))) n++;
    return n;
  }

  it("the real converter passes on these inputs", async () => {
    for (const text of INPUTS) expect(problem(text, await compareWithOracle(text, oracle))).toBeUndefined();
  });

  it("wrong key order", async () => {
    const actual = jest.requireActual("../readers/hcl-native/go-order");
    const reversed = (map: Map<string, unknown>) => {
      const sorted = actual.sortedObject(map);
      return Object.fromEntries(Object.entries(sorted).reverse());
    };
    expect(await failures("../readers/hcl-native/go-order", () => ({ ...actual, sortedObject: reversed }))).toBeGreaterThan(0);
  });

  it("heredoc indentation not stripped", async () => {
    expect(await failures("../readers/hcl-native/heredoc-indent", () => ({ stripIndentation: () => undefined }))).toBeGreaterThan(0);
  });

  it("$${ and %%{ not escaped again", async () => {
    expect(await failures("../readers/hcl-native/template-text", () => ({ escapeTemplateText: (t: string) => t }))).toBeGreaterThan(0);
  });

  it("__proto__ dropped", async () => {
    const actual = jest.requireActual("../readers/hcl-native/go-order");
    const dropping = (map: Map<string, unknown>) => {
      map.delete("__proto__");
      return actual.sortedObject(map);
    };
    expect(await failures("../readers/hcl-native/go-order", () => ({ ...actual, sortedObject: dropping }))).toBeGreaterThan(0);
  });
});

describe("reports do not depend on the reader", () => {
  it("the bench's 1,000-resource HCL: the same report bytes from the fast reader and from hcl2json item by item", async () => {
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "grg-hcl-"));
    try {
      const generated = generateHclConfig(1000);
      fs.writeFileSync(path.join(dir, "main.tf"), generated.text);
      fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(generated.intents));
      const run = async () => {
        let out = "";
        await runAudit([path.join(dir, "main.tf"), "--intents", path.join(dir, "intents.json"), "--format", "json"], {
          stdout: (t) => (out += t),
          stderr: () => undefined,
        });
        return out;
      };
      const fast = await run();
      process.env.RECORDING_GUARD_HCL_READER = "hcl2json";
      let fallback: string;
      try {
        fallback = await run();
      } finally {
        delete process.env.RECORDING_GUARD_HCL_READER;
      }
      expect(JSON.parse(fast).findings.length).toBeGreaterThan(50);
      expect(fast).toBe(fallback);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
