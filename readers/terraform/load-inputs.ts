// Reads the files and directories given to the audit into one TfConfiguration.
// Kinds: *.tf (HCL), *.tf.json (Terraform JSON), *.json holding Terraform JSON or plan JSON.
// Directories are walked recursively in sorted order; in them, JSON that is neither is skipped
// (package.json, intents.json, tfvars), but a file named on the command line must be one.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../model/input-error";
import { parseJsonText } from "../json-text";
import { describeFsError, displayPath, isFile, readInputBytes, shownName, STDIN } from "../read-file";
import { readTextFile } from "../validate";
import { isLocalModuleSource, mergeConfigurations, type TfConfiguration } from "../../model/terraform";
import { readHcl } from "./hcl";
import { expandLocalModules } from "./modules";
import { terraformJsonDuplicates } from "./json-duplicates";
import { isPlanJson, readPlanJson } from "./plan-json";
import { isTerraformJson, readTerraformJson } from "./tf-json";
import { plainText } from "../../model/safe-text";

export type InputKind = "terraform-json" | "hcl" | "plan-json";

export interface LoadedInput {
  /** As shown in findings: relative to the working directory when below it. */
  file: string;
  kind: InputKind;
  sha256: string;
}

export interface LoadedInputs {
  config: TfConfiguration;
  inputs: LoadedInput[];
}

const SKIPPED_DIRS = new Set(["node_modules", ".terraform", ".git"]);

interface Part {
  input: LoadedInput;
  config: TfConfiguration;
  absolute: string;
  /** Named on the command line (not found by walking a directory). */
  named: boolean;
  /** The directory given on the command line whose walk found the file. */
  root?: string;
}

export async function loadInputs(paths: readonly string[]): Promise<LoadedInputs> {
  const seen = new Set<string>();
  const parts: Part[] = [];
  for (const { file, named, root } of candidates(paths)) {
    const absolute = file === STDIN ? STDIN : path.resolve(file);
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    const part = await readInput(file, named);
    if (part) parts.push({ ...part, absolute, named, root });
  }
  const audited = withoutCalledModules(parts);
  // A directory without a single Terraform file is a mistake (a wrong path in CI), not a clean audit.
  for (const p of paths) {
    if (isDirectory(p) && !audited.some((a) => a.root === p))
      throw new InputError(displayPath(p), undefined, "no Terraform files here (*.tf, *.tf.json, plan JSON): nothing to audit");
  }
  // Terraform applies *_override.tf(.json) files after the others, replacing arguments and nested block types.
  const isOverride = (p: { input: LoadedInput }) => p.input.kind !== "plan-json" && /(^|_)override\.tf(\.json)?$/.test(path.basename(p.input.file));
  checkOneModule(audited.filter((p) => !isOverride(p)));
  const config = mergeConfigurations(audited.filter((p) => !isOverride(p)).map((p) => p.config));
  checkDuplicates(config);
  for (const p of audited.filter(isOverride)) applyOverride(config, p.config);
  // Local modules: their resources join the configuration under module.<name>.; their files are inputs too.
  const moduleInputs: LoadedInput[] = [];
  await expandLocalModules(config, async (dir) => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => /\.tf(\.json)?$/.test(f) && !/(^|_)override\.tf(\.json)?$/.test(f))
      .sort()
      .map((f) => path.join(dir, f));
    if (!files.length) return undefined;
    const read: TfConfiguration[] = [];
    for (const file of files) {
      const part = await readInput(displayPath(file), true);
      if (!part) continue;
      if (!moduleInputs.some((i) => i.file === part.input.file) && !audited.some((a) => a.input.file === part.input.file)) moduleInputs.push(part.input);
      read.push(part.config);
    }
    return mergeConfigurations(read);
  });
  const locked = lockedVersion(audited.filter((p) => p.absolute !== STDIN && p.input.kind !== "plan-json").map((p) => path.dirname(p.absolute)));
  if (locked) config.providerRequirement = { ...config.providerRequirement, ...locked };
  return { config, inputs: [...audited.map((p) => p.input), ...moduleInputs] };
}

/** The genesyscloud version `terraform init` locked in `.terraform.lock.hcl` beside the configuration. */
const LOCKED = /provider\s+"(?:registry\.terraform\.io\/)?mypurecloud\/genesyscloud"\s*\{[^}]*?\bversion\s*=\s*"([^"\n]+)"/i;

