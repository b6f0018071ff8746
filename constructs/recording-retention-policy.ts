// A media retention policy for call, chat, email and message recordings, with optional screen
// recording of calls. Facts (genesys/README.md "Media retention policies"): retention_duration
// holds archive_retention (CLOUDARCHIVE) and delete_retention; screen-recording retention is at
// most one year; a policy without a deletion period keeps recordings.
import { Construct } from "constructs";
import { RecordingMediaRetentionPolicy } from "../.gen/providers/genesyscloud/recording-media-retention-policy";
import { DOCUMENTED_LIMITS } from "../genesys/limits";
import { ConstructPropsError, terraformName } from "./construct-error";

export interface MediaRetention {
  /** Move recordings to archive storage after this many days. */
  readonly archiveAfterDays?: number;
  /** Delete recordings after this many days. Omitted: recordings are kept. */
  readonly deleteAfterDays?: number;
}

export interface ScreenRecordingRetention extends MediaRetention {
  /** Keep recording the screen during after-call work. */
  readonly recordAfterCallWork?: boolean;
}

export interface RecordingRetentionPolicyProps {
  readonly policyName: string;
  readonly description?: string;
  /** Evaluation order among the org's policies (lower first). */
  readonly order?: number;
  readonly enabled?: boolean;
  readonly call?: MediaRetention;
  readonly chat?: MediaRetention;
  readonly email?: MediaRetention;
  readonly message?: MediaRetention;
  /** Screen recordings started for calls (needs `call`); at most 365 days. */
  readonly screen?: ScreenRecordingRetention;
}

const MEDIA = ["call", "chat", "email", "message"] as const;

export class RecordingRetentionPolicy extends Construct {
  readonly policy: RecordingMediaRetentionPolicy;

  constructor(scope: Construct, id: string, props: RecordingRetentionPolicyProps) {
    super(scope, id);
    validate(this.node.path, props);
    const mediaPolicies: Record<string, unknown> = {};
    for (const media of MEDIA) {
      const retention = props[media];
      if (!retention) continue;
      const actions: Record<string, unknown> = {
        retainRecording: true,
        deleteRecording: false,
        alwaysDelete: false,
        retentionDuration: retentionDuration(retention),
      };
      if (media === "call" && props.screen) {
        actions.initiateScreenRecording = {
          recordAcw: props.screen.recordAfterCallWork ?? false,
          ...retentionDuration(props.screen),
        };
      }
      mediaPolicies[`${media}Policy`] = { actions };
    }
    this.policy = new RecordingMediaRetentionPolicy(this, "policy", {
      name: props.policyName,
      description: props.description,
      order: props.order ?? 1,
      enabled: props.enabled ?? true,
      mediaPolicies,
    });
    this.policy.overrideLogicalId(terraformName(id));
  }
}

function retentionDuration(r: MediaRetention): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.archiveAfterDays !== undefined) out.archiveRetention = { days: r.archiveAfterDays, storageMedium: "CLOUDARCHIVE" };
  if (r.deleteAfterDays !== undefined) out.deleteRetention = { days: r.deleteAfterDays };
  return out;
}

function validate(path: string, props: RecordingRetentionPolicyProps): void {
  if (!props.policyName) throw new ConstructPropsError(path, "policyName", "must not be empty");
  if (!MEDIA.some((m) => props[m])) throw new ConstructPropsError(path, "call|chat|email|message", "declare retention for at least one media type");
  for (const media of [...MEDIA, "screen"] as const) {
    const r = props[media];
    if (!r) continue;
    for (const key of ["archiveAfterDays", "deleteAfterDays"] as const) {
      const days = r[key];
      if (days !== undefined && (!Number.isInteger(days) || days <= 0)) {
        throw new ConstructPropsError(path, `${media}.${key}`, `must be a positive whole number of days, got ${days}`);
      }
    }
    if (r.archiveAfterDays !== undefined && r.deleteAfterDays !== undefined && r.archiveAfterDays >= r.deleteAfterDays) {
      throw new ConstructPropsError(
        path,
        `${media}.archiveAfterDays`,
        `archiving after ${r.archiveAfterDays} days is pointless when recordings are deleted after ${r.deleteAfterDays}`,
      );
    }
  }
  if (props.screen) {
    if (!props.call) throw new ConstructPropsError(path, "screen", "screen recordings are started by the call policy: declare call retention too");
    const max = DOCUMENTED_LIMITS.screenRecordingRetentionMaxDays;
    if (props.screen.deleteAfterDays === undefined) {
      throw new ConstructPropsError(path, "screen.deleteAfterDays", `required: Genesys Cloud keeps screen recordings at most ${max} days`);
    }
    for (const key of ["archiveAfterDays", "deleteAfterDays"] as const) {
      const days = props.screen[key];
      if (days !== undefined && days > max) {
        throw new ConstructPropsError(path, `screen.${key}`, `Genesys Cloud keeps screen recordings at most ${max} days, got ${days}`);
      }
    }
  }
}
