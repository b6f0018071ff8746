// Entry point of `npm run audit`. Thin: the work is in run-audit.ts.
import { auditInfoText } from "./options";
import { runAudit } from "./run-audit";

const argv = process.argv.slice(2);
// --help and --version answer before anything else, whatever the other arguments (budget answers its own).
const info = auditInfoText(argv);
if (info !== undefined) {
  process.stdout.write(info);
} else {
  runAudit(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  }).then(
    (code) => (process.exitCode = code),
    (err) => {
      // An internal error, not bad input: say so in one line; the stack only on request.
      process.stderr.write(`internal error: ${(err as Error).message}\n`);
      if (process.env.GRG_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
      process.exitCode = 3;
    },
  );
}
