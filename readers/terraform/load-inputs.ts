// Reads the files and directories given to the audit into root configurations (one per directory
// that no module call uses as its source, one per plan JSON file), each one TfConfiguration.
// Kinds: *.tf (HCL), *.tf.json (Terraform JSON), *.json holding Terraform JSON or plan JSON.
// Directories are walked recursively in sorted order; in them, JSON that is neither is skipped
// (package.json, intents.json, tfvars), but a file named on the command line must be one.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../model/input-error";
import { parseJsonText } from "../json-text";
import { describeFsError, displayPath, isDirectory, isFile, readInputBytes, shownName, STDIN } from "../read-file";
import { readTextFile } from "../validate";
import { isLocalModuleSource, mergeConfigurations, type TfConfiguration } from "../../model/terraform";
import { readHcl } from "./hcl";
import { expandLocalModules } from "./modules";
import { readFlowFiles } from "./flow-files";
import { hclSuppressions, jsonSuppressions } from "./suppressions";
import type { Acknowledgement } from "../../model/acknowledgements";
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
  /** Inline suppressions in the root's files and its local modules' (readers/terraform/suppressions.ts), as acknowledgements. */
  suppressions: Acknowledgement[];
}

/**
 * One root configuration: a directory whose .tf/.tf.json files no module call in the audited tree
 * uses as its source (Terraform's unit: `terraform plan` runs in it), one plan JSON file, or
 * standard input. Its name is the directory (`.` for the working directory) or the file.
 */
export interface LoadedConfiguration extends LoadedInputs {
  name: string;
}

export interface LoadedConfigurations {
  /** In order of name; each one audited on its own. */
  configurations: LoadedConfiguration[];
  /** Roots that could not be read, one error each (their files named): the others are still audited. */
  failed: { name: string; error: InputError }[];
}

const SKIPPED_DIRS = new Set(["node_modules", ".terraform", ".git"]);

interface Part {
  input: LoadedInput;
  config: TfConfiguration;
  suppressions: Acknowledgement[];
  absolute: string;
  /** Named on the command line (not found by walking a directory). */
  named: boolean;
  /** The directory given on the command line whose walk found the file. */
  root?: string;
}

interface FailedRead {
  absolute: string;
  named: boolean;
  root?: string;
  error: InputError;
}

/** The inputs as one configuration; several root configurations are refused (use loadConfigurations). */
export async function loadInputs(paths: readonly string[]): Promise<LoadedInputs> {
  const { configurations, failed } = await loadConfigurations(paths);
  if (failed.length) throw failed[0].error;
  if (configurations.length > 1) {
    const names = configurations.map((c) => c.name);
    throw new InputError(
      names[1],
      undefined,
      `a second root configuration (after ${names[0]}; ${names.length} in all): files in different directories are different Terraform modules; name one directory`,
    );
  }
  return { config: configurations[0].config, inputs: configurations[0].inputs, suppressions: configurations[0].suppressions };
}

/**
 * Reads the paths into root configurations, each as Terraform reads one module directory: its
 * files merged, override files applied, local modules expanded, its own lock file. Roots do not
 * see each other (envs/dev and envs/prod each resolve their own `var.ttl`).
 */
