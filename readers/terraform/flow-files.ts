// The Architect flows a configuration deploys: `genesyscloud_flow.filepath` names an Archy YAML
// file. Resolved as Terraform would (`${path.module}` the directory of the file declaring the flow,
// `${path.root}` / `${path.cwd}` the root's, whole `${local.x}` / `${var.x}` substituted, a relative
// path from the root directory), read through the bounded reader and parsed as YAML. A file that
// cannot be found, resolved or parsed is recorded with its problem (a finding, never a crash).
// `substitutions` ({{name}} placeholders) are not applied: they fill in names and values, not
// the actions the rules look for.
import * as path from "path";
import { parseDocument } from "yaml";
import type { FlowFile, TfConfiguration } from "../../model/terraform";
import { describeFsError, displayPath, isFile, readInputText } from "../read-file";

const PLACEHOLDER = /\$\{\s*(path\.module|path\.root|path\.cwd|local\.[A-Za-z_][\w-]*|var\.[A-Za-z_][\w-]*)\s*\}/g;

export function readFlowFiles(config: TfConfiguration, rootDir: string | undefined): Record<string, FlowFile> | undefined {
  const flows = config.resources.filter((r) => r.mode === "managed" && r.type === "genesyscloud_flow");
  if (!flows.length) return undefined;
  const out: Record<string, FlowFile> = Object.create(null);
  const root = rootDir ?? process.cwd();
  for (const flow of flows) {
    const raw = flow.values.filepath;
    if (typeof raw !== "string") {
      out[flow.address] = { file: "(no filepath)", problem: raw === undefined || raw === null ? "filepath is not set" : "filepath is not a string" };
      continue;
    }
    const moduleDir = path.dirname(path.resolve(flow.location.file));
    let text = raw;
    for (let depth = 0; depth < 4 && text.includes("${"); depth++) {
      text = text.replace(PLACEHOLDER, (whole, name: string) => {
        if (name === "path.module") return moduleDir;
        if (name === "path.root" || name === "path.cwd") return root;
        const table = name.startsWith("local.") ? config.locals : config.variables;
        const v = table[name.slice(name.indexOf(".") + 1)];
        return typeof v === "string" ? v : whole;
      });
    }
    if (text.includes("${")) {
      out[flow.address] = { file: raw, problem: `filepath ${raw.slice(0, 120)} cannot be resolved without running Terraform` };
      continue;
    }
    const file = path.isAbsolute(text) ? text : path.resolve(root, text);
    if (!isFile(file)) {
      out[flow.address] = { file: displayPath(file), problem: "the flow file does not exist" };
      continue;
    }
    try {
      const doc = parseDocument(readInputText(file), { prettyErrors: false });
      if (doc.errors.length) out[flow.address] = { file: displayPath(file), problem: `not YAML: ${doc.errors[0].message.split("\n")[0].slice(0, 160)}` };
      else out[flow.address] = { file: displayPath(file), doc: doc.toJS({ maxAliasCount: 100 }) };
    } catch (err) {
      out[flow.address] = { file: displayPath(file), problem: describeFsError(err) };
    }
  }
  return out;
}