function lockedVersion(dirs: readonly string[]): { locked: string; lockFile: string } | undefined {
  for (const dir of [...new Set(dirs)].sort()) {
    const file = path.join(dir, ".terraform.lock.hcl");
    if (!isFile(file)) continue;
    const m = LOCKED.exec(readTextFile(file));
    if (m) return { locked: m[1], lockFile: displayPath(file) };
  }
  return undefined;
}

/**
 * A directory walk also finds the files of the local modules the configuration calls
 * (`module "x" { source = "./modules/x" }`): another module's resources, whose addresses are
 * `module.x.<address>` and whose variables the call sets. Read as root resources they would get
 * wrong addresses and unbound variables (and often collide with the root's names), so they are
 * left out; GRG028 reports each call as not audited. Files named on the command line are kept:
 * that is how a module is audited on its own.
 */
function withoutCalledModules(parts: Part[]): Part[] {
  const moduleDirs: string[] = [];
  for (const p of parts) {
    for (const call of p.config.moduleCalls) {
      if (isLocalModuleSource(call.source)) moduleDirs.push(path.resolve(path.dirname(p.absolute), call.source) + path.sep);
    }
  }
  if (moduleDirs.length === 0) return parts;
  // Left out: a walked file inside a called module's directory, unless the directory the user named
  // is that module's directory or inside it (auditing the module on its own).
  const leftOut = (p: Part) => {
    if (p.named || p.root === undefined) return false;
    const root = path.resolve(p.root) + path.sep;
    return moduleDirs.some((dir) => p.absolute.startsWith(dir) && !root.startsWith(dir));
  };
  return parts.filter((p) => !leftOut(p));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function* candidates(paths: readonly string[]): Generator<{ file: string; named: boolean; root?: string }> {
  for (const p of paths) {
    if (p === STDIN) {
      yield { file: p, named: true };
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      throw new InputError(displayPath(p), undefined, describeFsError(err));
    }
    if (!stat.isDirectory()) yield { file: p, named: true };
    else for (const file of walk(p)) yield { file, named: false, root: p };
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith(".")) out.push(...walk(full));
    } else if ((e.name.endsWith(".tf") || e.name.endsWith(".json")) && (e.isFile() || (e.isSymbolicLink() && isFile(full)))) {
      out.push(full);
    }
  }
  return out;
}

