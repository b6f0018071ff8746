// The engine's view of a Terraform configuration, whatever it was read from (cdktf JSON,
// *.tf.json, HCL, plan JSON). Adapters produce it; rules only read it.

export type Mode = "managed" | "data";

export interface SourceLocation {
  /** The input file, as given on the command line or relative to the working directory. */
  file: string;
  /** 1-based line of the resource in the file, when the input has lines. */
  line?: number;
  /** The cdktf construct path, for synthesized stacks. */
  constructPath?: string;
}

export interface TfResource {
  /** Terraform address: `type.name`, `data.type.name`, prefixed with `module.x.` in modules. */
  address: string;
  mode: Mode;
  type: string;
  name: string;
  /**
   * Attribute values. Nested blocks known to the provider schema are arrays of objects,
   * whether the input wrote an object or an array. Interpolations stay as `${...}` strings.
   */
  values: Record<string, unknown>;
  location: SourceLocation;
}

export interface TfProviderConfig {
  name: string;
  values: Record<string, unknown>;
  location: SourceLocation;
}

/** A `module "name" { source = ... }` call in HCL or Terraform JSON (plan JSON expands modules instead). */
export interface TfModuleCall {
  name: string;
  /** As written: "./modules/x", a registry address, a git URL, or an expression. */
  source: unknown;
  location: SourceLocation;
  /** The call's arguments (the module's variables), as written in the calling configuration. */
  arguments?: Record<string, unknown>;
  /** The call has count or for_each: its instances' addresses are not known statically. */
  repeated?: boolean;
  /** A local module whose resources the reader added to the configuration (readers/terraform/modules.ts). */
  expanded?: boolean;
}

/** `./x` or `../x`: a module in a directory of the same checkout (not a registry or git source). */
export function isLocalModuleSource(source: unknown): source is string {
  return typeof source === "string" && /^\.\.?[\\/]/.test(source);
}

export interface TfConfiguration {
  resources: TfResource[];
  providers: TfProviderConfig[];
  /** Input variables with their defaults, used to resolve `${var.x}`. */
  variables: Record<string, unknown>;
  /**
   * Where a variable's value came from when not its default (readers/terraform/variables.ts):
   * a .tfvars file, `TF_VAR_x`, `--var`. Absent for a default.
   */
  variableSources?: Record<string, string>;
  /** Every variable the configuration declares, with a default or without (variables holds only defaults). */
  declaredVariables?: Set<string>;
  /** Local values (`locals { ... }`) as written, used to resolve `${local.x}`. */
  locals: Record<string, unknown>;
  /** Module calls, which the audit does not expand (GRG028 says so). */
  moduleCalls: TfModuleCall[];
  /** The genesyscloud provider version the configuration asks for, where it says so. */
  providerRequirement?: ProviderRequirement;
  /**
   * The Architect flow files (Archy YAML) `genesyscloud_flow.filepath` names, keyed by the flow's
   * address, read by readers/terraform/flow-files.ts: the parsed document, or why there is none.
   */
  flowFiles?: Record<string, FlowFile>;
}

export interface FlowFile {
  /** The path as resolved (`${path.module}`, locals and variables substituted), or the expression. */
  file: string;
  doc?: unknown;
  /** Why the document is missing: not found, not resolvable statically, not YAML. */
  problem?: string;
}

/**
 * The provider version a configuration names: a constraint (`required_providers`, a provider
 * block's `version`, plan JSON's `version_constraint`) and an exact version (`.terraform.lock.hcl`).
 */
export interface ProviderRequirement {
  constraint?: string;
  /** Where the constraint is written. */
  constraintFile?: string;
  locked?: string;
  lockFile?: string;
}

export function emptyConfiguration(): TfConfiguration {
  // Null prototypes: a variable or local named "__proto__" or "constructor" is an ordinary name.
  return { resources: [], providers: [], variables: Object.create(null), locals: Object.create(null), moduleCalls: [] };
}

/** Merges configurations read from several files into one (one Terraform module). */
export function mergeConfigurations(parts: readonly TfConfiguration[]): TfConfiguration {
  const out = emptyConfiguration();
  for (const p of parts) {
    out.resources.push(...p.resources);
    out.providers.push(...p.providers);
    Object.assign(out.variables, p.variables);
    if (p.declaredVariables) for (const v of p.declaredVariables) (out.declaredVariables ??= new Set()).add(v);
    Object.assign(out.locals, p.locals);
    out.moduleCalls.push(...p.moduleCalls);
    if (p.providerRequirement) out.providerRequirement = { ...out.providerRequirement, ...p.providerRequirement };
  }
  return out;
}
