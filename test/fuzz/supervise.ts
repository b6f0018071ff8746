// Runs the fuzzer (fuzz-run.ts) in a child process with a heap limit and a per-case time limit:
// a case that hangs or grows without bound is killed and reported by number, so that
// `fuzz-run.ts --seed S --count N` replays it. Used by test/fuzz.test.ts (a short run in
// `npm test`) and by `npm run fuzz -- [--seed N] [--count N] [--kinds a,b]` (a long one).
import { spawn } from "child_process";
import * as path from "path";

export const HEAP_LIMIT_MB = 1536;
export const CASE_TIME_LIMIT_MS = 20000;

export interface FuzzRun {
  seed: number;
  passed: number;
  failures: string[];
  /** A case that was killed: hung past the time limit or crashed the process (out of memory). */
  killed?: string;
  /** Cases by kind and exit code, e.g. "tf-json exit 1": 12. */
  exits: Record<string, number>;
}

export function superviseFuzz(options: { seed: number; count: number; kinds?: string }): Promise<FuzzRun> {
  const args = [
    `--max-old-space-size=${HEAP_LIMIT_MB}`,
    "-r",
    "ts-node/register/transpile-only",
    path.join(__dirname, "fuzz-run.ts"),
    "--seed",
    String(options.seed),
    "--count",
    String(options.count),
  ];
  if (options.kinds) args.push("--kinds", options.kinds);
  const child = spawn(process.execPath, args, {
    cwd: path.resolve(__dirname, "..", ".."),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
  const run: FuzzRun = { seed: options.seed, passed: 0, failures: [], exits: {} };
  let current = "";
  let buffered = "";
  let stderr = "";
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      run.killed = `${current}: no result after ${CASE_TIME_LIMIT_MS / 1000} s (hang or runaway work)`;
      child.kill("SIGKILL");
    }, CASE_TIME_LIMIT_MS);
  };
  arm();
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith("case ")) {
        current = line;
        arm();
      } else if (line.startsWith("ok ")) {
        run.passed++;
        const kind = current.split(" ")[2];
        const key = `${kind} exit ${line.split(" ")[2]}`;
        run.exits[key] = (run.exits[key] ?? 0) + 1;
      } else if (line.startsWith("FAIL ")) run.failures.push(line);
    }
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (!run.killed && code !== 0 && run.failures.length === 0)
        run.killed = `${current}: the fuzzer exited ${code ?? signal} (${stderr.split("\n").find((l) => /heap|memory|Error/.test(l)) ?? stderr.slice(-300)})`;
      resolve(run);
    });
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const seed = Number(arg("seed") ?? Date.now() % 1000000);
  const count = Number(arg("count") ?? 5000);
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
    console.error("usage: npm run fuzz -- [--seed N] [--count N] [--kinds tf-json,hcl,...]");
    process.exit(2);
  }
  console.log(`fuzz: seed ${seed}, ${count} cases (replay one: node -r ts-node/register/transpile-only test/fuzz/fuzz-run.ts --seed ${seed} --count N)`);
  const started = Date.now();
  const run = await superviseFuzz({ seed, count, kinds: arg("kinds") });
  for (const [key, n] of Object.entries(run.exits).sort()) console.log(`  ${key}: ${n}`);
  for (const f of run.failures) console.log(f);
  if (run.killed) console.log(`KILLED ${run.killed}`);
  console.log(`fuzz: ${run.passed} passed, ${run.failures.length + (run.killed ? 1 : 0)} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.exitCode = run.failures.length || run.killed ? 1 : 0;
}

if (require.main === module) void main();
