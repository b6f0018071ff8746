// What a media retention policy does to recordings: its action blocks per media type, when each
// deletes (always_delete, a retention period, delete_recording), the conversations it applies to
// (queues and other conditions), and which blocks decide that a reader's recordings are deleted too
// soon. GRG011 and GRG015 decide from this, and the access matrix shows it.
import type { TfResource } from "../model/terraform";
import { queueKey } from "./conditions";
import type { ReferenceResolver } from "./references";
import { blocks, strings } from "./roles";

export const POLICY_TYPE = "genesyscloud_recording_media_retention_policy";
export const MEDIA = ["call", "chat", "email", "message"] as const;
export type Media = (typeof MEDIA)[number];

/** One `actions` block of a policy and the media it applies to. */
export interface ActionSet {
  policy: TfResource;
  media: readonly Media[];
  /** Path of the actions block, for messages. */
  where: string;
  actions: Record<string, unknown>;
  /** The conditions block that governs these actions (the policy's, or the media policy's own), if any. */
  conditions?: Record<string, unknown>;
}

export type Deletion = { kind: "never" } | { kind: "after"; days: number; how: string } | { kind: "unknown"; text: string };

/** Retention booleans: true or "true" (anything else is off). */
export const isOn = (v: unknown) => v === true || v === "true";

/** Policies not switched off (`enabled` unset counts as on), from the managed retention policies. */
export function enabledPolicies(policies: readonly TfResource[]): TfResource[] {
  return policies.filter((r) => r.values.enabled !== false && r.values.enabled !== "false");
}

/** The policy's action blocks: per media under media_policies, and the top-level `actions`. */
export function actionSets(policy: TfResource): ActionSet[] {
  const out: ActionSet[] = [];
  const top = blocks(policy.values.actions)[0];
  if (top) {
    // Top-level actions apply to conditions.media_types; their spelling is not confirmed, so any
    // unrecognised or missing list is read as "all media".
    const listed = strings(blocks(policy.values.conditions)[0]?.media_types).map((m) => m.toLowerCase());
    const media = MEDIA.filter((m) => listed.includes(m));
    const conditions = blocks(policy.values.conditions)[0];
    out.push({ policy, media: media.length ? media : MEDIA, where: "actions[0]", actions: top, ...(conditions ? { conditions } : {}) });
  }
  const mp = blocks(policy.values.media_policies)[0];
  for (const { media, key, where } of MEDIA_POLICIES) {
    const block = blocks(mp?.[key])[0];
    const actions = blocks(block?.actions)[0];
    const conditions = blocks(block?.conditions)[0];
    if (actions) out.push({ policy, media, where, actions, ...(conditions ? { conditions } : {}) });
  }
  return out;
}

/** Per media type, the media_policies block and its path: built once, not per policy. Read-only. */
const MEDIA_POLICIES = MEDIA.map((m) => ({ media: [m] as const, key: `${m}_policy`, where: `media_policies[0].${m}_policy[0].actions[0]` }));

/** When an actions block deletes recordings (always_delete wins; delete_recording is ignored when retain_recording is true). */
export function deletion(actions: Record<string, unknown>): Deletion {
  if (isOn(actions.always_delete)) return { kind: "after", days: 0, how: "always_delete" };
  const days = blocks(blocks(actions.retention_duration)[0]?.delete_retention)[0]?.days;
  if (typeof days === "number" || (typeof days === "string" && /^\d+$/.test(days)))
    return { kind: "after", days: Number(days), how: "retention_duration.delete_retention.days" };
  if (typeof days === "string") return { kind: "unknown", text: days };
  if (isOn(actions.delete_recording) && !isOn(actions.retain_recording)) return { kind: "after", days: 0, how: "delete_recording with retain_recording false" };
  return { kind: "never" };
}

// ---------------------------------------------------------------------------------------------
// Which conversations a policy's actions apply to, and which recordings a reader loses.

/**
 * The conversations an action block applies to, as far as the audit compares them: the queues its
 * conditions name (for_queue_ids; undefined: any queue), and every other condition (users, teams,
 * wrap-up codes, directions, languages, dates, times, durations, customer participation) as one
 * signature ("" when there is none). Two blocks are compared on queues; other conditions only by
 * being equal, since they cannot be intersected statically.
 */
export interface RetentionScope {
  queues?: ReadonlySet<string>;
  /** for_queue_ids names a queue that cannot be resolved: it may be any queue, or only some. */
  queuesUnknown?: boolean;
  other: string;
}

