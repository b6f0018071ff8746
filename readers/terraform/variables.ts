// Input variables as Terraform takes them for `terraform plan`, later sources winning: each
// variable's default, then TF_VAR_<name> from the environment, then terraform.tfvars,
// terraform.tfvars.json and *.auto.tfvars(.json) in the root directory (lexical order), then
// --var-file and --var in the order given. Only variables the root declares are set (Terraform
// refuses --var for an undeclared one and ignores it in files, with a warning). Each value set
// remembers its source, so that a finding can say which file decided it.
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../model/input-error";
import type { TfConfiguration } from "../../model/terraform";
import { parseJsonText } from "../json-text";
import { displayPath, readInputBytes } from "../read-file";

export interface VariableInputs {
  /** --var-file and --var, in command-line order. */
  given: readonly ({ kind: "file"; file: string } | { kind: "var"; text: string })[];
  /** TF_VAR_* (process.env in the CLI). */
  env: Readonly<Record<string, string | undefined>>;
}

export async function applyVariables(config: TfConfiguration, rootDir: string | undefined, inputs: VariableInputs): Promise<string[]> {
  const declared = (name: string) => Object.prototype.hasOwnProperty.call(config.variables, name) || (config.declaredVariables?.has(name) ?? false);
  // No prototype: a variable named __proto__ is an ordinary name.
  const sources: Record<string, string> = Object.assign(Object.create(null), config.variableSources);
  const read: string[] = [];
  const set = (name: string, value: unknown, source: string) => {
    if (!declared(name)) return;
    config.variables[name] = value;
    sources[name] = source;
  };
  for (const [key, value] of Object.entries(inputs.env)) {
    if (key.startsWith("TF_VAR_") && value !== undefined) set(key.slice(7), value, key);
  }
  const auto = rootDir
    ? fs
        .readdirSync(rootDir)
        .filter((f) => f === "terraform.tfvars" || f === "terraform.tfvars.json" || /\.auto\.tfvars(\.json)?$/.test(f))
        .sort((a, b) => autoRank(a) - autoRank(b) || (a < b ? -1 : 1))
        .map((f) => path.join(rootDir, f))
    : [];
  for (const file of auto) {
    for (const [name, value] of Object.entries(await readVarFile(file))) set(name, value, displayPath(file));
    read.push(file);
  }
  for (const g of inputs.given) {
    if (g.kind === "file") {
      for (const [name, value] of Object.entries(await readVarFile(g.file))) set(name, value, displayPath(g.file));
      read.push(g.file);
      continue;
    }
    const eq = g.text.indexOf("=");
    const name = g.text.slice(0, eq);
    if (eq <= 0 || !/^[A-Za-z_][\w-]*$/.test(name)) throw new InputError("--var", undefined, `expected NAME=VALUE, got "${g.text.slice(0, 80)}"`);
    set(name, g.text.slice(eq + 1), `--var ${name}`);
  }
  config.variableSources = sources;
  return read;
}

/** terraform.tfvars, then terraform.tfvars.json, then *.auto.tfvars(.json) (Terraform's order). */
function autoRank(name: string): number {
  return name === "terraform.tfvars" ? 0 : name === "terraform.tfvars.json" ? 1 : 2;
}

async function readVarFile(file: string): Promise<Record<string, unknown>> {
  const shown = displayPath(file);
  const text = readInputBytes(file)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  let doc: unknown;
  if (file.endsWith(".json")) doc = parseJsonText(text, shown);
  else {
    const { parse } = await import("@cdktf/hcl2json");
    try {
      doc = await parse(shown, text);
    } catch (err) {
      throw new InputError(
        shown,
        undefined,
        `not a variables file: ${String((err as Error).message ?? err)
          .split("\n")[0]
          .slice(0, 200)}`,
      );
    }
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new InputError(shown, undefined, "expected NAME = VALUE assignments");
  return doc as Record<string, unknown>;
}
