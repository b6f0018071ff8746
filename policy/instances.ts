// Terraform makes no instance of a block whose `count` is 0 or whose `for_each` is empty
// (feature flags: `count = var.enabled ? 1 : 0`). Such a block is still validated (GRG012), but
// nothing of it is created: no principal, role, trunk or retention policy for the other rules.
// Plan JSON lists instances, never blocks, so its resources carry neither meta-argument.
import type { TfResource } from "./model";
import type { ReferenceResolver } from "./references";

/** `${var.x ? 1 : 0}` / `${local.x ? 1 : 0}`: the usual feature-flag count. */
const CONDITIONAL_COUNT = /^\$\{\s*((?:var|local)\.[A-Za-z0-9_-]+)\s*\?\s*(\d+)\s*:\s*(\d+)\s*\}$/;

/** Whether the configuration states that the block has no instances (unknown counts are not zero). */
export function declaresNoInstances(resource: TfResource, resolver: ReferenceResolver): boolean {
  const { count, for_each: forEach } = resource.values;
  if (count !== undefined && count !== null) return instanceCount(count, resolver) === 0;
  if (forEach !== undefined && forEach !== null) {
    const v = resolver.literalValue(forEach);
    if (Array.isArray(v)) return v.length === 0;
    if (typeof v === "object" && v !== null) return Object.keys(v).length === 0;
  }
  return false;
}

function instanceCount(count: unknown, resolver: ReferenceResolver): number | undefined {
  const n = resolver.resolveNumber(count);
  if (n.kind === "number") return n.value;
  const conditional = typeof count === "string" ? CONDITIONAL_COUNT.exec(count) : null;
  if (!conditional) return undefined;
  const flag = resolver.literalValue(`\${${conditional[1]}}`);
  const truth = flag === true || flag === "true" ? true : flag === false || flag === "false" ? false : undefined;
  return truth === undefined ? undefined : Number(truth ? conditional[2] : conditional[3]);
}

/** `module.m["a"].genesyscloud_oauth_client.c[0]` -> `module.m.genesyscloud_oauth_client.c`: the block an instance belongs to. */
export function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, "");
}
