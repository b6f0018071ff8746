// The cdktf app. `npm run synth` (or `cdktf synth`) runs this file: it synthesizes one stack per
// file in config/environments into cdktf.out, runs the recording policy rules on each stack,
// and refuses to leave a stack behind that is known to make the recordings API fail.
import * as path from "path";
import { synthesize } from "./app/synthesize";

// Compiled, this file runs as dist/main.js (scripts/run.js); the environments stay in the project root.
const projectRoot = path.basename(__dirname) === "dist" ? path.dirname(__dirname) : __dirname;

process.exitCode = synthesize({
  environmentsDir: process.env.GRG_ENVIRONMENTS_DIR || path.join(projectRoot, "config", "environments"),
  outdir: process.env.CDKTF_OUTDIR || "cdktf.out",
});
