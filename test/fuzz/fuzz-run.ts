// The fuzzer: mutates the project's own fixtures of every input kind (Terraform JSON, HCL, plan
// JSON, intents JSON and YAML, org settings, environment files, JMeter plans, nginx) and runs the
// audit (or synth, for environment files) on each mutant, in this process, checking what a user
// is promised:
//  - exit 0, 1 or 2, never an internal error (a thrown exception);
//  - exit 2 is exactly one stderr line, and it names one of the run's files;
//  - on exit 2 no output file is touched (a pre-existing --output file keeps its bytes, no
//    --bundle directory appears; synth leaves the previous cdktf.out as it was).
// Time and memory are bounded by the parent (test/fuzz.test.ts, or `npm run fuzz`): it runs
// this file in a child process with a heap limit and kills it when a case makes no progress.
//
// Usage: node -r ts-node/register/transpile-only test/fuzz/fuzz-run.ts --seed N --count N [--kinds a,b]
// Prints one line per case ("case <n> <kind> ...") before running it and "ok <n> <exit>" after,
// "FAIL <n> <kind> <why>" for a broken promise (the mutant is saved in --keep DIR), and a last
// line "fuzz: N passed, N failed".
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesize } from "../../app/synthesize";
import { runAudit } from "../../cli/run-audit";
import { FORMAT_NAMES } from "../../reporters/formats";
import { Rng } from "../../bench/prng";

const ROOT = path.resolve(__dirname, "..", "..");
const FIX = path.join(ROOT, "rules", "fixtures");
const rel = (...p: string[]) => path.join(ROOT, ...p);

export type Kind = "tf-json" | "hcl" | "plan-json" | "intents" | "intents-yaml" | "org" | "environment" | "jmx" | "nginx";
export const KINDS: readonly Kind[] = ["tf-json", "hcl", "plan-json", "intents", "intents-yaml", "org", "environment", "jmx", "nginx"];

/** The seeds of each kind: the project's own fixtures, as users' files look. */
function seeds(kind: Kind): string[] {
  const inDir = (dir: string, re: RegExp) =>
    fs
      .readdirSync(dir)
      .filter((f) => re.test(f))
      .map((f) => path.join(dir, f));
  const fixtures = (re: RegExp) => fs.readdirSync(FIX).flatMap((rule) => inDir(path.join(FIX, rule), re));
  switch (kind) {
    case "tf-json":
      return fixtures(/\.tf\.json$/);
    case "hcl":
      return [rel("test/fixtures/equivalence/main.tf"), rel("examples/loadtest/main.tf"), ...inDir(rel("test/fixtures/inputs/tree"), /\.tf$/)];
    case "plan-json":
      return [rel("test/fixtures/equivalence/plan.json")];
    case "intents":
    case "intents-yaml":
      return [...fixtures(/^intents\.json$/), rel("test/fixtures/equivalence/intents.json")];
    case "org":
      return [rel("config/org/test.json"), rel("config/org/prod.json")];
    case "environment":
      return [rel("config/environments/test.json"), rel("config/environments/prod.json")];
    case "jmx":
      return [...fixtures(/\.jmx$/), ...inDir(rel("test/fixtures/jmeter"), /\.jmx$/)];
    case "nginx":
      return [...fixtures(/\.conf$/), ...inDir(rel("test/fixtures/nginx"), /\.conf$/)];
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations: of the text (any kind) and of the parsed value (JSON kinds)

const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "valueOf"];
const ODD = [
  "\u00a0",
  "\v",
  "\f",
  "\ufeff",
  "\u0000",
  "\u001b[31m",
  "\u202e",
  "\u2028",
  "\r",
  "\n",
  "\t",
  "\\",
  '"',
  "'",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  ";",
  "${",
  "%{",
  "$${",
  "<<EOF\n",
  "&a",
  "*a",
  "<!--",
  "]]>",
  "<![CDATA[",
  "&amp;",
  "&#0;",
  "1e999",
  "-0",
  "99999999999999999999",
  "NaN",
  "null",
  "true",
  "@here",
  "![x](https://example.invalid/x.png)",
];

function randomText(rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0:
      return rng.pick(NAMES);
    case 1:
      return rng.pick(ODD);
    case 2:
      return String.fromCharCode(rng.int(0, 0xffff));
    case 3:
      return "A".repeat(rng.pick([201, 5000, 300000]));
    default:
      return `${"[".repeat(rng.pick([300, 3000]))}${"]".repeat(rng.pick([0, 300, 3000]))}`;
  }
}

