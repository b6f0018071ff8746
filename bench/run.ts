// `npm run bench`: how much the audit costs compared with JSON.parse of the same text, whether
// it scales linearly, and how much the synth gate adds to `cdktf synth`. A report: it exits 0
// even when a target fails, printing FAIL. The last line is the 10k audit/parse ratio.
//
// `npm run bench -- --smoke` (or GRG_BENCH_SMOKE=1) runs every part once on small sizes, in a few
// seconds: its figures mean nothing, but a part that crashes (or a synthesis that does not
// succeed) exits non-zero. .ci/run runs it after npm test, so a change that breaks the bench is
// seen the day it is made.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildApp } from "../app/build-app";
import { RecordingGuard } from "../app/recording-guard";
import type { EnvironmentStack } from "../stacks/environment-stack";
import { synthesize } from "../app/synthesize";
import { formatText } from "../reporters/text";
import { benchJmx, JMX_TARGET_BYTES, JMX_TARGET_MS } from "./jmx";
import { benchHcl, HCL_TARGETS, type HclSize } from "./hcl";
import { loadBaseline } from "./baseline";
import { parseIntents } from "../readers/intents";
import { type Intents } from "../model/intents";
import { audit } from "../engine/engine";
import type { Finding } from "../core/finding";
import { ALL_RULES } from "../rules";
import { ruleCosts } from "./rule-costs";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { terraformJsonDuplicates } from "../readers/terraform/json-duplicates";
import { parseJsonText } from "../readers/json-text";
import { generateConfig } from "./generate";
import { writeBenchEnvironment } from "./synth-env";
import { collectGarbage, gcAvailable, median, ms, timeInterleaved, timeOnce } from "./timing";

const REPO_ROOT = path.resolve(__dirname, "..");
/** The committed documented defaults; the synth benchmark writes a copy for its own environment. */
const ORG_SETTINGS = path.join(REPO_ROOT, "config", "org", "test.json");

interface BenchConfig {
  smoke: boolean;
  /**
   * The sizes are timed together, in rounds: each round runs every size `perRound` times (JSON.parse,
   * then the audit, of the same text), so that drift on the machine (other load, CPU frequency) hits
   * 10k and 50k alike. Timed one size after the other, a change of load between the two series moved
   * the 50k/10k ratio by more than a whole resource-count's worth (5.6x to 7.3x in three runs).
   * Three sizes: small, base (the audit/parse target) and large (the growth target, large/base).
   */
  sizes: [SizeSpec, SizeSpec, SizeSpec];
  rounds: { warmup: number; max: number; min: number };
  /** HCL vs Terraform JSON through the CLI (bench/hcl.ts): base and large sizes, runs of each. */
  hcl: { sizes: [number, number]; reps: number };
  /** Time budget for the timed rounds (a warm-up round tells what one costs): a regression gets fewer. */
  roundsBudgetMs: number;
  ruleCostReps: number;
  /** Service accounts of the synth benchmark's environment: a role and a client each. */
  synthAccounts: number;
  synth: { warmup: number; reps: number };
  gateWork: { warmup: number; reps: number };
  jmx: { bytes: number; warmup: number; reps: number };
  baseline: { warmup: number; reps: number };
}

interface SizeSpec {
  resources: number;
  perRound: number;
}

const FULL: BenchConfig = {
  smoke: false,
  sizes: [
    { resources: 1_000, perRound: 8 },
    { resources: 10_000, perRound: 4 },
    { resources: 50_000, perRound: 1 },
  ],
  rounds: { warmup: 2, max: 9, min: 3 },
  roundsBudgetMs: 30_000,
  hcl: { sizes: [10_000, 50_000], reps: 3 },
  ruleCostReps: 3,
  synthAccounts: 1000, // ~2k resources
  synth: { warmup: 2, reps: 3 },
  gateWork: { warmup: 3, reps: 7 },
  jmx: { bytes: JMX_TARGET_BYTES, warmup: 2, reps: 7 },
  baseline: { warmup: 2, reps: 9 },
};

