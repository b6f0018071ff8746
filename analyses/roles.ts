// Auth roles as the engine sees them: permission policies (domain, entity, actions, optional
// conditions) and the question "does this role grant permission X". `*` in entity_name or
// action_set means all (genesys/README.md "Permissions, roles, divisions").
import { Permission, parsePermission } from "../genesys/permissions";
import type { TfResource } from "../model/terraform";
import { plainText } from "../model/safe-text";

export interface ConditionOperand {
  type: string;
  queueId?: string;
  userId?: string;
  value?: string;
}

export interface ConditionTerm {
  variableName: string;
  operator: string;
  operands: ConditionOperand[];
}

export interface PolicyConditions {
  conjunction: string;
  terms: ConditionTerm[];
}

export interface PermissionPolicy {
  domain: string;
  entity: string;
  actions: string[];
  conditions?: PolicyConditions;
  /** Index in the role's permission_policies, for messages. */
  index: number;
}

export interface RoleView {
  address: string;
  resource: TfResource;
  /** The policies the configuration states: literal blocks, and dynamic blocks whose every instance is literal. */
  policies: PermissionPolicy[];
  /**
   * Set when the role may hold policies the configuration does not state literally (a `dynamic
   * "permission_policies"` block whose for_each or content depends on values only known at plan
   * time): rules then say "cannot verify" where the stated policies fall short, never "403".
   */
  unreadable?: string;
}

const roleCache = new WeakMap<TfResource, RoleView>();

export function readRole(resource: TfResource): RoleView {
  const cached = roleCache.get(resource);
  if (cached) return cached;
  const written = blocks(resource.values.permission_policies);
  const policies: PermissionPolicy[] = [];
  let unreadable: string | undefined;
  for (let index = 0; index < written.length; index++) {
    const p = written[index];
    const conditions = blocks(p.conditions)[0];
    // Every policy has the same fields (conditions undefined when there are none): one object
    // shape for the access checks that read thousands of them.
    policies.push({
      domain: plainText(p.domain ?? ""),
      entity: plainText(p.entity_name ?? ""),
      actions: strings(p.action_set),
      conditions: conditions ? readConditions(conditions) : undefined,
      index,
    });
    // A policy written with values known only at plan time (`action_set = var.actions`, `each.value`
    // in a for_each role) may grant what the text does not show.
    if (unreadable === undefined && (hasTemplate(p.domain) || hasTemplate(p.entity_name) || hasTemplate(p.action_set)))
      unreadable = `permission_policies[${index}] uses values known only at plan time`;
  }
  const view: RoleView = { address: resource.address, resource, policies, unreadable };
  if (resource.values.dynamic !== undefined) readDynamicPolicies(resource.values.dynamic, view);
  roleCache.set(resource, view);
  return view;
}

const isTemplate = (v: unknown) => typeof v === "string" && v.includes("${");
const hasTemplate = (v: unknown): boolean => isTemplate(v) || (Array.isArray(v) && v.some(isTemplate));

/**
 * `dynamic "permission_policies" { for_each = ...; content { domain, entity_name, action_set } }`.
 * A literal for_each (a list or map) makes one block per element: with literal content they are
 * all the same policy, read like a written one; an empty literal for_each makes none. A for_each
 * known only at plan time may make none or some, and content built from the iterator
 * (`permission_policies.value`) cannot be read: the role is then marked unreadable.
 */
function readDynamicPolicies(dynamic: unknown, view: RoleView): void {
  for (const { content, forEach } of dynamicContents(dynamic, "permission_policies")) {
    const instances = Array.isArray(forEach) ? forEach.length : isBlock(forEach) ? Object.keys(forEach).length : undefined;
    if (instances === 0) continue;
    const conditions = blocks(content.conditions)[0];
    if (
      instances === undefined ||
      hasTemplate(content.domain) ||
      hasTemplate(content.entity_name) ||
      hasTemplate(content.action_set) ||
      conditions !== undefined
    ) {
      view.unreadable ??= `dynamic "permission_policies" (for_each ${typeof forEach === "string" ? forEach : JSON.stringify(forEach ?? null)}) is only known at plan time`;
      continue;
    }
    view.policies.push({
      domain: plainText(content.domain ?? ""),
      entity: plainText(content.entity_name ?? ""),
      actions: strings(content.action_set),
      conditions: undefined,
      index: view.policies.length,
    });
  }
}

