// Reads and cross-checks environment files (model/environment-config.ts), one per environment.
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { missingCompanion } from "../genesys/capabilities";
import { InputError } from "../model/input-error";
import { EnvironmentConfigSchema, type EnvironmentConfig } from "../model/environment-config";
import { describeFsError, displayPath, isFile, parseWith, readJsonFile } from "./validate";

export function loadEnvironmentConfig(file: string): EnvironmentConfig {
  const shown = displayPath(file);
  const config = parseWith(EnvironmentConfigSchema, readJsonFile(file), shown);
  checkCrossReferences(config, shown);
  const expected = path.basename(file, ".json");
  if (config.name !== expected) throw new InputError(shown, "name", `must match the file name ("${expected}")`);
  const dir = path.dirname(path.resolve(file));
  config.serviceAccounts.forEach((account, i) => {
    for (const key of ["jmeter", "nginx"] as const) {
      const relative = account.loadTest?.[key];
      if (relative !== undefined && !isFile(path.resolve(dir, relative))) {
        throw new InputError(shown, `serviceAccounts[${i}].loadTest.${key}`, `${relative}: no such file (paths are relative to the environment file)`);
      }
    }
  });
  const orgSettingsFile = path.resolve(dir, config.orgSettings);
  // A missing file is this file's mistake (its field names it); anything else the org reader says.
  if (!fs.existsSync(orgSettingsFile))
    throw new InputError(shown, "orgSettings", `${config.orgSettings}: no such file (paths are relative to the environment file)`);
  return { ...config, file: shown, dir, orgSettingsFile };
}

function checkCrossReferences(config: z.infer<typeof EnvironmentConfigSchema>, file: string): void {
  for (const media of ["call", "chat", "email", "message", "screen"] as const) {
    const r = config.retention[media];
    if (r?.archiveAfterDays !== undefined && r.deleteAfterDays !== undefined && r.archiveAfterDays >= r.deleteAfterDays) {
      throw new InputError(file, `retention.${media}.archiveAfterDays`, `must be less than deleteAfterDays (${r.deleteAfterDays})`);
    }
  }
  if (config.retention.screen && !config.retention.call) {
    throw new InputError(file, "retention.screen", "screen recordings are started by the call policy: declare retention.call too");
  }
  const seen = new Set<string>();
  config.serviceAccounts.forEach((account, i) => {
    if (seen.has(account.name)) throw new InputError(file, `serviceAccounts[${i}].name`, `duplicate service account "${account.name}"`);
    seen.add(account.name);
    for (const field of ["capabilities", "divisions"] as const) {
      const list: readonly string[] = account[field];
      const again = list.findIndex((v, j) => list.indexOf(v) !== j);
      if (again >= 0) throw new InputError(file, `serviceAccounts[${i}].${field}[${again}]`, `"${list[again]}" is listed twice`);
    }
    const missing = missingCompanion(account.capabilities);
    if (missing) {
      throw new InputError(
        file,
        `serviceAccounts[${i}].capabilities`,
        `${missing.capability} also needs ${missing.needs} (its endpoints require a view permission): add it`,
      );
    }
    account.divisions.forEach((division, j) => {
      if (division !== "home" && division !== "*" && !Object.prototype.hasOwnProperty.call(config.divisions, division)) {
        throw new InputError(file, `serviceAccounts[${i}].divisions[${j}]`, `"${division}" is not "home", "*" or a key of divisions`);
      }
    });
  });
  const trunks = new Set<string>();
  config.trunks.forEach((trunk, i) => {
    if (trunks.has(trunk.name)) throw new InputError(file, `trunks[${i}].name`, `duplicate trunk "${trunk.name}"`);
    trunks.add(trunk.name);
  });
}

/** The environment files the app synthesizes, sorted by name; at least one. */
export function environmentFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    throw new InputError(displayPath(dir), undefined, `cannot read the environments directory (${describeFsError(err)})`);
  }
  const files = names.filter((f) => f.endsWith(".json")).sort();
  if (!files.length) throw new InputError(displayPath(dir), undefined, "no environment files (*.json): nothing to synthesize");
  return files.map((f) => path.join(dir, f));
}
