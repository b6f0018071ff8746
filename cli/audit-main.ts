// The audit command as the process runs it: standard streams, exit code, one line for an internal error.
import { auditInfoText } from "./options";
import { runAudit } from "./run-audit";

export async function auditMain(argv: readonly string[]): Promise<number> {
  // --help and --version answer before anything else, whatever the other arguments (budget answers its own).
  const info = auditInfoText(argv);
  if (info !== undefined) {
    process.stdout.write(info);
    return 0;
  }
  try {
    return await runAudit(argv, {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    });
  } catch (err) {
    // An internal error, not bad input: say so in one line; the stack only on request.
    process.stderr.write(`internal error: ${(err as Error).message}\n`);
    if (process.env.GRG_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 3;
  }
}