function mutateText(text: string, rng: Rng): string {
  let out = text;
  for (let n = rng.int(1, 3); n > 0; n--) {
    const at = rng.int(0, out.length);
    const len = rng.int(1, Math.max(1, Math.min(200, out.length - at)));
    switch (rng.int(0, 5)) {
      case 0: // insert
        out = out.slice(0, at) + randomText(rng) + out.slice(at);
        break;
      case 1: // delete a range
        out = out.slice(0, at) + out.slice(at + len);
        break;
      case 2: // repeat a range (repeated keys, blocks, directives)
        out = out.slice(0, at + len) + out.slice(at, at + len) + out.slice(at + len);
        break;
      case 3: // replace one character
        out = out.slice(0, at) + randomText(rng).slice(0, 1) + out.slice(at + 1);
        break;
      case 4: // truncate
        out = out.slice(0, at);
        break;
      default: // one kind of whitespace for another
        out = out.replace(/ /g, () => (rng.chance(0.02) ? rng.pick(["\u00a0", "\v", "\f", "\ufeff", "\u2003"]) : " "));
    }
  }
  return out;
}

function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(0, 8)) {
    case 0:
      return randomText(rng);
    case 1:
      return rng.pick([0, -1, 1e308, 2 ** 53 + 1, 0.5, -0]);
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return depth > 3 ? [] : [randomValue(rng, depth + 1)];
    case 5:
      return depth > 3 ? {} : { [rng.pick(NAMES)]: randomValue(rng, depth + 1) };
    case 6:
      return "${var.ttl}";
    case 7:
      return "x".repeat(rng.pick([10, 1024 * 1024]));
    default:
      return "";
  }
}

/** Replaces, removes or adds one value somewhere in a parsed JSON document. */
function mutateValue(doc: unknown, rng: Rng): unknown {
  const holders: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (holders.push([v, i]), walk(x)));
    else if (typeof v === "object" && v !== null)
      for (const k of Object.keys(v)) {
        holders.push([v as Record<string, unknown>, k]);
        walk((v as Record<string, unknown>)[k]);
      }
  };
  walk(doc);
  if (holders.length === 0) return randomValue(rng);
  const [holder, key] = rng.pick(holders);
  const choice = rng.int(0, 2);
  if (choice === 0) (holder as Record<string | number, unknown>)[key] = randomValue(rng);
  else if (choice === 1 && !Array.isArray(holder)) delete holder[key as string];
  else if (!Array.isArray(holder))
    Object.defineProperty(holder, rng.pick(NAMES), { value: randomValue(rng), enumerable: true, writable: true, configurable: true });
  return doc;
}

function mutant(kind: Kind, text: string, rng: Rng): string {
  const json = kind !== "hcl" && kind !== "jmx" && kind !== "nginx" && kind !== "intents-yaml";
  if (json && rng.chance(0.5)) {
    const doc = mutateValue(JSON.parse(text), rng);
    return JSON.stringify(doc, null, rng.chance(0.5) ? 2 : undefined) ?? "";
  }
  return mutateText(text, rng);
}

// ---------------------------------------------------------------------------------------------
// One case

export interface CaseResult {
  exit: number;
  problem?: string;
  /** The one error line of an exit 2, for seeing how deep the mutants get. */
  error?: string;
}

const SENTINEL = "previous report: must survive a failed run\n";

async function runCase(kind: Kind, rng: Rng, dir: string): Promise<CaseResult> {
  const seed = rng.pick(seeds(kind));
  let text = fs.readFileSync(seed, "utf8");
  if (kind === "intents-yaml") text = require("yaml").stringify(JSON.parse(text));
  const mutated = mutant(kind, text, rng);
  if (kind === "environment") return runSynthCase(seed, mutated, dir);

  const main = path.join(dir, "main.tf.json");
  fs.copyFileSync(path.join(FIX, "GRG003", "fail.tf.json"), main);
  const name = {
    "tf-json": "main.tf.json",
    hcl: "main.tf",
    "plan-json": "plan.json",
    intents: "intents.json",
    "intents-yaml": "intents.yaml",
    org: "org.json",
    jmx: "plan.jmx",
    nginx: "proxy.conf",
  }[kind];
  const file = path.join(dir, name);
  if (kind === "hcl") fs.rmSync(main);
  fs.writeFileSync(file, mutated);
  const args: string[] = [];
  if (kind === "tf-json" || kind === "hcl" || kind === "plan-json") args.push(file);
  else args.push(main);
  if (kind === "intents" || kind === "intents-yaml") args.push("--intents", file);
  if (kind === "org") args.push("--org", file);
  if (kind === "jmx") args.push("--jmeter", file, "--principal", "genesyscloud_oauth_client.loadtest");
  if (kind === "nginx") args.push("--nginx", file, "--principal", "genesyscloud_oauth_client.loadtest");
  args.push("--format", rng.pick(FORMAT_NAMES), "--today", "2026-12-01");
  const output = path.join(dir, "report.out");
  const bundle = path.join(dir, "bundle");
  const where = rng.int(0, 2);
  if (where === 1) {
    fs.writeFileSync(output, SENTINEL);
    args.push("--output", output);
  }
  if (where === 2) args.push("--bundle", bundle);

  let stderr = "";
  let exit: number;
  try {
    exit = await runAudit(args, { stdout: () => undefined, stderr: (t) => (stderr += t) });
  } catch (err) {
    return { exit: 3, problem: `internal error: ${(err as Error).stack?.split("\n").slice(0, 4).join(" | ")}` };
  }
  if (![0, 1, 2].includes(exit)) return { exit, problem: `exit ${exit}` };
  if (exit !== 2) return { exit };
  const lines = stderr.trimEnd().split("\n");
  if (lines.length !== 1) return { exit, problem: `exit 2 with ${lines.length} stderr lines: ${JSON.stringify(stderr.slice(0, 300))}` };
  if (!/^error: /.test(lines[0]) || !namesAFile(lines[0], [file, main, output, bundle]))
    return { exit, problem: `exit 2 line names no file: ${JSON.stringify(lines[0].slice(0, 300))}` };
  if (where === 1 && fs.readFileSync(output, "utf8") !== SENTINEL) return { exit, problem: "exit 2 but --output was written" };
  if (where === 2 && fs.existsSync(bundle)) return { exit, problem: "exit 2 but the bundle was written" };
  return { exit, error: lines[0].replace(dir + path.sep, "") };
}