export async function loadConfigurations(paths: readonly string[]): Promise<LoadedConfigurations> {
  const seen = new Set<string>();
  const parts: Part[] = [];
  const failedReads: FailedRead[] = [];
  for (const { file, named, root } of candidates(paths)) {
    const absolute = file === STDIN ? STDIN : path.resolve(file);
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    try {
      const part = await readInput(file, named);
      if (part) parts.push({ ...part, absolute, named, root });
    } catch (err) {
      // One root's unreadable file fails that root; a file named on the command line fails the run.
      if (!(err instanceof InputError) || named) throw err;
      failedReads.push({ absolute, named, root, error: err });
    }
  }
  const moduleDirs = calledModuleDirs(parts);
  const audited = parts.filter((p) => !insideCalledModule(p, moduleDirs));
  const failedHere = failedReads.filter((p) => !insideCalledModule(p, moduleDirs));
  // A directory without a single Terraform file is a mistake (a wrong path in CI), not a clean audit.
  for (const p of paths) {
    if (isDirectory(p) && !audited.some((a) => a.root === p) && !failedHere.some((a) => a.root === p))
      throw new InputError(displayPath(p), undefined, "no Terraform files here (*.tf, *.tf.json, *.tofu, plan JSON): nothing to audit");
  }
  const groups = new Map<string, Part[]>();
  const auditedFiles = new Set(audited.map((p) => p.absolute));
  for (const p of audited) {
    if (shadowedByTofu(p.absolute, auditedFiles)) continue;
    const key = rootKey(p);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const failed = new Map<string, InputError>();
  for (const f of failedHere) if (!failed.has(rootKey(f))) failed.set(rootKey(f), f.error);
  const configurations: LoadedConfiguration[] = [];
  for (const [key, group] of groups) {
    if (failed.has(key)) continue;
    try {
      configurations.push({ name: rootName(key), ...(await loadRoot(group)) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      failed.set(key, err);
    }
  }
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    configurations: configurations.sort(byName),
    failed: [...failed].map(([key, error]) => ({ name: rootName(key), error })).sort(byName),
  };
}

/** Terraform and OpenTofu configuration files (OpenTofu 1.8+: *.tofu, *.tofu.json). */
export const CONFIG_FILE = /\.(tf|tofu)(\.json)?$/;
/** Override files: override.tf, x_override.tf(.json), and OpenTofu's .tofu forms. */
const OVERRIDE_FILE = /(^|_)override\.(tf|tofu)(\.json)?$/;

/**
 * OpenTofu reads `x.tofu` instead of `x.tf` (and `x.tofu.json` instead of `x.tf.json`) in the
 * same directory, so a module can hold both: Terraform reads the .tf, OpenTofu the .tofu. The
 * audit reads as OpenTofu does when a .tofu file is there (a .tf file alone: as both do).
 */
function shadowedByTofu(file: string, files: ReadonlySet<string>): boolean {
  const m = /^(.*)\.tf(\.json)?$/.exec(file);
  return m !== null && files.has(`${m[1]}.tofu${m[2] ?? ""}`);
}

/** Plan JSON and standard input are each a configuration of their own; other files belong to their directory's. */
function rootKey(p: { absolute: string; input?: LoadedInput }): string {
  if (p.absolute === STDIN) return STDIN;
  if (p.input?.kind === "plan-json") return `file:${p.absolute}`;
  return `dir:${path.dirname(p.absolute)}`;
}

function rootName(key: string): string {
  if (key === STDIN) return shownName(STDIN);
  const target = key.slice(key.indexOf(":") + 1);
  const rel = path.relative(process.cwd(), target);
  if (rel === "") return ".";
  return displayPath(target);
}

/** One root configuration from its files (all from one directory, or one plan JSON / standard input). */
async function loadRoot(group: readonly Part[]): Promise<LoadedInputs> {
  // Terraform applies *_override.tf(.json) files after the others, replacing arguments and nested block types.
  const isOverride = (p: { input: LoadedInput }) => p.input.kind !== "plan-json" && OVERRIDE_FILE.test(path.basename(p.input.file));
  const config = mergeConfigurations(group.filter((p) => !isOverride(p)).map((p) => p.config));
  checkDuplicates(config);
  for (const p of group.filter(isOverride)) applyOverride(config, p.config);
  // Local modules: their resources join the configuration under module.<name>.; their files are inputs too.
  const moduleInputs: LoadedInput[] = [];
  const moduleSuppressions = await expandLocalModules(config, async (dir) => {
    let files = fs
      .readdirSync(dir)
      .filter((f) => CONFIG_FILE.test(f) && !OVERRIDE_FILE.test(f))
      .sort()
      .map((f) => path.join(dir, f));
    // OpenTofu reads x.tofu instead of x.tf (and x.tofu.json instead of x.tf.json) in the same directory.
    const all = new Set(files);
    files = files.filter((f) => !shadowedByTofu(f, all));
    if (!files.length) return undefined;
    const read: TfConfiguration[] = [];
    const suppressions: Acknowledgement[] = [];
    for (const file of files) {
      const part = await readInput(displayPath(file), true);
      if (!part) continue;
      if (!moduleInputs.some((i) => i.file === part.input.file) && !group.some((a) => a.input.file === part.input.file)) moduleInputs.push(part.input);
      read.push(part.config);
      suppressions.push(...part.suppressions);
    }
    return { config: mergeConfigurations(read), suppressions };
  });
  const locked = lockedVersion(group.filter((p) => p.absolute !== STDIN && p.input.kind !== "plan-json").map((p) => path.dirname(p.absolute)));
  // The Architect flow files the flows name (Archy YAML): the consent rule follows calls into them.
  const source = group.find((p) => p.absolute !== STDIN && p.input.kind !== "plan-json");
  const flowFiles = readFlowFiles(config, source ? path.dirname(source.absolute) : undefined);
  if (flowFiles) config.flowFiles = flowFiles;
  if (locked) config.providerRequirement = { ...config.providerRequirement, ...locked };
  return { config, inputs: [...group.map((p) => p.input), ...moduleInputs], suppressions: [...group.flatMap((p) => p.suppressions), ...moduleSuppressions] };
}

/** The genesyscloud version `terraform init` locked in `.terraform.lock.hcl` beside the configuration. */
const LOCKED = /provider\s+"(?:registry\.(?:terraform|opentofu)\.(?:io|org)\/)?mypurecloud\/genesyscloud"\s*\{[^}]*?\bversion\s*=\s*"([^"\n]+)"/i;

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
 * `module.x.<address>` and whose variables the call sets. They are read through the call
 * (expandLocalModules), not as a root configuration of their own. Files named on the command
 * line are kept: that is how a module is audited on its own.
 */
