// Every problem with a user's file ends as one line: "<file>: <field>: <what is wrong>".
// Adapters throw InputError; the CLI and main.ts print its message and exit 2.
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(field ? `${file}: ${field}: ${problem}` : `${file}: ${problem}`);
    this.name = "InputError";
  }
}

/** Formats a path such as ["serviceAccounts", 0, "capabilities", 1] as serviceAccounts[0].capabilities[1]. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(top level)";
}
