import type { TfResource } from "../model/terraform";
import type { Rule, RuleFinding } from "../core/rule";
import { actionSets, enabledPolicies, isOn, MEDIA, type Media, type MediaSummary, POLICY_TYPE, summarise } from "../analyses/retention";
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
    "A media retention policy that deletes recordings before a reader fetches them makes the recordings API answer 404 or return empty results, not 403. `always_delete` wins over retain_recording and delete_recording, so matching recordings are deleted at once (certain for the media it covers). When an intent reads recordings up to N days old, every enabled policy covering a media type that deletes sooner than N days (delete_retention.days, or delete_recording with retain_recording false) is reported: overlapping policies are resolved by the longest retention when all set a deletion period, so the finding is raised only when even the longest is shorter. The outcome is likely, not certain: policy conditions (queues, users, directions, ...) may not match the conversations read.",
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
