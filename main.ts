// The cdktf app. `npm run synth` (or `cdktf synth`) runs this file: it synthesizes one stack per
// file in config/environments into cdktf.out, runs the recording policy rules on each stack,
// and refuses to leave a stack behind that is known to make the recordings API fail.
// It takes no arguments (--help says which environment variables it reads).
import * as path from "path";
import { runSynth } from "./app/synthesize";

// Compiled, this file runs as dist/main.js (scripts/run.js); the environments stay in the project root.
const projectRoot = path.basename(__dirname) === "dist" ? path.dirname(__dirname) : __dirname;

process.exitCode = runSynth(
  process.argv.slice(2),
  { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
  { env: process.env, projectRoot },
);
