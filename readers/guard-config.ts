// Finds and reads .recording-guard.yaml: named with --config, else the nearest one walking up from
// the first audited path (stopping at the repository root, the directory holding .git).
import * as fs from "fs";
import * as path from "path";
import { CONFIG_FILE_NAMES, GuardConfigSchema, type GuardConfig } from "../model/guard-config";
import { displayPath, isDirectory, isFile, STDIN } from "./read-file";
import { parseWith, readYamlFile } from "./validate";

export function loadGuardConfig(file: string): GuardConfig {
  const parsed = parseWith(GuardConfigSchema, readYamlFile(file) ?? {}, file);
  const dir = path.dirname(path.resolve(file));
  const at = (p: string) => displayPath(path.resolve(dir, p));
  return {
    file,
    ...(parsed.failOn ? { failOn: parsed.failOn } : {}),
    disabled: parsed.rules?.disable ?? [],
    enforcement: parsed.enforcement ?? {},
    skip: (parsed.skip ?? []).map((p) => path.resolve(dir, p)),
    ...(parsed.intents ? { intents: at(parsed.intents) } : {}),
    ...(parsed.org ? { org: at(parsed.org) } : {}),
  };
}

/** The nearest config file above the first path, or undefined. */
export function findGuardConfig(paths: readonly string[]): string | undefined {
  const first = paths.find((p) => p !== STDIN);
  if (first === undefined) return undefined;
  let dir = path.resolve(first);
  if (!isDirectory(dir)) dir = path.dirname(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) return displayPath(candidate);
    }
    if (fs.existsSync(path.join(dir, ".git"))) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
