// Which provider releases a configuration is checked against: `--provider-version`, else the
// version `.terraform.lock.hcl` locked, else the `required_providers` (or plan JSON) constraint
// over the releases in the schema history. Nothing named: the newest schema known (v1.84.1 plus
// the later additions), as before.
import { ADDITIONS_VERSION, PROVIDER_VERSION } from "../genesys/provider";
import { compareVersions, constraintMatcher, describeVersions, knownVersions, parseVersion } from "../genesys/provider-versions";
import type { ProviderRequirement } from "../model/terraform";

export interface VersionSelection {
  /** Known releases the configuration may run with, ascending. */
  versions: readonly string[];
  /** How messages name it: `~> 1.53.0 (v1.53.0–1.53.2)`, `v1.53.1 (locked in .terraform.lock.hcl)`. */
  label: string;
  /** The constraint allows the release of the later additions (v1.86.0: genesyscloud_access_policy), so their types may be used. */
  allowsAdditions: boolean;
}

/** Releases after the newest in the data, for "does the constraint also allow newer ones?". */
const NEWER_PROBES = ["1.84.2", "1.85.0", "1.86.0", "1.86.1", "1.90.0", "2.0.0"].map((v) => parseVersion(v)!);

export function selectProviderVersions(requirement: ProviderRequirement | undefined, override?: string): VersionSelection | undefined {
  const [constraint, source] =
    override !== undefined
      ? [override, "--provider-version"]
      : requirement?.locked !== undefined
        ? [`= ${requirement.locked}`, `locked in ${requirement.lockFile}`]
        : requirement?.constraint !== undefined
          ? [requirement.constraint, `required in ${requirement.constraintFile}`]
          : [undefined, undefined];
  if (constraint === undefined) return undefined;
  const matches = constraintMatcher(constraint);
  if (!matches) return undefined; // not a constraint Terraform reads either: terraform init says so
  const versions = knownVersions().filter((v) => matches(parseVersion(v)!));
  const newer = NEWER_PROBES.some((v) => compareVersions(v, parseVersion(PROVIDER_VERSION)!) > 0 && matches(v));
  const shown = constraint.replace(/^= /, "");
  const allowsAdditions = matches(parseVersion(ADDITIONS_VERSION)!);
  if (!versions.length) {
    // Only releases newer than the data: check against the newest known, and say so.
    return newer
      ? { versions: [PROVIDER_VERSION], label: `${shown} (${source}; newer than the schema data: checked against v${PROVIDER_VERSION})`, allowsAdditions }
      : undefined;
  }
  return { versions, label: `${shown} (${source}: ${describeVersions(versions)}${newer ? `; later releases not in the data` : ""})`, allowsAdditions };
}
