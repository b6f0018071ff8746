// Invalid construct props fail with one line naming the construct and the prop.
export class ConstructPropsError extends Error {
  constructor(constructPath: string, prop: string, problem: string) {
    super(`${constructPath}: ${prop}: ${problem}`);
    this.name = "ConstructPropsError";
  }
}

/** Terraform-friendly identifier for a logical id: letters, digits and underscores. */
export function terraformName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}
