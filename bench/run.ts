// `npm run bench`: how much the audit costs compared with JSON.parse of the same text, whether
// it scales linearly, and how much the synth gate adds to `cdktf synth`. A report: it exits 0
// even when a target fails, printing FAIL. The last line is the 10k audit/parse ratio.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildApp } from "../app/build-app";
import { gateStack } from "../app/synth-gate";
import { synthesize } from "../app/synthesize";
import { formatText } from "../reporters/text";
import { benchJmx, JMX_TARGET_MS } from "./jmx";
import { parseIntents, type Intents } from "../inputs/intents";
import { audit } from "../policy/engine";
import type { Finding } from "../policy/finding";
import { ALL_RULES } from "../policy/rules";
import { ruleCosts } from "./rule-costs";
import { readTerraformJson } from "../terraform/tf-json";
import { generateConfig } from "./generate";
import { writeBenchEnvironment } from "./synth-env";
import { collectGarbage, gcAvailable, median, ms, timeInterleaved, timeOnce } from "./timing";

const REPO_ROOT = path.resolve(__dirname, "..");
const ORG_SETTINGS = path.join(REPO_ROOT, "config", "org", "test.json");

/**
 * The sizes are timed together, in rounds: each round runs every size `perRound` times (JSON.parse,
 * then the audit, of the same text), so that drift on the machine (other load, CPU frequency) hits
 * 10k and 50k alike. Timed one size after the other, a change of load between the two series moved
 * the 50k/10k ratio by more than a whole resource-count's worth (5.6x to 7.3x in three runs).
 */
const SIZES = [
  { resources: 1_000, perRound: 8 },
  { resources: 10_000, perRound: 4 },
  { resources: 50_000, perRound: 1 },
];
const ROUNDS = { warmup: 2, max: 9, min: 3 };
/** Time budget for the timed rounds (a warm-up round tells what one costs): a regression gets fewer. */
const ROUNDS_BUDGET_MS = 30_000;
const SYNTH_ACCOUNTS = 1000; // a role and a client each: ~2k resources
const SYNTH = { warmup: 2, reps: 3 };

const TARGETS = { auditVsParseAt10k: 3, scale50kVs10k: 6, gateOverhead: 0.15 };

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
  const doc = JSON.parse(text);
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

