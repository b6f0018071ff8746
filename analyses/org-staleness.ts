// Is the org settings file still a fair picture of the org? A snapshot older than a maximum age
// (default 30 days), or a file of documented defaults that was never replaced by a snapshot,
// gives a warning at synth and audit. A warning, not an error: the file still decides.
import { InputError } from "../model/input-error";
import type { OrgSettingsFile } from "../model/org-settings";

export const DEFAULT_MAX_SNAPSHOT_AGE_DAYS = 30;

/** Environment variable that overrides the maximum age, in whole days. */
export const MAX_AGE_ENV = "GRG_ORG_MAX_AGE_DAYS";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface StalenessOptions {
  /** Maximum age of a snapshot in days (default 30). */
  maxAgeDays?: number;
  /** Defaults to now. */
  now?: Date;
}

/**
 * A one-line warning when the org settings are documented defaults or a snapshot older than
 * the maximum age; undefined when they are a fresh snapshot.
 */
export function orgSettingsStaleness(
  org: Pick<OrgSettingsFile, "environment" | "provenance"> & { file?: string },
  options: StalenessOptions = {},
): string | undefined {
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_MAX_SNAPSHOT_AGE_DAYS;
  const now = (options.now ?? new Date()).getTime();
  const file = org.file ?? `org settings of ${org.environment}`;
  const refresh = `npm run org:snapshot -- --env ${org.environment}`;
  const p = org.provenance;
  if (p.kind === "documented-defaults") {
    return `${file}: using documented defaults, not a snapshot: limits and settings are Genesys Cloud's documented values, not read from the org (run ${refresh}).`;
  }
  const captured = Date.parse(p.capturedAt);
  if (Number.isNaN(captured)) return `${file}: provenance.capturedAt "${p.capturedAt}" is not a date: the snapshot's age is unknown (run ${refresh}).`;
  const ageMs = now - captured;
  if (ageMs <= maxAgeDays * DAY_MS) return undefined;
  const days = Math.floor(ageMs / DAY_MS);
  return `${file}: snapshot captured ${p.capturedAt} is ${days} days old, older than ${maxAgeDays} days: limits, permissions or divisions may have changed since (run ${refresh}).`;
}

/** The maximum age from GRG_ORG_MAX_AGE_DAYS, or the default; a bad value is an InputError. */
export function maxAgeDaysFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env[MAX_AGE_ENV];
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_SNAPSHOT_AGE_DAYS;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new InputError(MAX_AGE_ENV, undefined, `expected a positive whole number of days, got "${raw}"`);
  return Number(raw.trim());
}
