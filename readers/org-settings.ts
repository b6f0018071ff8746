// Reads an org settings file (model/org-settings.ts) and checks it holds a per-token limit.
import * as path from "path";
import { DOCUMENTED_LIMITS } from "../genesys/limits";
import { InputError } from "../model/input-error";
import { OrgSettingsSchema, type OrgSettings } from "../model/org-settings";
import { displayPath, parseWith, readJsonFile } from "./validate";

export function loadOrgSettings(file: string): OrgSettings {
  const data = parseWith(OrgSettingsSchema, readJsonFile(file), displayPath(file));
  const rate = data.limits["platform.api"]?.values;
  if (!rate || (rate[DOCUMENTED_LIMITS.tokenRateKeys.clientCredentials] === undefined && rate[DOCUMENTED_LIMITS.tokenRateKeys.other] === undefined)) {
    throw new InputError(
      displayPath(file),
      "limits.platform.api.values",
      `needs ${DOCUMENTED_LIMITS.tokenRateKeys.clientCredentials} or ${DOCUMENTED_LIMITS.tokenRateKeys.other}`,
    );
  }
  return { ...data, file: displayPath(file) };
}

/** Resolves a path written in one file relative to that file. */
export function resolveBeside(fromFile: string, relative: string): string {
  return path.resolve(path.dirname(fromFile), relative);
}
