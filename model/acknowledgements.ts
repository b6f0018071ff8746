// Acknowledgements: a named owner accepts one rule's finding on one target, for a reason, until
// a date. They live in the intents file for the CLI and on constructs for the app (written into
// the stack's intents.json and metadata), in this one format.
import { z } from "zod";

export const AcknowledgementSchema = z.strictObject({
  ruleId: z.string().regex(/^GRG\d{3}$/, "expected a rule id such as GRG003"),
  /** A Terraform address (genesyscloud_oauth_client.loadtest) or a construct path (test/service-account-loadtest). */
  target: z.string().min(1),
  reason: z.string().trim().min(20, "give a reason of at least 20 characters"),
  owner: z.string().trim().min(1),
  /** Last day the acknowledgement holds (YYYY-MM-DD, UTC). */
  expires: z.iso.date("expected a date YYYY-MM-DD"),
  ticket: z.string().min(1).optional(),
});

export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;