/** The content blocks of `dynamic "<name>"` blocks (HCL-to-JSON shape), each with its for_each. */
export function dynamicContents(dynamic: unknown, name: string): { content: Record<string, unknown>; forEach: unknown }[] {
  const out: { content: Record<string, unknown>; forEach: unknown }[] = [];
  for (const d of blocks(dynamic)) {
    for (const block of blocks(d[name])) {
      // for_each over an empty literal (often a module argument `= []`) creates no block.
      const each = block.for_each;
      if ((Array.isArray(each) && each.length === 0) || (each !== null && typeof each === "object" && !Array.isArray(each) && Object.keys(each).length === 0))
        continue;
      for (const content of blocks(block.content)) out.push({ content, forEach: block.for_each });
    }
  }
  return out;
}

function readConditions(c: Record<string, unknown>): PolicyConditions {
  return {
    conjunction: plainText(c.conjunction ?? "AND").toUpperCase(),
    terms: blocks(c.terms).map((t) => ({
      variableName: plainText(t.variable_name ?? ""),
      operator: plainText(t.operator ?? ""),
      operands: blocks(t.operands).map((o) => {
        // Optional fields assigned in order rather than spread in: no temporary object per operand.
        const operand: ConditionOperand = { type: plainText(o.type ?? "") };
        if (typeof o.queue_id === "string") operand.queueId = o.queue_id;
        if (typeof o.user_id === "string") operand.userId = o.user_id;
        if (typeof o.value === "string") operand.value = o.value;
        return operand;
      }),
    })),
  };
}

export function policyGrants(policy: PermissionPolicy, permission: Permission): boolean {
  return (
    policy.domain === permission.domain &&
    (policy.entity === "*" || policy.entity === permission.entity) &&
    (policy.actions.includes("*") || policy.actions.includes(permission.action))
  );
}

const parsedPermissions = new Map<string, Permission | undefined>();
const NONE: PermissionPolicy[] = [];
const grantingCache = new WeakMap<RoleView, Map<string, PermissionPolicy[]>>();

/** A permission name parsed (undefined when it is not `domain:entity:action`), memoised: the names come from the capability catalogue. */
export function permissionOf(permissionText: string): Permission | undefined {
  let permission = parsedPermissions.get(permissionText);
  if (permission === undefined && !parsedPermissions.has(permissionText)) parsedPermissions.set(permissionText, (permission = parsePermission(permissionText)));
  return permission;
}

/** The role's policies that grant a permission (empty when none does). Cached per role and permission: do not mutate. */
export function grantingPolicies(role: RoleView, permissionText: string): PermissionPolicy[] {
  let byPermission = grantingCache.get(role);
  if (!byPermission) grantingCache.set(role, (byPermission = new Map()));
  let out = byPermission.get(permissionText);
  if (out === undefined) {
    const permission = permissionOf(permissionText);
    out = permission ? role.policies.filter((p) => policyGrants(p, permission)) : NONE;
    if (!out.length) out = NONE;
    byPermission.set(permissionText, out);
  }
  return out;
}

/** Every permission string a role names explicitly (wildcards left as written). */
export function namedPermissions(role: RoleView): string[] {
  const out: string[] = [];
  for (const p of role.policies) for (const a of p.actions) out.push(`${p.domain}:${p.entity}:${a}`);
  return out;
}

const NO_BLOCKS: Record<string, unknown>[] = [];
const isBlock = (i: unknown): i is Record<string, unknown> => typeof i === "object" && i !== null && !Array.isArray(i);

/** A nested block as an array of objects. Normalized values already are: returned as they are (do not mutate). */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null) return NO_BLOCKS;
  const items = Array.isArray(value) ? value : [value];
  return items.every(isBlock) ? items : items.filter(isBlock);
}

const NO_STRINGS: string[] = [];

/**
 * A value as a list of strings. An array holding only strings (the usual case) is returned as it
 * is, like blocks(): do not mutate. Saves a copy per role action set and per scope list.
 */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return NO_STRINGS;
  for (const v of value) if (typeof v !== "string") return value.filter((x): x is string => typeof x === "string");
  return value as string[];
}
