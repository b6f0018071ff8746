// Local modules expanded as Terraform expands them, for what the audit reads: a call
// `module "users" { source = "./modules/users", division_id = ... }` adds the module's resources
// under `module.users.<address>`, with the call's arguments bound to the module's variables, so the
// usual CX-as-Code layout (roles and OAuth clients in modules) is audited with the root's intents.
//
// What is bound, in the module's values: a whole `${var.x}` becomes the call's argument (written in
// the caller's terms) or the variable's default; a whole `${local.x}` the module's local; references
// to the module's own resources get the module prefix (`${module.users.genesyscloud_auth_role.r.id}`).
// Anything else naming a variable or local inside a longer expression is left unresolvable (never
// bound to a root variable of the same name). Calls with count or for_each, remote sources and
// modules deeper than MAX_DEPTH stay unexpanded (GRG028 reports them).
import * as path from "path";
import { isDirectory } from "../read-file";
import { isLocalModuleSource, type TfConfiguration, type TfModuleCall, type TfResource } from "../../model/terraform";
import type { Acknowledgement } from "../../model/acknowledgements";

export const MAX_DEPTH = 8;

export interface ReadModule {
  /**
   * Reads the Terraform files of a module directory into one configuration (and records them as
   * inputs), with the inline suppressions written in them (targets relative to the module).
   */
  (dir: string): Promise<{ config: TfConfiguration; suppressions: readonly Acknowledgement[] } | undefined>;
}

/**
 * Adds the resources of the configuration's local module calls; marks each expanded call. Returns
 * the modules' inline suppressions, each once per call with the call's prefix
 * (`module.users.genesyscloud_oauth_client.c`): a suppression in a module's file accepts the finding
 * in every instance of it, and one whose call has no such finding is reported as orphaned.
 */
export async function expandLocalModules(config: TfConfiguration, readModule: ReadModule): Promise<Acknowledgement[]> {
  const suppressions: Acknowledgement[] = [];
  await expand(config, config, "", new Set(), readModule, 0, suppressions);
  return suppressions;
}

async function expand(
  into: TfConfiguration,
  caller: TfConfiguration,
  prefix: string,
  active: Set<string>,
  readModule: ReadModule,
  depth: number,
  suppressions: Acknowledgement[],
): Promise<void> {
  for (const call of caller.moduleCalls) {
    if (!isLocalModuleSource(call.source) || call.repeated || depth >= MAX_DEPTH) continue;
    const dir = path.resolve(path.dirname(call.location.file), call.source);
    if (active.has(dir) || !isDirectory(dir)) continue;
    const read = await readModule(dir);
    if (!read) continue;
    const module = read.config;
    call.expanded = true;
    const modulePrefix = `${prefix}module.${call.name}.`;
    const bind = binder(module, call, prefix, modulePrefix);
    for (const r of module.resources) into.resources.push(bound(r, modulePrefix, bind));
    for (const s of read.suppressions) suppressions.push({ ...s, target: `${modulePrefix}${s.target}` });
    active.add(dir);
    await expand(into, module, modulePrefix, active, readModule, depth + 1, suppressions);
    active.delete(dir);
  }
}

function bound(r: TfResource, modulePrefix: string, bind: (v: unknown) => unknown): TfResource {
  return { ...r, address: `${modulePrefix}${r.address}`, values: bind(r.values) as Record<string, unknown> };
}

const WHOLE_VAR = /^\$\{\s*var\.([A-Za-z_][\w-]*)\s*\}$/;
const WHOLE_LOCAL = /^\$\{\s*local\.([A-Za-z_][\w-]*)\s*\}$/;
// A reference to a resource, data source or module inside an interpolation (not after a dot: not an attribute path).
const REFERENCE = /(?<![\w.\]-])((?:data\.)?genesyscloud_[A-Za-z0-9_]+\.[A-Za-z_][\w-]*|module\.[A-Za-z_][\w-]*|var\.[A-Za-z_][\w-]*|local\.[A-Za-z_][\w-]*)/g;

/** Rewrites a value of the module's body into the caller's terms. */
function binder(module: TfConfiguration, call: TfModuleCall, callerPrefix: string, modulePrefix: string): (v: unknown) => unknown {
  const args = call.arguments ?? {};
  const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const bind = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") {
      if (!value.includes("${")) return value;
      const v = WHOLE_VAR.exec(value);
      if (v) {
        // The argument is written in the caller's terms: already bound for a root call; a nested
        // call's argument was bound when its caller's values were (below, through module.variables).
        if (hasOwn(args, v[1])) return callerPrefix ? prefixed(args[v[1]], callerPrefix) : args[v[1]];
        if (hasOwn(module.variables, v[1])) return depth < 4 ? bind(module.variables[v[1]], depth + 1) : value;
        return `\${${modulePrefix}var.${v[1]}}`;
      }
      const l = WHOLE_LOCAL.exec(value);
      if (l && hasOwn(module.locals, l[1]) && depth < 4) return bind(module.locals[l[1]], depth + 1);
      return prefixed(value, modulePrefix);
    }
    if (Array.isArray(value)) return value.map((x) => bind(x, depth));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) out[k] = bind((value as Record<string, unknown>)[k], depth);
      return out;
    }
    return value;
  };
  return (v) => bind(v, 0);
}

/** References inside `${...}` given a module prefix (variables and locals so prefixed resolve to nothing). */
function prefixed(value: unknown, prefix: string): unknown {
  if (typeof value !== "string" || !value.includes("${")) return value;
  return value.replace(/\$\{([^}]*)\}/g, (_whole, expr: string) => `\${${expr.replace(REFERENCE, (ref) => `${prefix}${ref}`)}}`);
}
