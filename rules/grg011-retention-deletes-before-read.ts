import type { TfResource } from "../model/terraform";
import type { Rule, RuleFinding } from "../core/rule";
import {
  actionSets,
  enabledPolicies,
  isOn,
  MEDIA,
  type Media,
  POLICY_TYPE,
  RetentionDecider,
  type RetentionScope,
  scopedSets,
  type TooSoon,
} from "../analyses/retention";
import { queueKey } from "../analyses/conditions";
import { capValue, nameSome } from "../model/safe-text";

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
    "A media retention policy that deletes recordings before a reader fetches them makes the recordings API answer 404 or return empty results, not 403. `always_delete` wins over retain_recording and delete_recording, so matching recordings are deleted at once (certain for the media it covers). When an intent reads recordings up to N days old, the rule asks, per media type, which action blocks decide to delete the reader's recordings sooner: a conversation matched by several policies is kept by the longest retention, so a block is reported only when no block that keeps the recordings long enough (or deletes them later) applies to the same conversations. Conditions are compared on queues (for_queue_ids against each other and against the intent's queues: a policy for other queues neither deletes nor keeps the reader's recordings); other conditions (users, teams, wrap-up codes, directions, dates, durations...) only by being equal, so a policy narrowed by them protects only a block with the same ones. The outcome is likely, not certain: conditions the audit cannot compare may not match the conversations read.",
  remediation:
    "Set retention_duration.delete_retention.days to at least the oldest recording the reader must fetch, remove always_delete, or narrow the policy's conditions so that it does not match the conversations the reader needs.",
  sources: [
    "genesys/README.md: Media retention policies (always_delete wins; overlapping policies: longest retention wins; deletion gives 404 / empty, not 403)",
    "provider schema: genesyscloud_recording_media_retention_policy (genesys/provider-schema.json)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const sets = enabledPolicies(ctx.resourcesOfType(POLICY_TYPE)).flatMap(actionSets);
    const readers = Object.keys(ctx.intents.principals)
      .filter((a) => ctx.intents.principals[a].capabilities.some((c) => c.startsWith("recordings:read")))
      .sort();
    const isReader = new Set(readers);

    // always_delete: recordings are gone at once, whatever anyone intends.
    const alwaysByPolicy = new Map<TfResource, string[]>();
    for (const s of sets)
      if (isOn(s.actions.always_delete)) alwaysByPolicy.set(s.policy, [...(alwaysByPolicy.get(s.policy) ?? []), `${s.where}.always_delete`]);
    for (const [policy, wheres] of alwaysByPolicy) {
      const base = `${policy.address} sets always_delete (${wheres.join(", ")}): matching recordings are deleted at once, so reads find nothing (404 / empty results, not 403)`;
      findings.push(
        readers.length
          ? {
              address: policy.address,
              severity: "error",
              message: `${base}; ${nameSome(readers)} ${readers.length > 1 ? "intend" : "intends"} to read recordings.`,
            }
          : { address: policy.address, certainty: "certain", message: `${base}.` },
      );
    }

    // Intents: the oldest recording a principal must read vs. the blocks that decide when the
    // recordings it reads are deleted: per conversation the longest retention among the policies it
    // matches wins, and a policy for other queues (or other conditions) neither deletes nor keeps
    // the reader's recordings. Readers with the same age and queues share one answer.
    const scoped = scopedSets(sets, ctx.resolver);
    const deciders = new Map<number, RetentionDecider[]>(); // per age read, one per media type
    for (const principal of Object.keys(ctx.intents.principals).sort()) {
      const intent = ctx.intents.principals[principal];
      const upTo = intent.readsRecordingsUpToDays;
      if (upTo === undefined) continue;
      const queueKeys = intent.queues?.map((q) => queueKey(q, ctx.resolver) ?? q);
      const readerQueues = queueKeys ? new Set(queueKeys) : undefined;
      let perMedia = deciders.get(upTo);
      if (!perMedia) deciders.set(upTo, (perMedia = MEDIA.map((media) => new RetentionDecider(media, scoped, upTo))));
      const answer = MEDIA.map((media, i) => ({ media, tooSoon: perMedia![i].tooSoon(readerQueues) }));
      // Media types with the same decisive block and verdict become one finding.
      const groups = new Map<string, { hit: TooSoon; media: Media[] }>();
      for (const { media, tooSoon } of answer) {
        for (const hit of tooSoon) {
          const k = `${hit.set.policy.address}\u0000${hit.set.where}\u0000${hit.verdict}`;
          const group = groups.get(k) ?? { hit, media: [] };
          group.media.push(media);
          groups.set(k, group);
        }
      }
      for (const { hit, media } of groups.values()) {
        const { set, verdict } = hit;
        const address = set.policy.address;
        const scope = describeScope(set.scope);
        if (verdict === "unknown") {
          findings.push({
            address,
            severity: "unknown",
            httpStatus: null,
            message:
              set.deletion.kind === "unknown"
                ? `${address}: cannot tell whether ${capValue(principal)} can read ${media.join(", ")} recordings${scope} up to ${upTo} days old: the deletion period is not a literal (${capValue(set.deletion.text)}).`
                : `${address}: cannot tell whether ${capValue(principal)} can read ${media.join(", ")} recordings${scope} up to ${upTo} days old: it deletes them ${when(set.deletion as { days: number })}, and a policy whose deletion period or queues cannot be read may keep them longer.`,
          });
          continue;
        }
        const d = set.deletion as { days: number; how: string };
        // An always_delete policy is already an error above for every reader.
        if (d.how === "always_delete" && isReader.has(principal)) continue;
        const others = new Set(scoped.filter((x) => x.policy !== set.policy && media.some((m) => x.media.includes(m))).map((x) => x.policy.address)).size;
        const why = others
          ? ` With overlapping policies the longest retention wins, and none that keeps them long enough applies to the same conversations (${others} other enabled polic${others === 1 ? "y covers" : "ies cover"} ${media.join(", ")} recordings: for other queues or conditions, or deleting sooner).`
          : "";
        findings.push({
          address,
          severity: "error",
          message: `${address} deletes ${media.join(", ")} recordings${scope} ${when(d)} (${d.how}), but ${capValue(principal)} reads recordings up to ${upTo} days old: likely 404 / empty results.${why}`,
        });
      }
    }
    return findings;
  },
};

/** " of queue(s) A, B" and " matching its conditions (...)" for a block with conditions; "" without. */
function describeScope(scope: RetentionScope): string {
  const parts: string[] = [];
  if (scope.queues) parts.push(` of ${nameSome([...scope.queues].sort().map((q) => capValue(q)))}`);
  if (scope.other) parts.push(` matching its other conditions (${capValue(scope.other)})`);
  return parts.join("");
}
