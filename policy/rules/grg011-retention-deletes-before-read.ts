import type { TfResource } from "../model";
import { blocks, strings } from "../roles";
import type { Rule, RuleFinding } from "../rule";
import { nameSome } from "./grg010-trunk-records-nothing";
import { capValue } from "../safe-text";

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

const asBool = (v: unknown) => v === true || v === "true";

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
  if (asBool(actions.always_delete)) return { kind: "after", days: 0, how: "always_delete" };
  const days = blocks(blocks(actions.retention_duration)[0]?.delete_retention)[0]?.days;
  if (typeof days === "number" || (typeof days === "string" && /^\d+$/.test(days))) return { kind: "after", days: Number(days), how: "retention_duration.delete_retention.days" };
  if (typeof days === "string") return { kind: "unknown", text: days };
  if (asBool(actions.delete_recording) && !asBool(actions.retain_recording)) return { kind: "after", days: 0, how: "delete_recording with retain_recording false" };
  return { kind: "never" };
}

/** What the enabled policies covering one media type do with its recordings. */
interface MediaSummary {
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

function summarise(media: Media, sets: readonly ActionSet[]): MediaSummary {
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

const when = (d: { days: number }) => (d.days === 0 ? "at once" : `after ${d.days} day(s)`);

export const retentionDeletesBeforeRead: Rule = {
  id: "GRG011",
  name: "retention-deletes-before-read",
  title: "Media retention policy deletes recordings before they are read",
  severity: "warning",
  httpStatus: 404,
  outcome: "404 / empty results",
  certainty: "likely",
  usesIntents: false,
  explanation:
    "A media retention policy that deletes recordings before a reader fetches them makes the recordings API answer 404 or return empty results, not 403. `always_delete` wins over retain_recording and delete_recording, so matching recordings are deleted at once (certain for the media it covers). When an intent reads recordings up to N days old, every enabled policy covering a media type that deletes sooner than N days (delete_retention.days, or delete_recording with retain_recording false) is reported: overlapping policies are resolved by the longest retention when all set a deletion period, so the finding is raised only when even the longest is shorter. The outcome is likely, not certain: policy conditions (queues, users, directions, ...) may not match the conversations read.",
  remediation:
    "Set retention_duration.delete_retention.days to at least the oldest recording the reader must fetch, remove always_delete, or narrow the policy's conditions so that it does not match the conversations the reader needs.",
  sources: ["genesys/README.md: Media retention policies (always_delete wins; overlapping policies: longest retention wins; deletion gives 404 / empty, not 403)", "provider schema: genesyscloud_recording_media_retention_policy (genesys/provider-schema.json)"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const sets = enabledPolicies(ctx.resourcesOfType(POLICY_TYPE)).flatMap(actionSets);
    const readers = Object.keys(ctx.intents.principals)
      .filter((a) => ctx.intents.principals[a].capabilities.some((c) => c.startsWith("recordings:read")))
      .sort();
    const isReader = new Set(readers);

    // always_delete: recordings are gone at once, whatever anyone intends.
    const alwaysByPolicy = new Map<TfResource, string[]>();
    for (const s of sets) if (asBool(s.actions.always_delete)) alwaysByPolicy.set(s.policy, [...(alwaysByPolicy.get(s.policy) ?? []), `${s.where}.always_delete`]);
    for (const [policy, wheres] of alwaysByPolicy) {
      const base = `${policy.address} sets always_delete (${wheres.join(", ")}): matching recordings are deleted at once, so reads find nothing (404 / empty results, not 403)`;
      findings.push(readers.length
        ? { address: policy.address, severity: "error", message: `${base}; ${nameSome(readers)} ${readers.length > 1 ? "intend" : "intends"} to read recordings.` }
        : { address: policy.address, certainty: "certain", message: `${base}.` });
    }

    // Intents: the oldest recording a principal must read vs. the longest retention covering
    // each media type. Summarised once per media type, so the work is linear in policies + principals.
    const summaries = MEDIA.map((m) => summarise(m, sets));
    for (const principal of Object.keys(ctx.intents.principals).sort()) {
      const upTo = ctx.intents.principals[principal].readsRecordingsUpToDays;
      if (upTo === undefined) continue;
      // Media types with the same verdict and decisive policy become one finding.
      const groups = new Map<string, { summary: MediaSummary; media: Media[] }>();
      for (const sum of summaries) {
        // Fine when nothing covers the media (kept by default), or some covering policy keeps long enough.
        if (!sum.longest && !sum.unknown) continue;
        if (sum.keeps || (sum.longest && sum.longest.days >= upTo)) continue;
        const decisive = sum.unknown ?? sum.longest!;
        const key = `${decisive.policy.address} ${sum.unknown ? "unknown" : `${sum.longest!.days} ${sum.longest!.how}`}`;
        const group = groups.get(key) ?? { summary: sum, media: [] };
        group.media.push(sum.media);
        groups.set(key, group);
      }
      for (const { summary: sum, media } of groups.values()) {
        if (sum.unknown) {
          findings.push({
            address: sum.unknown.policy.address,
            severity: "unknown",
            httpStatus: null,
            message: `${sum.unknown.policy.address}: cannot tell whether ${capValue(principal)} can read ${media.join(", ")} recordings up to ${upTo} days old: the deletion period is not a literal (${capValue(sum.unknown.text)}).`,
          });
          continue;
        }
        const d = sum.longest!;
        // An always_delete policy is already an error above for every reader.
        if (d.how === "always_delete" && isReader.has(principal)) continue;
        const overlap =
          sum.policies > 1
            ? ` All ${sum.policies} enabled policies covering them delete sooner; with overlapping policies the longest retention wins when all set a deletion period, and even that is too short.`
            : "";
        findings.push({
          address: d.policy.address,
          severity: "error",
          message: `${d.policy.address} deletes ${media.join(", ")} recordings ${when(d)} (${d.how}), but ${capValue(principal)} reads recordings up to ${upTo} days old: likely 404 / empty results.${overlap}`,
        });
      }
    }
    return findings;
  },
};
