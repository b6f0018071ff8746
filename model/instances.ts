// Terraform makes no instance of a block whose `count` is 0 or whose `for_each` is empty. When the
// configuration says so literally (`count = 0`, `for_each = {}`), the block is still validated
// (GRG012) but nothing of it is created: no principal, role, trunk or retention policy for the
// other rules. A count or for_each that comes from a variable or a condition is not taken as zero
// even when the default makes it so: tfvars, -var and workspaces usually set those, and taking a
// default of zero would silently skip the block. Plan JSON lists instances, never blocks, so its
// resources carry neither meta-argument.
import type { TfConfiguration, TfResource } from "./terraform";

/** Whether the configuration states, literally, that the block has no instances. */
export function declaresNoInstances(resource: TfResource): boolean {
  const { count, for_each: forEach } = resource.values;
  if (count !== undefined && count !== null) return count === 0 || (typeof count === "string" && /^\s*0+\s*$/.test(count));
  if (Array.isArray(forEach)) return forEach.length === 0;
  if (typeof forEach === "object" && forEach !== null) return Object.keys(forEach).length === 0;
  return false;
}

/** The configuration without the blocks that literally create nothing (the same object when there are none). */
export function withoutEmptyBlocks(config: TfConfiguration): TfConfiguration {
  for (const r of config.resources) {
    if (r.values.count === undefined && r.values.for_each === undefined) continue;
    const created = config.resources.filter((x) => !declaresNoInstances(x));
    return created.length === config.resources.length ? config : { ...config, resources: created };
  }
  return config;
}

/** `module.m["a"].genesyscloud_oauth_client.c[0]` -> `module.m.genesyscloud_oauth_client.c`: the block an instance belongs to. */
export function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, "");
}

/**
 * What is declared for an address, or for the block of an instance address: an intent (or an
 * acknowledgement target) on a block covers each instance plan JSON lists (`c[0]`, `c["a"]`).
 */
export function forAddressOrBlock<T>(address: string, lookup: (key: string) => T | undefined): T | undefined {
  return lookup(address) ?? (address.includes("[") ? lookup(withoutInstanceKeys(address)) : undefined);
}
