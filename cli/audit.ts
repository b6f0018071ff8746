// Entry point of `npm run audit`. Thin: the work is in run-audit.ts.
import { runAudit } from "./run-audit";

runAudit(process.argv.slice(2), {
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