/** An action block with when it deletes, and (read when first asked for) the conversations it applies to. */
export class ScopedSet implements ActionSet {
  readonly policy: TfResource;
  readonly media: readonly Media[];
  readonly where: string;
  readonly actions: Record<string, unknown>;
  readonly conditions?: Record<string, unknown>;
  readonly deletion: Deletion;
  private scoped: RetentionScope | undefined;

  constructor(
    set: ActionSet,
    private readonly resolver: ReferenceResolver,
  ) {
    this.policy = set.policy;
    this.media = set.media;
    this.where = set.where;
    this.actions = set.actions;
    if (set.conditions) this.conditions = set.conditions;
    this.deletion = deletion(set.actions);
  }

  /** Only blocks that delete too soon, and then the ones that may keep them, need it. */
  get scope(): RetentionScope {
    return (this.scoped ??= scopeOf(this.conditions, this.resolver));
  }
}

export function scopedSets(sets: readonly ActionSet[], resolver: ReferenceResolver): ScopedSet[] {
  return sets.map((set) => new ScopedSet(set, resolver));
}

function scopeOf(conditions: Record<string, unknown> | undefined, resolver: ReferenceResolver): RetentionScope {
  if (!conditions) return { other: "" };
  let queues: Set<string> | undefined;
  const written = strings(conditions.for_queue_ids);
  if (written.length) {
    const keys = written.map((q) => queueKey(q, resolver));
    // A queue that cannot be resolved (a variable without a default) may be any queue.
    if (keys.includes(undefined)) return { queuesUnknown: true, other: otherSignature(conditions) };
    queues = new Set(keys as string[]);
  }
  return { ...(queues ? { queues } : {}), other: otherSignature(conditions) };
}

/** Every condition but the queues and media types, canonical: keys sorted, lists of names sorted (their order means nothing). */
function otherSignature(conditions: Record<string, unknown>): string {
  const other: Record<string, unknown> = {};
  for (const key of Object.keys(conditions).sort()) {
    if (key === "for_queue_ids" || key === "media_types") continue;
    const v = conditions[key];
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    other[key] = Array.isArray(v) && v.every((x) => typeof x === "string") ? [...v].sort() : v;
  }
  return Object.keys(other).length ? JSON.stringify(other) : "";
}

/** Protectors of one kind, by the signature of their other conditions: any queue, or these queues. */
type ScopeIndex = Map<string, { anyQueue: boolean; queues: Set<string> }>;

function indexScopes(sets: readonly ScopedSet[]): ScopeIndex {
  const index: ScopeIndex = new Map();
  for (const s of sets) addToIndex(index, s);
  return index;
}

function addToIndex(index: ScopeIndex, s: ScopedSet): void {
  let entry = index.get(s.scope.other);
  if (!entry) index.set(s.scope.other, (entry = { anyQueue: false, queues: new Set() }));
  if (!s.scope.queues) entry.anyQueue = true;
  else for (const q of s.scope.queues) entry.queues.add(q);
}

/** Whether the indexed blocks apply to every conversation `s` applies to among the reader's queues. */
function covered(index: ScopeIndex, s: ScopedSet, readerQueues: ReadonlySet<string> | undefined): boolean {
  return coveredBy(index.get(""), s, readerQueues) || (s.scope.other !== "" && coveredBy(index.get(s.scope.other), s, readerQueues));
}

function coveredBy(entry: { anyQueue: boolean; queues: Set<string> } | undefined, s: ScopedSet, readerQueues: ReadonlySet<string> | undefined): boolean {
  if (!entry) return false;
  if (entry.anyQueue) return true;
  // The queues of s's conversations that the reader reads: s's own (those the reader reads), else the reader's.
  const own = s.scope.queues;
  const source = own ?? readerQueues;
  if (!source) return false; // s applies to any queue; the entry only to some
  for (const q of source) {
    if (own && readerQueues && !readerQueues.has(q)) continue;
    if (!entry.queues.has(q)) return false;
  }
  return true;
}

export interface TooSoon {
  set: ScopedSet;
  /** "deletes": nothing keeps those recordings long enough; "unknown": a block whose deletion cannot be read might. */
  verdict: "deletes" | "unknown";
}