function namesAFile(line: string, files: readonly string[]): boolean {
  return /<stdin>|GRG_MAX_INPUT_MB/.test(line) || files.some((f) => line.includes(path.basename(f)));
}

function runSynthCase(seed: string, mutated: string, dir: string): CaseResult {
  const environments = path.join(dir, "environments");
  fs.mkdirSync(environments);
  fs.cpSync(rel("config/org"), path.join(dir, "org"), { recursive: true });
  const file = path.join(environments, path.basename(seed));
  fs.writeFileSync(file, mutated);
  // A previous synthesis that a failed run must leave as it was.
  const outdir = path.join(dir, "cdktf.out");
  fs.mkdirSync(path.join(outdir, "stacks", "test"), { recursive: true });
  fs.writeFileSync(path.join(outdir, "manifest.json"), '{"version":"previous"}\n');
  const log: string[] = [];
  let exit: number;
  try {
    exit = synthesize({ environmentsDir: environments, outdir, log: (l) => log.push(l) });
  } catch (err) {
    return { exit: 3, problem: `internal error: ${(err as Error).stack?.split("\n").slice(0, 4).join(" | ")}` };
  }
  if (![0, 1, 2].includes(exit)) return { exit, problem: `exit ${exit}` };
  if (exit === 0) return { exit };
  if (fs.readFileSync(path.join(outdir, "manifest.json"), "utf8") !== '{"version":"previous"}\n')
    return { exit, problem: `exit ${exit} but cdktf.out was replaced` };
  if (exit === 2) {
    const errors = log.filter((l) => l.startsWith("error: "));
    if (errors.length !== 1 || (!errors[0].includes(path.basename(seed)) && !errors[0].includes("org/")))
      return { exit, problem: `exit 2 log: ${JSON.stringify(log.join("\n").slice(0, 300))}` };
  }
  return { exit };
}

// ---------------------------------------------------------------------------------------------

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const seed = Number(arg("seed", String(Date.now() % 100000)));
  const count = Number(arg("count", "200"));
  const kinds = arg("kinds", KINDS.join(",")).split(",") as Kind[];
  const keep = arg("keep", path.join(os.tmpdir(), "grg-fuzz-failures"));
  console.log(`fuzz: seed ${seed}, ${count} cases over ${kinds.join(", ")}`);
  let passed = 0;
  let failed = 0;
  for (let n = 0; n < count; n++) {
    // One generator per case, from (seed, n): any case replays alone.
    const rng = new Rng((seed * 100003 + n) >>> 0);
    const kind = kinds[n % kinds.length];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-fuzz-"));
    console.log(`case ${n} ${kind}`);
    const result = await runCase(kind, rng, dir);
    if (result.problem) {
      failed++;
      const saved = path.join(keep, `seed-${seed}-case-${n}`);
      fs.mkdirSync(keep, { recursive: true });
      fs.cpSync(dir, saved, { recursive: true });
      console.log(`FAIL ${n} ${kind} ${result.problem.replace(/\s+/g, " ").slice(0, 500)} (kept in ${saved})`);
    } else {
      passed++;
      console.log(`ok ${n} ${result.exit}${result.error ? ` ${result.error.slice(0, 200)}` : ""}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`fuzz: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) void main();
