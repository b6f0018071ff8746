// Ends the process once stdout and stderr have flushed what was written to them. Waiting for the
// event loop to empty is not enough: when hcl2json was loaded (an HCL item it had to read), the Go
// runtime's timers keep the loop alive for a second or more after the report is written.
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  // A write's callback runs after every earlier write to the same stream has been handed over.
  process.stdout.write("", done);
  process.stderr.write("", done);
}
