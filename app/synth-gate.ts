// What the synth gate reads from the environment (the gate itself: app/recording-guard.ts).
import { InputError } from "../model/input-error";
import { isIsoDate } from "../readers/validate";

/** GRG_TODAY: the date acknowledgements expire against (reproducible builds, tests). */
export function todayFromEnv(): string | undefined {
  const v = process.env.GRG_TODAY;
  if (!v) return undefined;
  if (!isIsoDate(v)) throw new InputError("GRG_TODAY", undefined, `expected a date YYYY-MM-DD, got "${v}"`);
  return v;
}
