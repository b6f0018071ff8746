// Adapters that read load plans from disk and attach them to principals: from intents
// (`run.jmeter` / `run.nginx`, paths relative to the intents file) and from the CLI shortcut
// (`--jmeter FILE --principal ADDRESS [--nginx FILE] [--tokens N]`).
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../model/input-error";
import { displayPath } from "../validate";
import { readJmeterFile } from "./jmx";
import { readNginxFile } from "./nginx";
import type { AttachedLoadPlan } from "../../model/load-plan";

/** The part of an intents file this module reads (kept structural: no import cycle with readers/intents). */
interface IntentsWithRuns {
  principals: Record<
    string,
    { run?: { jmeter?: string; nginx?: string; tokens?: number; durationSeconds?: number; requestsPerSecond?: number; user?: string } }
  >;
}

/** Reads the plans named by `run.jmeter` / `run.nginx` in intents read from `intentsFile`. */
export function resolveLoadPlans(intents: IntentsWithRuns, intentsFile: string): AttachedLoadPlan[] {
  const shown = displayPath(intentsFile);
  const out: AttachedLoadPlan[] = [];
  for (const address of Object.keys(intents.principals).sort()) {
    const run = intents.principals[address].run;
    if (!run || (run.jmeter === undefined && run.nginx === undefined)) continue;
    const field = `principals.${address}.run`;
    out.push({
      principal: address,
      ...(run.jmeter !== undefined ? { jmeter: readJmeterFile(beside(intentsFile, run.jmeter, shown, `${field}.jmeter`)) } : {}),
      ...(run.nginx !== undefined ? { nginx: readNginxFile(beside(intentsFile, run.nginx, shown, `${field}.nginx`)) } : {}),
      tokens: run.tokens ?? 1,
      ...(run.durationSeconds !== undefined ? { durationSeconds: run.durationSeconds } : {}),
      ...(run.requestsPerSecond !== undefined ? { requestsPerSecond: run.requestsPerSecond } : {}),
      ...(run.user !== undefined ? { user: run.user } : {}),
      declaredIn: `${shown}: ${field}`,
    });
  }
  return out;
}

function beside(intentsFile: string, relative: string, shownIntents: string, field: string): string {
  const file = path.resolve(path.dirname(intentsFile), relative);
  if (!fs.existsSync(file)) throw new InputError(shownIntents, field, `"${relative}" not found (paths are relative to the intents file)`);
  return file;
}

export interface PlanFiles {
  /** The principal whose token the plan uses, e.g. genesyscloud_oauth_client.loadtest. */
  principal: string;
  jmeter?: string;
  nginx?: string;
  /** OAuth tokens the load is spread over (default 1). */
  tokens?: number;
  /** Where the attachment comes from, for messages (default "--jmeter"). */
  declaredIn?: string;
}

/** The CLI shortcut: a plan and/or an nginx configuration for one principal, read from files. */
export function loadPlanFromFiles(files: PlanFiles): AttachedLoadPlan {
  if (files.jmeter === undefined && files.nginx === undefined)
    throw new InputError("--jmeter", undefined, "name a JMeter plan (--jmeter FILE) or an nginx configuration (--nginx FILE)");
  if (files.tokens !== undefined && (!Number.isInteger(files.tokens) || files.tokens < 1))
    throw new InputError("--tokens", undefined, `must be a whole number, at least 1, got ${files.tokens}`);
  return {
    principal: files.principal,
    ...(files.jmeter !== undefined ? { jmeter: readJmeterFile(files.jmeter) } : {}),
    ...(files.nginx !== undefined ? { nginx: readNginxFile(files.nginx) } : {}),
    tokens: files.tokens ?? 1,
    declaredIn: files.declaredIn ?? (files.jmeter !== undefined ? `--jmeter ${displayPath(files.jmeter)}` : `--nginx ${displayPath(files.nginx!)}`),
  };
}
