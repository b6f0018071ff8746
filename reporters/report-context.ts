// Everything a report may show, gathered once by the CLI (or the synth gate) after the audit.
import type { Intents } from "../inputs/intents";
import type { OrgSettings } from "../inputs/org-settings";
import type { AcknowledgementStatus } from "../policy/acknowledge";
import type { Finding } from "../policy/finding";
import type { TfConfiguration } from "../policy/model";

export interface ReportInputFile {
  file: string;
  kind: string;
  sha256: string;
}

export interface ReportContext {
  findings: readonly Finding[];
  inputs: readonly ReportInputFile[];
  config: TfConfiguration;
  intents?: Intents;
  org?: OrgSettings;
  /** Every acknowledgement with its state (active, expired, orphaned, refused). */
  acknowledgements?: readonly AcknowledgementStatus[];
}