/** Every part once, on sizes that take milliseconds: a crash test, not a measurement. */
const SMOKE: BenchConfig = {
  smoke: true,
  sizes: [
    { resources: 200, perRound: 1 },
    { resources: 1_000, perRound: 1 },
    { resources: 2_000, perRound: 1 },
  ],
  rounds: { warmup: 1, max: 1, min: 1 },
  roundsBudgetMs: 1_000,
  hcl: { sizes: [300, 600], reps: 1 },
  ruleCostReps: 1,
  synthAccounts: 20,
  synth: { warmup: 0, reps: 1 },
  gateWork: { warmup: 0, reps: 1 },
  jmx: { bytes: 100_000, warmup: 0, reps: 1 },
  baseline: { warmup: 0, reps: 1 },
};

const TARGETS = { auditVsParseAt10k: 3, scale50kVs10k: 6, gateOverhead: 0.15, perResourceVsBaseline: 1.1 };

interface SizeResult {
  resources: number;
  mb: number;
  parse: number;
  audit: number;
  phases: { parse: number; read: number; engine: number };
  findings: number;
}

function auditText(text: string, intents: Intents, phases?: number[][]): Finding[] {
  const t0 = process.hrtime.bigint();
  // As the CLI reads a Terraform JSON file: JSON.parse plus the repeated-key and nesting checks.
  const doc = parseJsonText(text, "bench/cdk.tf.json", terraformJsonDuplicates);
  const t1 = process.hrtime.bigint();
  const config = readTerraformJson(doc, "bench/cdk.tf.json");
  const t2 = process.hrtime.bigint();
  const findings = audit({ config, intents, intentsFile: "bench/intents.json", environmentKind: "test" });
  const t3 = process.hrtime.bigint();
  phases?.push([t1 - t0, t2 - t1, t3 - t2].map((d) => Number(d) / 1e6));
  return findings;
}

interface SizeSeries {
  resources: number;
  text: string;
  intents: Intents;
  perRound: number;
  parse: number[];
  audit: number[];
  phases: number[][];
  findings: Finding[];
}

/**
 * One round: every size `perRound` times, JSON.parse and the audit, in turn first. Whichever runs
 * second pays for collecting the garbage the first left (JSON.parse's document is garbage the
 * moment it returns): always parsing first charged that to the audit, and JSON.parse looked
 * cheaper than it is beside it (24-31 ms against 36 ms in the baseline's interleaved rounds).
 */
