// The divisions an intent's queues live in: a queue's conversations (and so its recordings) belong
// to the queue's division, so reading recordings of queue Support needs access where Support is,
// whatever divisions the intent lists. Queues named by address (genesyscloud_routing_queue.support)
// whose division_id resolves are followed; ids and unresolved divisions add nothing.
import type { ReferenceResolver } from "./references";

interface WithQueues {
  divisions: string[];
  queues?: string[];
}

const QUEUE = /^(module\.[A-Za-z0-9_-]+\.)*genesyscloud_routing_queue\.[A-Za-z0-9_-]+$/;

/** The division (as intents write divisions) of each queue the intent names, where the configuration says. */
export function queueDivisions(intent: WithQueues, resolver: ReferenceResolver): string[] {
  const out: string[] = [];
  for (const queue of intent.queues ?? []) {
    if (!QUEUE.test(queue)) continue;
    const r = resolver.resource(queue);
    if (!r || r.mode !== "managed") continue;
    const d = resolver.resolve(r.values.division_id);
    if (d.kind === "ref" && d.resource?.type === "genesyscloud_auth_division_home") out.push("home");
    else if (d.kind === "ref" && d.resource?.type === "genesyscloud_auth_division") out.push(d.address);
    else if (d.kind === "literal" && d.value) out.push(d.value);
  }
  return out;
}

/** The intent with its queues' divisions added to the divisions it names (the same object when none are new). */
export function withQueueDivisions<T extends WithQueues>(intent: T, resolver: ReferenceResolver): T {
  const extra = queueDivisions(intent, resolver).filter((d) => !intent.divisions.includes(d) && !intent.divisions.includes("*"));
  return extra.length ? { ...intent, divisions: [...intent.divisions, ...new Set(extra)] } : intent;
}