async function readInput(file: string, named: boolean): Promise<{ input: LoadedInput; config: TfConfiguration } | undefined> {
  const shown = shownName(file);
  const bytes = readInputBytes(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (file.endsWith(".tf")) return { input: { file: shown, kind: "hcl", sha256 }, config: await readHcl(text, shown) };

  const isJsonName = file.endsWith(".json");
  if (!isJsonName && named && bytes.subarray(0, 2).toString("latin1") === "PK") {
    throw new InputError(shown, undefined, "a binary plan file; convert it with: terraform show -json <planfile> > plan.json");
  }
  if (!isJsonName && !/^\s*\{/.test(text)) {
    if (!named) return undefined;
    throw new InputError(
      shown,
      undefined,
      `unsupported input: expected *.tf, *.tf.json, or JSON from terraform show -json${file === STDIN ? " (standard input is read as JSON)" : ""}`,
    );
  }
  let doc: unknown;
  try {
    // Repeated keys are merged or refused as Terraform does (json-duplicates.ts), never dropped.
    doc = parseJsonText(text, shown, terraformJsonDuplicates);
  } catch (err) {
    // A directory may hold other JSON (tsconfig.json with comments): only Terraform files must parse.
    if (!named && !file.endsWith(".tf.json") && err instanceof InputError && !looksLikeTerraform(text)) return undefined;
    throw err;
  }
  if (isPlanJson(doc)) return { input: { file: shown, kind: "plan-json", sha256 }, config: readPlanJson(doc, shown) };
  if (isTerraformJson(doc) || file.endsWith(".tf.json"))
    return { input: { file: shown, kind: "terraform-json", sha256 }, config: readTerraformJson(doc, shown) };
  if (!named) return undefined;
  throw new InputError(
    shown,
    undefined,
    "not Terraform JSON or plan JSON (expected resource/data/provider blocks, or the output of terraform show -json <planfile>)",
  );
}

/**
 * Whether a walked *.json file that failed to read is still Terraform's: it parses as JSON (the
 * failure was a refused repeated key or nesting, not another tool's JSON with comments) and has
 * Terraform's shape. Such a file must not be skipped: a repeated key would hide it from the audit.
 */
function looksLikeTerraform(text: string): boolean {
  try {
    const doc = JSON.parse(text);
    return isPlanJson(doc) || isTerraformJson(doc);
  } catch {
    return false;
  }
}

/** Terraform refuses a module that declares an address twice; so do we (e.g. main.tf next to main.tf.json). */
/**
 * The same variable or local declared in two directories: two Terraform modules (roots such as
 * envs/dev and envs/prod), which read as one would resolve each other's values (one root's
 * `var.ttl` with the other's default). Refused like a resource declared twice: audit one
 * directory at a time.
 */
function checkOneModule(parts: readonly { config: TfConfiguration; input: LoadedInput; absolute: string }[]): void {
  const first = new Map<string, { dir: string; file: string }>();
  for (const p of parts) {
    if (p.input.kind === "plan-json" || p.absolute === STDIN) continue;
    const dir = path.dirname(p.absolute);
    for (const [kind, names] of [
      ["variable", Object.keys(p.config.variables)],
      ["local", Object.keys(p.config.locals)],
    ] as const) {
      for (const name of names) {
        const key = `${kind}.${name}`;
        const earlier = first.get(key);
        if (earlier && earlier.dir !== dir) {
          throw new InputError(
            p.input.file,
            key,
            `declared again (first in ${earlier.file}); files in different directories are different Terraform modules (root configurations): audit one directory at a time, e.g. ${displayPath(dir)}`,
          );
        }
        if (!earlier) first.set(key, { dir, file: p.input.file });
      }
    }
  }
}

function checkDuplicates(config: TfConfiguration): void {
  const first = new Map<string, string>();
  for (const r of config.resources) {
    const earlier = first.get(r.address);
    if (earlier !== undefined) {
      // Terraform reads one directory as one module: the same address in two directories is two
      // modules (cdktf.out/stacks/test and .../prod), not a conflict within one.
      const dir = path.dirname(r.location.file);
      const advice =
        path.dirname(earlier) === dir
          ? "pass one form of the configuration"
          : `files in different directories are different Terraform modules (stacks): audit one directory at a time, e.g. ${dir}`;
      throw new InputError(r.location.file, r.address, `declared again (first in ${earlier}); ${advice}`);
    }
    first.set(r.address, r.location.file);
  }
}

/**
 * Terraform's override merge, for what the audit reads: top-level arguments replace the primary
 * block's, a nested block type replaces all of the primary's blocks of that type. Like Terraform,
 * an override block needs a primary block of the same address in the same directory (module):
 * otherwise `terraform validate` fails with "Missing resource to override", and auditing the block
 * as a new resource would check a configuration that cannot be planned.
 */
function applyOverride(config: TfConfiguration, override: TfConfiguration): void {
  // By address (unique: checkDuplicates ran), not a scan of every resource per override block.
  const byAddress = new Map(config.resources.map((c) => [c.address, c]));
  for (const r of override.resources) {
    const target = byAddress.get(r.address);
    if (!target || path.dirname(target.location.file) !== path.dirname(r.location.file)) {
      const kind = r.mode === "data" ? "data source" : "resource";
      const where = target ? `; the one in ${target.location.file} is in another directory, a different module` : "";
      throw new InputError(
        r.location.file,
        r.address,
        `overrides a ${kind} that no primary (non-override) file in its directory declares${where}: Terraform refuses this ("Missing ${r.mode === "data" ? "data " : ""}resource to override")`,
      );
    }
    Object.assign(target.values, r.values);
  }
  for (const p of override.providers) {
    const target = config.providers.find((c) => c.name === p.name && c.values.alias === p.values.alias);
    if (target) Object.assign(target.values, p.values);
    // An override may introduce the default provider block (an absent one counts as empty), not an aliased one.
    else if (p.values.alias === undefined) config.providers.push(p);
    else
      throw new InputError(
        p.location.file,
        `provider.${p.name}.${plainText(p.values.alias)}`,
        "overrides an aliased provider block that no primary file declares: Terraform refuses this (an override file may add only the default provider block)",
      );
  }
  Object.assign(config.variables, override.variables);
  Object.assign(config.locals, override.locals);
  // A module block in an override file merges into the call of the same name (one call, not two).
  for (const call of override.moduleCalls) {
    const target = config.moduleCalls.find((c) => c.name === call.name);
    if (!target) config.moduleCalls.push(call);
    else if (call.source !== undefined) target.source = call.source;
  }
}
