// Profiling helper (not part of `npm run bench`): audits one generated configuration so that
// `node --cpu-prof` can show where the time goes, then prints the top functions of the profile.
//   node -r ts-node/register/transpile-only --cpu-prof --cpu-prof-dir=/tmp/grg-prof bench/profile.ts 10000 20
//   node -r ts-node/register/transpile-only bench/profile.ts --areas /tmp/grg-prof/<file>.cpuprofile
//   node -r ts-node/register/transpile-only bench/profile.ts --rules 2000 10000 50000   (per-rule growth)
//   node -r ts-node/register/transpile-only bench/profile.ts --top /tmp/grg-prof/<file>.cpuprofile [count]
import * as fs from "fs";
import { audit } from "../engine/engine";
import { ALL_RULES } from "../rules";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { generateConfig } from "./generate";
import { ruleCosts } from "./rule-costs";
import { ms, timeOnce } from "./timing";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function top(file: string, count = 25): void {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const key = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/main\//, "")}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + t);
    }
  }
  const show = (title: string, m: Map<string, number>) => {
    console.log(title);
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`  ${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  };
  show("self time:", selfBy);
  show("inclusive time:", totalBy);
}

/** Per-rule cost (each check on its own, same context) at each size, and the growth. */
function scaling(sizes: number[]): void {
  const rows = new Map<string, number[]>();
  for (const size of sizes) {
    const g = generateConfig(size);
    for (const c of ruleCosts(() => readTerraformJson(JSON.parse(g.text), "bench/cdk.tf.json"), g.intents, 3))
      rows.set(c.id, [...(rows.get(c.id) ?? []), c.ms]);
  }
  console.log(`rule     ${sizes.map((s) => String(s).padStart(9)).join(" ")}   growth for ${sizes[sizes.length - 1] / sizes[0]}x size`);
  for (const [id, ts] of rows)
    console.log(`${id.padEnd(8)} ${ts.map((t) => ms(t).padStart(9)).join(" ")}   ${(ts[ts.length - 1] / Math.max(ts[0], 0.01)).toFixed(1)}x`);
}

/** Samples per area of the code: the deepest frame on the stack that belongs to a known area wins. */
function byArea(file: string): void {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const area = (n: ProfileNode): string | undefined => {
    const { functionName, url } = n.callFrame;
    if (functionName === "(garbage collector)") return "garbage collector";
    const m = /\/(policy\/rules\/grg\d+)[^/]*\.ts$/.exec(url);
    if (m) return m[1].replace("rules/", "rule ");
    if (/terraform\/schema-validation\.ts$/.test(url)) return "rule GRG012 (analyses/schema-validation.ts)";
    if (/terraform\/(tf-json|normalize)\.ts$/.test(url)) return "readTerraformJson (tf-json.ts, normalize.ts)";
    if (/policy\/(principals|references)\.ts$/.test(url) || (/policy\/roles\.ts$/.test(url) && /readRole|readConditions/.test(functionName)))
      return "setup: readPrincipals, ReferenceResolver, readRole";
    if (/policy\/(access|roles|conditions)\.ts$/.test(url) || /genesys\/permissions\.ts$/.test(url))
      return "access helpers (access.ts, roles.ts, conditions.ts)";
    if (/policy\/(engine|acknowledge|enforcement|finding)\.ts$/.test(url)) return "engine: findings, acknowledgements, sort";
    if (/bench\/profile\.ts$/.test(url) && functionName === "") return "JSON.parse of the text";
    if (/bench\/generate\.ts$/.test(url)) return "(bench: generating the config)";
    return undefined;
  };
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    let label = "other (module loading, ts-node, idle)";
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const a = area(byId.get(cur)!);
      if (a) {
        label = a;
        break;
      }
    }
    totals.set(label, (totals.get(label) ?? 0) + dt);
    all += dt;
  });
  for (const [k, t] of [...totals].sort((a, b) => b[1] - a[1]))
    console.log(`  ${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / all).toFixed(1).padStart(5)}%  ${k}`);
}

const args = process.argv.slice(2);
if (args[0] === "--top") top(args[1], Number(args[2] ?? 25));
else if (args[0] === "--areas") byArea(args[1]);
else if (args[0] === "--rules") scaling(args.slice(1).map(Number));
else {
  // bench/profile.ts <resources> [repetitions] [GRG001,GRG002,...]
  const size = Number(args[0] ?? 50000);
  const reps = Number(args[1] ?? 1);
  const only = args[2] ? ALL_RULES.filter((r) => args[2].split(",").includes(r.id)) : undefined;
  const g = generateConfig(size);
  let n = 0;
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    times.push(
      timeOnce(() => {
        const config = readTerraformJson(JSON.parse(g.text), "bench/cdk.tf.json");
        n = audit({ config, intents: g.intents, environmentKind: "test", ...(only ? { rules: only } : {}) }).length;
      }),
    );
  }
  console.log(`${g.resourceCount} resources: audit ${times.map(ms).join(", ")} ms, ${n} findings`);
}