function calledModuleDirs(parts: readonly Part[]): string[] {
  const moduleDirs: string[] = [];
  for (const p of parts) {
    for (const call of p.config.moduleCalls) {
      if (isLocalModuleSource(call.source)) moduleDirs.push(path.resolve(path.dirname(p.absolute), call.source) + path.sep);
    }
  }
  return moduleDirs;
}

/** A walked file inside a called module's directory, unless the directory the user named is that module's or inside it. */
function insideCalledModule(p: { absolute: string; named: boolean; root?: string }, moduleDirs: readonly string[]): boolean {
  if (p.named || p.root === undefined || moduleDirs.length === 0) return false;
  const root = path.resolve(p.root) + path.sep;
  return moduleDirs.some((dir) => p.absolute.startsWith(dir) && !root.startsWith(dir));
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
    } else if ((e.name.endsWith(".tf") || e.name.endsWith(".tofu") || e.name.endsWith(".json")) && (e.isFile() || (e.isSymbolicLink() && isFile(full)))) {
      out.push(full);
    }
  }
  return out;
}

async function readInput(file: string, named: boolean): Promise<{ input: LoadedInput; config: TfConfiguration; suppressions: Acknowledgement[] } | undefined> {
  const shown = shownName(file);
  const bytes = readInputBytes(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (file.endsWith(".tf") || file.endsWith(".tofu"))
    return { input: { file: shown, kind: "hcl", sha256 }, config: await readHcl(text, shown), suppressions: hclSuppressions(text, shown) };

  const isJsonName = file.endsWith(".json");
  if (!isJsonName && named && bytes.subarray(0, 2).toString("latin1") === "PK") {
    throw new InputError(shown, undefined, "a binary plan file; convert it with: terraform show -json <planfile> > plan.json");
  }
  if (!isJsonName && !/^\s*\{/.test(text)) {
    if (!named) return undefined;
    throw new InputError(
      shown,
      undefined,
      `unsupported input: expected *.tf, *.tf.json, *.tofu, *.tofu.json, or JSON from terraform show -json${file === STDIN ? " (standard input is read as JSON)" : ""}`,
    );
  }
  let doc: unknown;
  try {
    // Repeated keys are merged or refused as Terraform does (json-duplicates.ts), never dropped.
    doc = parseJsonText(text, shown, terraformJsonDuplicates);
  } catch (err) {
    // A directory may hold other JSON (tsconfig.json with comments): only Terraform files must parse.
    if (!named && !/\.(tf|tofu)\.json$/.test(file) && err instanceof InputError && !looksLikeTerraform(text)) return undefined;
    throw err;
  }
  if (isPlanJson(doc)) return { input: { file: shown, kind: "plan-json", sha256 }, config: readPlanJson(doc, shown), suppressions: [] };
  if (isTerraformJson(doc) || /\.(tf|tofu)\.json$/.test(file))
    return { input: { file: shown, kind: "terraform-json", sha256 }, config: readTerraformJson(doc, shown), suppressions: jsonSuppressions(doc, shown) };
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
function checkDuplicates(config: TfConfiguration): void {
  const first = new Map<string, string>();
  for (const r of config.resources) {
    const earlier = first.get(r.address);
    // One root's files are one directory (or one plan): the same address twice is Terraform's "Duplicate resource".
    if (earlier !== undefined) throw new InputError(r.location.file, r.address, `declared again (first in ${earlier}); pass one form of the configuration`);
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
    // A root's files share one directory: a block another directory declares is another root's.
    const target = byAddress.get(r.address);
    if (!target) {
      const kind = r.mode === "data" ? "data source" : "resource";
      throw new InputError(
        r.location.file,
        r.address,
        `overrides a ${kind} that no primary (non-override) file in its directory declares: Terraform refuses this ("Missing ${r.mode === "data" ? "data " : ""}resource to override")`,
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