function runRound(series: readonly SizeSeries[]): number {
  const start = process.hrtime.bigint();
  for (const s of series) {
    for (let i = 0; i < s.perRound; i++) {
      const parse = () => s.parse.push(timeOnce(() => JSON.parse(s.text)));
      const auditOnce = () => s.audit.push(timeOnce(() => (s.findings = auditText(s.text, s.intents, s.phases))));
      if ((s.parse.length & 1) === 0) {
        parse();
        auditOnce();
      } else {
        auditOnce();
        parse();
      }
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function benchSizes(config: BenchConfig): { results: (SizeResult & { reps: number })[]; rounds: number } {
  const { rounds: ROUNDS } = config;
  const series: SizeSeries[] = config.sizes.map(({ resources, perRound }) => {
    const generated = generateConfig(resources);
    // Intents are validated once, outside the timed region.
    return {
      resources: generated.resourceCount,
      text: generated.text,
      intents: parseIntents(generated.intents, "bench/intents.json"),
      perRound,
      parse: [],
      audit: [],
      phases: [],
      findings: [],
    };
  });
  collectGarbage(); // what generating the texts left behind
  let roundMs = 0;
  for (let i = 0; i < ROUNDS.warmup; i++) roundMs = runRound(series);
  for (const s of series) {
    s.parse = [];
    s.audit = [];
    s.phases = [];
  }
  const rounds = Math.max(ROUNDS.min, Math.min(ROUNDS.max, Math.floor(config.roundsBudgetMs / Math.max(roundMs, 1))));
  for (let i = 0; i < rounds; i++) runRound(series);
  const results = series.map((s) => {
    const phase = (i: number) => median(s.phases.map((p) => p[i]));
    return {
      resources: s.resources,
      mb: Buffer.byteLength(s.text) / 1e6,
      parse: median(s.parse),
      audit: median(s.audit),
      phases: { parse: phase(0), read: phase(1), engine: phase(2) },
      findings: s.findings.length,
      reps: s.audit.length,
    };
  });
  return { results, rounds };
}

interface SynthResult {
  off: number;
  on: number;
  offSamples: number[];
  onSamples: number[];
  rcOff: number;
  rcOn: number;
  resources: number;
  gateLines: number;
  /** The gate's own work (app/synth-gate.ts on one synthesized stack, plus formatting its findings). */
  gateWork: number;
}

function benchSynth(config: BenchConfig): SynthResult {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "grg-bench-"));
  try {
    const envDir = path.join(root, "environments");
    fs.mkdirSync(envDir);
    writeBenchEnvironment(envDir, path.join(root, "org"), ORG_SETTINGS, config.synthAccounts);
    let counter = 0;
    let rcOff = -1;
    let rcOn = -1;
    let gateLines = 0;
    const once = (gate: boolean, keep = false) => {
      const outdir = path.join(root, `out-${counter++}`);
      const lines: string[] = [];
      const rc = synthesize({ environmentsDir: envDir, outdir, gate, log: (l) => lines.push(l) });
      // Only a synthesis that ran through is a measurement (the gate may refuse: exit 1); bad
      // input (exit 2) means the bench itself is broken, and its "timings" would time an error.
      if (rc !== 0 && !(gate && rc === 1))
        throw new Error(`bench: synthesize() of the bench environment (gate ${gate ? "on" : "off"}) exited ${rc}:\n${lines.join("\n")}`);
      if (gate) {
        rcOn = rc;
        gateLines = lines.length;
      } else rcOff = rc;
      if (!keep) fs.rmSync(outdir, { recursive: true, force: true });
      return outdir;
    };
    // Interleaved (off, on, off, on, ...) so that drift and JIT warm-up of cdktf hit both alike.
    const timed = timeInterleaved({ off: () => once(false), on: () => once(true) }, config.synth.warmup, config.synth.reps);

    // What the gate adds, measured on its own: the code synthesize() runs only when the gate is on
    // (app/recording-guard.ts auditStack on the JSON cdktf computes to write the stack: readTerraformJson,
    // the stack's intents and load plans, audit; then the findings formatted for the log).
    const gateOut = path.join(root, "gate-work");
    const { app, stacks } = buildApp(envDir, gateOut);
    app.synth();
    const guard = RecordingGuard.of(app, { forStack: (s) => ({ org: (s as EnvironmentStack).org, environmentKind: (s as EnvironmentStack).config.kind }) });
    const stack = stacks[0];
    // cdktf computes the stack's JSON to write it anyway; the guard audits that same JSON (reuseOnce).
    const json = stack.toTerraform();
    const stackDir = path.join(gateOut, "stacks", stack.node.id);
    const doc = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    let resources = 0;
    for (const section of [doc.resource ?? {}, doc.data ?? {}]) for (const byName of Object.values(section)) resources += Object.keys(byName as object).length;
    const gate = timeInterleaved(
      {
        gate: () => {
          const { findings } = guard.auditStack(stack, json);
          return findings.length ? formatText(findings) : "";
        },
      },
      config.gateWork.warmup,
      config.gateWork.reps,
    );
    return {
      off: timed.off.median,
      on: timed.on.median,
      offSamples: timed.off.samples,
      onSamples: timed.on.samples,
      rcOff,
      rcOn,
      resources,
      gateLines,
      gateWork: gate.gate.median,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

let smokeRun = false;

/** PASS or FAIL; a smoke run's figures are not judged (its sizes are far too small to mean anything). */
/**
 * Today's audit against the baseline's (bench/baseline.ts), interleaved on the same 10k text:
 * what the full schema, the schema history, modules and the rest of issue #11 cost per resource.
 */
function benchBaseline(
  config: BenchConfig,
  generated: { text: string; intents: unknown; resourceCount: number },
): { summary: string; ratio?: number; ref?: string; baselineVsParse?: number } {
  const baseline = loadBaseline(REPO_ROOT);
  if ("skipped" in baseline) return { summary: `baseline not run: ${baseline.skipped}` };
  const intents = parseIntents(generated.intents, "bench/intents.json");
  const timed = timeInterleaved(
    {
      today: () => auditText(generated.text, intents),
      baseline: () => baseline.auditText(generated.text, generated.intents),
      // JSON.parse of the same text in the same rounds: the audit/parse ratio the baseline code has on this machine today.
      parse: () => JSON.parse(generated.text),
    },
    config.baseline.warmup,
    config.baseline.reps,
  );
  const count = generated.resourceCount;
  const perResource = (m: number) => `${((m * 1000) / count).toFixed(1)} us`;
  const ratio = timed.today.median / timed.baseline.median;
  const baselineVsParse = timed.baseline.median / timed.parse.median;
  return {
    ref: baseline.ref,
    ratio,
    baselineVsParse,
    summary:
      `per-resource audit time vs ${baseline.ref} (before issue #11: 11 types, one schema), interleaved, median of ${config.baseline.reps}: today ${ms(timed.today.median)} ms (${perResource(timed.today.median)}/resource), baseline ${ms(timed.baseline.median)} ms (${perResource(timed.baseline.median)}/resource): ${ratio.toFixed(2)}x` +
      `; JSON.parse of the same text ${ms(timed.parse.median)} ms: audit/parse today ${(timed.today.median / timed.parse.median).toFixed(2)}x, baseline ${baselineVsParse.toFixed(2)}x`,
  };
}

function verdict(ok: boolean): string {
  return smokeRun ? "n/a " : ok ? "PASS" : "FAIL";
}

function main(config: BenchConfig): void {
  const started = process.hrtime.bigint();
  const [, base, large] = config.sizes.map((s) => s.resources);
  const k = (n: number) => `${n / 1000}k`;
  smokeRun = config.smoke;
  if (config.smoke) console.log("smoke run: every part once on small sizes; the figures mean nothing (targets are not judged), only that each part runs");
  console.log(
    `genesys-recording-guard bench: node ${process.version}, ${os.cpus().length} cpu(s), ${ALL_RULES.length} rules (${ALL_RULES.map((r) => r.id).join(" ")}), GC forced between series ${gcAvailable() ? "yes" : "no (not exposed)"}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log("");
  console.log("audit = parseJsonText (JSON.parse + repeated-key and nesting checks) + readTerraformJson + audit(intents); medians in ms");
  console.log(
    `${"resources".padStart(9)} ${"MB".padStart(6)} ${"parse".padStart(8)} ${"audit".padStart(8)} ${"ratio".padStart(6)}   ${"(parse".padStart(7)} ${"read".padStart(7)} ${"engine)".padStart(8)} ${"findings".padStart(9)} reps`,
  );
  const { results: sized, rounds } = benchSizes(config);
  for (const r of sized) {
    console.log(
      `${String(r.resources).padStart(9)} ${r.mb.toFixed(1).padStart(6)} ${ms(r.parse).padStart(8)} ${ms(r.audit).padStart(8)} ${(r.audit / r.parse).toFixed(2).padStart(6)}   ${ms(r.phases.parse).padStart(7)} ${ms(r.phases.read).padStart(7)} ${ms(r.phases.engine).padStart(8)} ${String(r.findings).padStart(9)} ${r.reps}`,
    );
  }
  console.log(
    `${rounds} rounds after ${config.rounds.warmup} warm-up rounds; each round times every size (${config.sizes.map((s) => `${k(s.resources)} x${s.perRound}`).join(", ")})${rounds < config.rounds.max ? ` (of ${config.rounds.max}: over the time budget)` : ""}`,
  );
  const mem = process.memoryUsage();
  console.log(
    `memory after the ${k(large)} run: rss ${(mem.rss / 1048576).toFixed(0)} MiB, heapUsed ${(mem.heapUsed / 1048576).toFixed(0)} MiB, peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );

  console.log("");
  console.log(`engine cost at ${base} resources, ms (setup = resolver + principals; each rule's check alone; findings in parentheses):`);
  const gBase = generateConfig(base);
  const breakdown = ruleCosts(
    () => readTerraformJson(JSON.parse(gBase.text), "bench/cdk.tf.json"),
    parseIntents(gBase.intents, "bench/intents.json"),
    config.ruleCostReps,
  );
  const shown = breakdown.filter((b) => b.id === "setup" || b.ms >= 0.1 || b.findings);
  const cheap = breakdown.filter((b) => !shown.includes(b)).map((b) => b.id);
  console.log(
    `  ${shown.map((b) => `${b.id} ${ms(b.ms)}${b.findings ? ` (${b.findings})` : ""}`).join(", ")}${cheap.length ? `; under 0.1 ms: ${cheap.join(" ")}` : ""}`,
  );

  console.log("");
  const vsBaseline = benchBaseline(config, gBase);
  console.log(vsBaseline.summary);

  console.log("");
  const synth = benchSynth(config);
  // The verdict uses the gate's own work: whole synths of this size swing by several hundred ms
  // from run to run on a shared machine, far more than the gate costs, so the difference of two
  // medians of a few synths says more about the machine than about the gate (shown, with spreads).
  const overhead = synth.gateWork / synth.off;
  const spread = (xs: number[]) => `${ms(Math.min(...xs))}-${ms(Math.max(...xs))}`;
  console.log(
    `synth of ${config.synthAccounts} service accounts (${synth.resources} resources), median of ${config.synth.reps}: gate off ${ms(synth.off)} ms (${spread(synth.offSamples)}, exit ${synth.rcOff}), gate on ${ms(synth.on)} ms (${spread(synth.onSamples)}, exit ${synth.rcOn}${synth.gateLines > 1 ? `, ${synth.gateLines} log lines` : ""}): difference ${((synth.on / synth.off - 1) * 100).toFixed(1)}%`,
  );
  console.log(
    `the gate's own work on that stack (app/recording-guard.ts auditStack on the JSON cdktf writes: readTerraformJson, intents, audit; findings formatted), median of ${config.gateWork.reps}: ${ms(synth.gateWork)} ms = ${(100 * overhead).toFixed(1)}% of the gate-off synth`,
  );

  // By position: small, base, large (the generator's resource count may differ from the size asked for).
  const [, r10, r50] = sized;
  const ratio10 = r10.audit / r10.parse;
  const scale = r50.audit / r10.audit;
  console.log("");
  // HCL vs Terraform JSON (issue 17), end to end through the CLI.
  const hcl = benchHcl(config.hcl.sizes, config.hcl.reps, true);
  console.log(
    `HCL vs the same configuration as hcl2json's JSON, through the CLI (dist/cli/bin.js audit --format json), median of ${config.hcl.reps} interleaved runs:`,
  );
  for (const h of hcl) {
    console.log(
      `  ${String(h.resources).padStart(6)} resources, ${h.hclMB.toFixed(1)} MB of HCL: HCL ${ms(h.hclMs)} ms / ${h.hclRssMiB.toFixed(0)} MiB, JSON ${ms(h.jsonMs)} ms / ${h.jsonRssMiB.toFixed(0)} MiB; time ${(h.hclMs / h.jsonMs).toFixed(2)}x, peak RSS ${(h.hclRssMiB / h.jsonRssMiB).toFixed(2)}x; ${h.handedBack} of ${h.items} items handed to hcl2json; same findings (${h.findings}): ${h.sameFindings ? "yes" : "NO"}${h.sameAsHcl2json === null ? "" : `; JSON identical to hcl2json's (item by item): ${h.sameAsHcl2json ? "yes" : "NO"}`}`,
    );
  }
  console.log("");
  // The JMeter reader (issue 6): a generated 5 MB plan, read and modelled.
  const jmx = benchJmx(config.jmx.reps, config.jmx.bytes, config.jmx.warmup);
  console.log(jmx.summary);
  console.log("");
  console.log("targets:");
  console.log(
    `  ${verdict(ratio10 <= TARGETS.auditVsParseAt10k)}  audit <= ${TARGETS.auditVsParseAt10k}x JSON.parse at ${base} resources: ${ratio10.toFixed(2)}x (${ms(r10.audit)} vs ${ms(r10.parse)} ms)${vsBaseline.baselineVsParse !== undefined ? `; the baseline ${vsBaseline.ref} on this machine: ${vsBaseline.baselineVsParse.toFixed(2)}x` : ""}`,
  );
  console.log(
    `  ${verdict(scale <= TARGETS.scale50kVs10k)}  audit at ${large} <= ${TARGETS.scale50kVs10k}x audit at ${base} (linear): ${scale.toFixed(2)}x (${ms(r50.audit)} vs ${ms(r10.audit)} ms; JSON.parse alone grew ${(r50.parse / r10.parse).toFixed(2)}x, the audit's own read + engine ${((r50.phases.read + r50.phases.engine) / (r10.phases.read + r10.phases.engine)).toFixed(2)}x)`,
  );
  if (vsBaseline.ratio !== undefined)
    console.log(
      `  ${verdict(vsBaseline.ratio <= TARGETS.perResourceVsBaseline)}  per-resource audit time at ${base} resources <= ${TARGETS.perResourceVsBaseline}x the baseline's (${vsBaseline.ref}): ${vsBaseline.ratio.toFixed(2)}x`,
    );
  else console.log(`  skip  per-resource audit time vs the baseline: ${vsBaseline.summary}`);
  const [hBase, hLarge] = hcl as [HclSize, HclSize];
  console.log(
    `  ${verdict(hBase.hclMs <= HCL_TARGETS.timeAtBase * hBase.jsonMs && hBase.hclRssMiB <= HCL_TARGETS.rssAtBase * hBase.jsonRssMiB && hBase.handedBack === 0 && hBase.sameFindings && hBase.sameAsHcl2json !== false)}  HCL at ${hBase.resources} resources <= ${HCL_TARGETS.timeAtBase}x JSON's time and <= ${HCL_TARGETS.rssAtBase}x its peak RSS, nothing handed back, same findings: ${(hBase.hclMs / hBase.jsonMs).toFixed(2)}x, ${(hBase.hclRssMiB / hBase.jsonRssMiB).toFixed(2)}x, ${hBase.handedBack} handed back, ${hBase.sameFindings ? "same" : "different"} findings`,
  );
  console.log(
    `  ${verdict(hLarge.hclMs < HCL_TARGETS.timeAtLarge * hLarge.jsonMs && hLarge.hclRssMiB < HCL_TARGETS.rssAtLargeMiB)}  HCL at ${hLarge.resources} resources < ${HCL_TARGETS.timeAtLarge}x JSON's time, peak RSS < ${HCL_TARGETS.rssAtLargeMiB} MiB: ${(hLarge.hclMs / hLarge.jsonMs).toFixed(2)}x, ${hLarge.hclRssMiB.toFixed(0)} MiB`,
  );
  console.log(`  ${verdict(jmx.pass)}  reading a ${jmx.mb.toFixed(1)} MB .jmx takes under ${JMX_TARGET_MS} ms: ${ms(jmx.readMs)} ms`);
  console.log(
    `  ${verdict(overhead <= TARGETS.gateOverhead)}  synth gate adds <= ${(TARGETS.gateOverhead * 100).toFixed(0)}%: ${(overhead * 100).toFixed(1)}% (its own work ${ms(synth.gateWork)} ms on a ${ms(synth.off)} ms synth)`,
  );
  console.log(`bench took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  console.log(`audit/parse ratio at ${base} resources: ${ratio10.toFixed(2)}`);
}

const BENCH_USAGE = `Usage: npm run bench [-- --smoke]

  (no option)  the benchmark: 1k, 10k and 50k resources, synth of 1000 service accounts, a 5 MB
               .jmx; about 80 s on 2 cores; prints figures and PASS/FAIL per target, exits 0
  --smoke      every part once on small sizes (a few seconds); exits non-zero only when a part
               crashes (also GRG_BENCH_SMOKE=1)
  -h, --help   show this help
`;

function cli(argv: readonly string[]): void {
  const unknown = argv.find((a) => a !== "--smoke" && a !== "--help" && a !== "-h");
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(BENCH_USAGE);
    return;
  }
  if (unknown !== undefined) {
    process.stderr.write(`error: bench: unknown argument ${JSON.stringify(unknown)} (see --help)\n`);
    process.exitCode = 2;
    return;
  }
  const fromEnv = process.env.GRG_BENCH_SMOKE;
  const smoke = argv.includes("--smoke") || (fromEnv !== undefined && fromEnv !== "" && fromEnv !== "0");
  try {
    main(smoke ? SMOKE : FULL);
  } catch (err) {
    process.stderr.write(`bench crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}

cli(process.argv.slice(2));
