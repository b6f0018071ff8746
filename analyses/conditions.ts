// Permission-policy conditions narrow where a permission applies. Terms on a queue variable
// (e.g. Conversation.queues with QUEUE operands) decide whether a queue's conversations are
// covered; terms on other variables cannot be judged statically and are treated as allowing.
import type { ReferenceResolver } from "./references";
import type { PermissionPolicy } from "./roles";

export type QueueVerdict = "allows" | "excludes" | "unknown";

/**
 * Whether a policy's conditions let it apply to conversations of a queue (address or id).
 * "unknown" when a queue operand cannot be resolved (a local, a variable without default) and
 * the resolved ones do not decide.
 */
export function conditionsAllowQueue(policy: PermissionPolicy, queue: string, resolver: ReferenceResolver): QueueVerdict {
  const c = policy.conditions;
  const queueTerms = c?.terms.filter((t) => /queue/i.test(t.variableName)) ?? [];
  if (!c || queueTerms.length === 0) return "allows";
  const wanted = queueKey(queue, resolver);
  const verdicts = c.terms.map((term): QueueVerdict => {
    if (!/queue/i.test(term.variableName)) return "allows"; // cannot be judged statically
    const keys = term.operands.filter((o) => o.type.toUpperCase() === "QUEUE").map((o) => queueKey(o.queueId ?? o.value, resolver));
    if (keys.includes(wanted)) return "allows";
    return keys.includes(undefined) ? "unknown" : "excludes";
  });
  // OR: one allowing term is enough (a non-queue term may match any conversation); AND: every term must allow.
  if (c.conjunction === "OR") return verdicts.includes("allows") ? "allows" : verdicts.includes("unknown") ? "unknown" : "excludes";
  return verdicts.includes("excludes") ? "excludes" : verdicts.includes("unknown") ? "unknown" : "allows";
}

/** A queue written as an address, a `${...id}` reference, or an id, reduced to one comparable key; undefined when unresolvable. */
export function queueKey(value: string | undefined, resolver: ReferenceResolver): string | undefined {
  if (!value) return undefined;
  const r = resolver.resolve(value);
  if (r.kind === "ref") return r.address;
  if (r.kind === "literal") return r.value;
  return undefined;
}

export function describeConditions(policy: PermissionPolicy): string {
  const c = policy.conditions;
  if (!c) return "no conditions";
  return c.terms
    .map((t) => `${t.variableName} ${t.operator} [${t.operands.map((o) => o.queueId ?? o.userId ?? o.value ?? o.type).join(", ")}]`)
    .join(` ${c.conjunction} `);
}
