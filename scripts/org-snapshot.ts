// Entry point of `npm run org:snapshot`. Thin: the work is in org/run-snapshot.ts.
import { runSnapshot } from "../org/run-snapshot";

runSnapshot(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
}).then(
  (code) => (process.exitCode = code),
  () => {
    // runSnapshot reports its own failures; this is only reached if writing to stderr failed.
    process.exitCode = 3;
  },
);
