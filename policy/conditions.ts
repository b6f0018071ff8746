// Permission-policy conditions narrow where a permission applies. Terms on a queue variable
// (e.g. Conversation.queues with QUEUE operands) decide whether a queue's conversations are
// covered; terms on other variables cannot be judged statically and are treated as allowing.
import type { ReferenceResolver } from "./references";
import type { PermissionPolicy } from "./roles";

export type QueueVerdict = "allows" | "excludes";

/** Whether a policy's conditions let it apply to conversations of a queue (address or id). */
export function conditionsAllowQueue(policy: PermissionPolicy, queue: string, resolver: ReferenceResolver): QueueVerdict {
  const c = policy.conditions;
  if (!c || c.terms.length === 0) return "allows";
  const verdicts = c.terms.map((term) => {
    if (!/queue/i.test(term.variableName)) return "allows" as const;
    const queues = term.operands.filter((o) => o.type.toUpperCase() === "QUEUE").map((o) => queueKey(o.queueId ?? o.value, resolver));
    return queues.includes(queueKey(queue, resolver)) ? ("allows" as const) : ("excludes" as const);
  });
  const anyQueueTerm = c.terms.some((t) => /queue/i.test(t.variableName));
  if (!anyQueueTerm) return "allows";
  // OR: one allowing term is enough (a non-queue term may match any conversation).
  if (c.conjunction === "OR") return verdicts.includes("allows") ? "allows" : "excludes";
  return verdicts.every((v) => v === "allows") ? "allows" : "excludes";
}

/** A queue written as an address, a `${...id}` reference, or an id, reduced to one comparable key. */
export function queueKey(value: string | undefined, resolver: ReferenceResolver): string {
  if (!value) return "";
  const r = resolver.resolve(value);
  if (r.kind === "ref") return r.address;
  if (r.kind === "literal") return r.value;
  return r.text;
}

export function describeConditions(policy: PermissionPolicy): string {
  const c = policy.conditions;
  if (!c) return "no conditions";
  return c.terms
    .map((t) => `${t.variableName} ${t.operator} [${t.operands.map((o) => o.queueId ?? o.userId ?? o.value ?? o.type).join(", ")}]`)
    .join(` ${c.conjunction} `);
}