/**
 * The action blocks covering one media type that decide to delete recordings a reader needs up to
 * `upTo` days old sooner than that: no block keeping them long enough applies to the same
 * conversations, and no other block deleting later (but still too soon) does either (the longest
 * retention wins among the policies a conversation matches, so that one decides and is reported
 * instead). A block restricted to queues the reader does not read is left out. A block whose
 * deletion cannot be read is reported (verdict "unknown") when nothing else decides, and makes a
 * too-short block it may override "unknown" too.
 *
 * Built once per media type and age; `tooSoon(readerQueues)` then looks only at the blocks that can
 * touch the reader's queues (a block that covers another within the reader's queues touches them
 * too), so many readers cost little more than one.
 */
export class RetentionDecider {
  private readonly protectors: ScopeIndex;
  private readonly unreadable: ScopeIndex;
  private readonly unknowns: ScopedSet[];
  /** Too-short blocks, deleting last first. */
  private readonly short: ScopedSet[];
  private readonly shortAnyQueue: ScopedSet[];
  private readonly shortByQueue = new Map<string, ScopedSet[]>();
  private allQueues: TooSoon[] | undefined;

  constructor(media: Media, sets: readonly ScopedSet[], upTo: number) {
    const covering = sets.filter((s) => s.media.includes(media));
    const keeps = (d: Deletion) => d.kind === "never" || (d.kind === "after" && d.days >= upTo);
    this.unknowns = covering.filter((s) => s.deletion.kind === "unknown");
    // Nothing deletes too soon or unreadably: no block's conditions need reading.
    const needed = this.unknowns.length > 0 || covering.some((s) => s.deletion.kind === "after" && s.deletion.days < upTo);
    // A keeper whose queues cannot be resolved may or may not keep a reader's recordings: it makes a
    // too-short block's finding "unknown" rather than silencing it.
    const keepers = needed ? covering.filter((s) => keeps(s.deletion)) : [];
    this.protectors = indexScopes(keepers.filter((s) => !s.scope.queuesUnknown));
    this.unreadable = indexScopes([...this.unknowns, ...keepers.filter((s) => s.scope.queuesUnknown)]);
    // A block the keepers cover for a reader of every queue is covered for any reader (fewer queues
    // only take conversations away): left out once here rather than checked per reader.
    this.short = covering
      .filter((s) => s.deletion.kind === "after" && s.deletion.days < upTo && !covered(this.protectors, s, undefined))
      .sort((x, y) => daysOf(y) - daysOf(x));
    this.shortAnyQueue = this.short.filter((s) => !s.scope.queues);
    for (const s of this.short) {
      if (!s.scope.queues) continue;
      for (const q of s.scope.queues) {
        const list = this.shortByQueue.get(q);
        if (list) list.push(s);
        else this.shortByQueue.set(q, [s]);
      }
    }
  }

  /** `readerQueues` undefined: the reader reads any queue. */
  tooSoon(readerQueues?: ReadonlySet<string>): TooSoon[] {
    if (!readerQueues) return (this.allQueues ??= this.decide(this.short, undefined));
    const candidates = new Set(this.shortAnyQueue);
    for (const q of readerQueues) for (const s of this.shortByQueue.get(q) ?? []) candidates.add(s);
    return this.decide(
      [...candidates].sort((x, y) => daysOf(y) - daysOf(x)),
      readerQueues,
    );
  }

  private decide(short: readonly ScopedSet[], readerQueues: ReadonlySet<string> | undefined): TooSoon[] {
    const out: TooSoon[] = [];
    const later: ScopeIndex = new Map(); // the too-short blocks that delete later than the one at hand
    let added = 0;
    for (const s of short) {
      while (added < short.length && daysOf(short[added]) > daysOf(s)) addToIndex(later, short[added++]);
      if (covered(this.protectors, s, readerQueues) || covered(later, s, readerQueues)) continue;
      out.push({ set: s, verdict: covered(this.unreadable, s, readerQueues) ? "unknown" : "deletes" });
    }
    for (const u of this.unknowns) if (touches(u, readerQueues) && !covered(this.protectors, u, readerQueues)) out.push({ set: u, verdict: "unknown" });
    return out;
  }
}

function daysOf(s: ScopedSet): number {
  return s.deletion.kind === "after" ? s.deletion.days : 0;
}

function touches(s: ScopedSet, readerQueues: ReadonlySet<string> | undefined): boolean {
  if (!s.scope.queues || !readerQueues) return true;
  for (const q of s.scope.queues) if (readerQueues.has(q)) return true;
  return false;
}