/** One round: every size `perRound` times, JSON.parse and the audit alternately. */
function runRound(series: readonly SizeSeries[]): number {
  const start = process.hrtime.bigint();
  for (const s of series) {
    for (let i = 0; i < s.perRound; i++) {
      s.parse.push(timeOnce(() => JSON.parse(s.text)));
      s.audit.push(timeOnce(() => (s.findings = auditText(s.text, s.intents, s.phases))));
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function benchSizes(): { results: (SizeResult & { reps: number })[]; rounds: number } {
  const series: SizeSeries[] = SIZES.map(({ resources, perRound }) => {
    const generated = generateConfig(resources);
    // Intents are validated once, outside the timed region.
    return { resources: generated.resourceCount, text: generated.text, intents: parseIntents(generated.intents, "bench/intents.json"), perRound, parse: [], audit: [], phases: [], findings: [] };
  });
  collectGarbage(); // what generating the texts left behind
  let roundMs = 0;
  for (let i = 0; i < ROUNDS.warmup; i++) roundMs = runRound(series);
  for (const s of series) (s.parse = []), (s.audit = []), (s.phases = []);
  const rounds = Math.max(ROUNDS.min, Math.min(ROUNDS.max, Math.floor(ROUNDS_BUDGET_MS / Math.max(roundMs, 1))));
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

function benchSynth(): SynthResult {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "grg-bench-"));
  try {
    const envDir = path.join(root, "environments");
    fs.mkdirSync(envDir);
    writeBenchEnvironment(envDir, ORG_SETTINGS, SYNTH_ACCOUNTS);
    let counter = 0;
    let rcOff = -1;
    let rcOn = -1;
    let gateLines = 0;
    const once = (gate: boolean, keep = false) => {
      const outdir = path.join(root, `out-${counter++}`);
      const lines: string[] = [];
      const rc = synthesize({ environmentsDir: envDir, outdir, gate, log: (l) => lines.push(l) });
      if (gate) {
        rcOn = rc;
        gateLines = lines.length;
      } else rcOff = rc;
      if (!keep) fs.rmSync(outdir, { recursive: true, force: true });
      return outdir;
    };
    // Interleaved (off, on, off, on, ...) so that drift and JIT warm-up of cdktf hit both alike.
    const timed = timeInterleaved({ off: () => once(false), on: () => once(true) }, SYNTH.warmup, SYNTH.reps);

    // What the gate adds, measured on its own: the code synthesize() runs only when the gate is on
    // (app/synth-gate.ts gateStack: read back, JSON.parse, readTerraformJson, the stack's intents and
    // load plans, audit; then the findings formatted for the log), on a synthesized stack.
    const gateOut = path.join(root, "gate-work");
    const { app, stacks } = buildApp(envDir, gateOut);
    app.synth();
    const stack = stacks[0];
    const stackDir = path.join(gateOut, "stacks", stack.node.id);
    const doc = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    let resources = 0;
    for (const section of [doc.resource ?? {}, doc.data ?? {}]) for (const byName of Object.values(section)) resources += Object.keys(byName as object).length;
    const gate = timeInterleaved(
      {
        gate: () => {
          const { findings } = gateStack(stack, stackDir);
          return findings.length ? formatText(findings) : "";
        },
      },
      3,
      7,
    );
    return { off: timed.off.median, on: timed.on.median, offSamples: timed.off.samples, onSamples: timed.on.samples, rcOff, rcOn, resources, gateLines, gateWork: gate.gate.median };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function verdict(ok: boolean): string {
  return ok ? "PASS" : "FAIL";
}

function main(): void {
  const started = process.hrtime.bigint();
  console.log(`genesys-recording-guard bench: node ${process.version}, ${os.cpus().length} cpu(s), ${ALL_RULES.length} rules (${ALL_RULES.map((r) => r.id).join(" ")}), GC forced between series ${gcAvailable() ? "yes" : "no (not exposed)"}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log("");
  console.log("audit = JSON.parse + readTerraformJson + audit(intents); medians in ms");
  console.log(
    `${"resources".padStart(9)} ${"MB".padStart(6)} ${"parse".padStart(8)} ${"audit".padStart(8)} ${"ratio".padStart(6)}   ${"(parse".padStart(7)} ${"read".padStart(7)} ${"engine)".padStart(8)} ${"findings".padStart(9)} reps`,
  );
  const { results: sized, rounds } = benchSizes();
  const results = new Map<number, SizeResult>();
  for (const r of sized) {
    results.set(r.resources, r);
    console.log(
      `${String(r.resources).padStart(9)} ${r.mb.toFixed(1).padStart(6)} ${ms(r.parse).padStart(8)} ${ms(r.audit).padStart(8)} ${(r.audit / r.parse).toFixed(2).padStart(6)}   ${ms(r.phases.parse).padStart(7)} ${ms(r.phases.read).padStart(7)} ${ms(r.phases.engine).padStart(8)} ${String(r.findings).padStart(9)} ${r.reps}`,
    );
  }
  console.log(`${rounds} rounds after ${ROUNDS.warmup} warm-up rounds; each round times every size (${SIZES.map((s) => `${s.resources / 1000}k x${s.perRound}`).join(", ")})${rounds < ROUNDS.max ? ` (of ${ROUNDS.max}: over the time budget)` : ""}`);
  const mem = process.memoryUsage();
  console.log(`memory after the 50k run: rss ${(mem.rss / 1048576).toFixed(0)} MiB, heapUsed ${(mem.heapUsed / 1048576).toFixed(0)} MiB, peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

  console.log("");
  console.log("engine cost at 10000 resources, ms (setup = resolver + principals; each rule's check alone; findings in parentheses):");
  const g10 = generateConfig(10_000);
  const breakdown = ruleCosts(() => readTerraformJson(JSON.parse(g10.text), "bench/cdk.tf.json"), parseIntents(g10.intents, "bench/intents.json"), 3);
  const shown = breakdown.filter((b) => b.id === "setup" || b.ms >= 0.1 || b.findings);
  const cheap = breakdown.filter((b) => !shown.includes(b)).map((b) => b.id);
  console.log(`  ${shown.map((b) => `${b.id} ${ms(b.ms)}${b.findings ? ` (${b.findings})` : ""}`).join(", ")}${cheap.length ? `; under 0.1 ms: ${cheap.join(" ")}` : ""}`);

  console.log("");
  const synth = benchSynth();
  // The verdict uses the gate's own work: whole synths of this size swing by several hundred ms
  // from run to run on a shared machine, far more than the gate costs, so the difference of two
  // medians of a few synths says more about the machine than about the gate (shown, with spreads).
  const overhead = synth.gateWork / synth.off;
  const spread = (xs: number[]) => `${ms(Math.min(...xs))}-${ms(Math.max(...xs))}`;
  console.log(
    `synth of ${SYNTH_ACCOUNTS} service accounts (${synth.resources} resources), median of ${SYNTH.reps}: gate off ${ms(synth.off)} ms (${spread(synth.offSamples)}, exit ${synth.rcOff}), gate on ${ms(synth.on)} ms (${spread(synth.onSamples)}, exit ${synth.rcOn}${synth.gateLines > 1 ? `, ${synth.gateLines} log lines` : ""}): difference ${((synth.on / synth.off - 1) * 100).toFixed(1)}%`,
  );
  console.log(`the gate's own work on that stack (app/synth-gate.ts: read back, JSON.parse, readTerraformJson, intents, audit; findings formatted), median of 7: ${ms(synth.gateWork)} ms = ${(100 * overhead).toFixed(1)}% of the gate-off synth`);

  const r10 = results.get(10_000)!;
  const r50 = results.get(50_000)!;
  const ratio10 = r10.audit / r10.parse;
  const scale = r50.audit / r10.audit;
  console.log("");
  // The JMeter reader (issue 6): a generated 5 MB plan, read and modelled.
  const jmx = benchJmx();
  console.log(jmx.summary);
  console.log("");
  console.log("targets:");
  console.log(`  ${verdict(ratio10 <= TARGETS.auditVsParseAt10k)}  audit <= ${TARGETS.auditVsParseAt10k}x JSON.parse at 10000 resources: ${ratio10.toFixed(2)}x (${ms(r10.audit)} vs ${ms(r10.parse)} ms)`);
  console.log(
    `  ${verdict(scale <= TARGETS.scale50kVs10k)}  audit at 50000 <= ${TARGETS.scale50kVs10k}x audit at 10000 (linear): ${scale.toFixed(2)}x (${ms(r50.audit)} vs ${ms(r10.audit)} ms; JSON.parse alone grew ${(r50.parse / r10.parse).toFixed(2)}x, the audit's own read + engine ${((r50.phases.read + r50.phases.engine) / (r10.phases.read + r10.phases.engine)).toFixed(2)}x)`,
  );
  console.log(`  ${verdict(jmx.pass)}  reading a ${jmx.mb.toFixed(1)} MB .jmx takes under ${JMX_TARGET_MS} ms: ${ms(jmx.readMs)} ms`);
  console.log(`  ${verdict(overhead <= TARGETS.gateOverhead)}  synth gate adds <= ${(TARGETS.gateOverhead * 100).toFixed(0)}%: ${(overhead * 100).toFixed(1)}% (its own work ${ms(synth.gateWork)} ms on a ${ms(synth.off)} ms synth)`);
  console.log(`bench took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  console.log(`audit/parse ratio at 10000 resources: ${ratio10.toFixed(2)}`);
}

main();
