// The cdktf app. `npm run synth` (or `cdktf synth`) runs this file: it synthesizes one stack per
// file in config/environments into cdktf.out, runs the recording policy rules on each stack,
// and refuses to leave a stack behind that is known to make the recordings API fail.
import * as path from "path";
import { synthesize } from "./app/synthesize";

process.exitCode = synthesize({
  environmentsDir: process.env.GRG_ENVIRONMENTS_DIR || path.join(__dirname, "config", "environments"),
  outdir: process.env.CDKTF_OUTDIR || "cdktf.out",
});
