// What a media retention policy does to recordings: its action blocks per media type, when each
// deletes (always_delete, a retention period, delete_recording), and per media type the enabled
// policies' combined effect. GRG011 and GRG015 decide from this, and the access matrix shows it.
import type { TfResource } from "../model/terraform";
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
    out.push({ policy, media: media.length ? media : MEDIA, where: "actions[0]", actions: top });
  }
  const mp = blocks(policy.values.media_policies)[0];
  for (const { media, key, where } of MEDIA_POLICIES) {
    const actions = blocks(blocks(mp?.[key])[0]?.actions)[0];
    if (actions) out.push({ policy, media, where, actions });
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

/** What the enabled policies covering one media type do with its recordings. */
export interface MediaSummary {
  media: Media;
  /** Some covering policy sets no deletion period. */
  keeps: boolean;
  /** The covering policy that deletes last (the longest retention wins when all set a deletion period). */
  longest?: { policy: TfResource; days: number; how: string };
  /** A covering policy whose deletion period cannot be read. */
  unknown?: { policy: TfResource; text: string };
  /** Distinct policies covering the media. */
  policies: number;
}

export function summarise(media: Media, sets: readonly ActionSet[]): MediaSummary {
  const out: MediaSummary = { media, keeps: false, policies: 0 };
  const seen = new Set<TfResource>();
  for (const s of sets) {
    if (!s.media.includes(media)) continue;
    seen.add(s.policy);
    const d = deletion(s.actions);
    if (d.kind === "never") out.keeps = true;
    else if (d.kind === "unknown") out.unknown ??= { policy: s.policy, text: d.text };
    else if (!out.longest || d.days > out.longest.days) out.longest = { policy: s.policy, days: d.days, how: d.how };
  }
  out.policies = seen.size;
  return out;
}
