// A snapshot that cannot be taken ends as one line and an exit status, never a stack trace.
// Exit status: 2 when the user must fix something (arguments, credentials, the OAuth client's
// permissions); 1 when Genesys Cloud did not answer usably (5xx or 429 after retries, no
// connection, a response without a required field). Nothing is written in either case.
export class SnapshotError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = "SnapshotError";
  }
}

/** The user must fix something: arguments, environment variables, credentials, permissions. */
export function fixable(message: string): SnapshotError {
  return new SnapshotError(message, 2);
}

/** Genesys Cloud did not answer usably. */
export function unavailable(message: string): SnapshotError {
  return new SnapshotError(message, 1);
}
