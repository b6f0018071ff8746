// Whether an Architect flow (Archy YAML, parsed) runs "Enable Participant Recording" on a path it
// can take: the `enableParticipantRecord` key of an action in a task, state or menu the flow
// reaches from its startUpRef, following references (`.../tasks/task[ref]`, `./menus/menu[ref]`,
// `.../states/state[ref]`) through actions, outputs, paths and choices. Parsing drops comments, and
// only keys count (not the word inside a string); a task nothing references is unreachable.
// Also whether the flow hands the call to another flow (transferToFlow*): then the call may be
// recorded there, so "never records" is only likely.

export interface FlowRecording {
  /** The document's flow type key (`inboundCall`, `inQueueCall`, ...). */
  kind: string | undefined;
  recordsParticipants: boolean;
  transfersToFlow: boolean;
}

const REFERENCE = /(tasks\/task|menus\/menu|states\/state|reusableTasks\/task)\[([^\]]+)\]/g;
type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

export function flowRecording(doc: unknown): FlowRecording {
  if (!isNode(doc)) return { kind: undefined, recordsParticipants: false, transfersToFlow: false };
  const kind = Object.keys(doc)[0];
  const flow = isNode(doc[kind]) ? (doc[kind] as Node) : {};
  // Every task, menu and state by its refId (and name), wherever it is declared.
  const targets = new Map<string, Node>();
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isNode(v)) {
      for (const key of ["task", "menu", "state"]) {
        const n = v[key];
        if (isNode(n)) {
          if (typeof n.refId === "string") targets.set(`${key}:${n.refId}`, n);
          if (typeof n.name === "string" && !targets.has(`${key}:${n.name}`)) targets.set(`${key}:${n.name}`, n);
        }
      }
      Object.values(v).forEach(collect);
    }
  };
  collect(flow);
  let records = false;
  let transfers = false;
  const visited = new Set<Node>();
  const queue: Node[] = [];
  const follow = (text: string) => {
    for (const m of text.matchAll(REFERENCE)) {
      const key = `${m[1].split("/")[1]}:${m[2]}`;
      const target = targets.get(key);
      if (target && !visited.has(target)) {
        visited.add(target);
        queue.push(target);
      }
    }
  };
  // What runs before any task or menu, and where the flow starts.
  const walk = (v: unknown) => {
    if (typeof v === "string") follow(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isNode(v)) {
      for (const [key, value] of Object.entries(v)) {
        if (key === "enableParticipantRecord") records = true;
        if (/transferToFlow/i.test(key)) transfers = true; // transferToFlow, transferToFlowSecure, menuTransferToFlow
        // A nested task or menu runs only when referenced.
        if ((key === "task" || key === "menu" || key === "state") && isNode(value) && value !== v) continue;
        walk(value);
      }
    }
  };
  for (const [key, value] of Object.entries(flow)) {
    if (key === "tasks" || key === "menus" || key === "states" || key === "reusableTasks") continue;
    walk(value);
  }
  while (queue.length) walk(queue.shift());
  return { kind, recordsParticipants: records, transfersToFlow: transfers };
}
