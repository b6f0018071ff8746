// Reads a baseline file (--baseline FILE), validated like every input: one line naming the file and field.
import { z } from "zod";
import { BASELINE_FORMAT_VERSION, type Baseline } from "../model/baseline";
import { parseJsonText } from "./json-text";
import { readInputBytes } from "./read-file";
import { InputError, formatFieldPath } from "../model/input-error";

const EntrySchema = z.strictObject({
  ruleId: z.string().min(1),
  configuration: z.string().nullable(),
  address: z.string().min(1),
  attribute: z.string().nullable(),
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/, "expected 32 hexadecimal characters"),
});

const BaselineSchema = z.strictObject({
  formatVersion: z.literal(BASELINE_FORMAT_VERSION),
  entries: z.array(EntrySchema),
});

export function loadBaseline(file: string): Baseline {
  const doc = parseJsonText(
    readInputBytes(file)
      .toString("utf8")
      .replace(/^\uFEFF/, ""),
    file,
  );
  const parsed = BaselineSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(file, formatFieldPath(issue.path) || undefined, issue.message);
  }
  return parsed.data as Baseline;
}
