// Writes an org settings file whole or not at all: the text goes to a temporary file beside
// the target, is read back through the project's own loader (the same validation the stacks
// and the audit apply), and only then renamed over the target. A failure at any step leaves
// the previous file as it was and no temporary file behind.
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../model/input-error";
import { loadOrgSettings } from "../readers/org-settings";
import { type OrgSettingsFile } from "../model/org-settings";
import { SnapshotError, fixable, unavailable } from "./snapshot-error";

export function formatOrgSettings(data: OrgSettingsFile): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * @param forbidden strings that must never reach the file (client secret, access token): the
 *   write is refused if the text contains one, whatever put it there.
 */
export function writeOrgSettingsFile(file: string, data: OrgSettingsFile, forbidden: readonly string[] = []): void {
  const text = formatOrgSettings(data);
  if (forbidden.some((secret) => secret.length >= 4 && text.includes(secret))) {
    throw unavailable("refused to write the snapshot: it would contain a credential; nothing written.");
  }
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(tmp, "wx", 0o644);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      loadOrgSettings(tmp);
    } catch (err) {
      if (err instanceof InputError) {
        throw unavailable(`the snapshot would not be a valid org settings file (${err.field ? `${err.field}: ` : ""}${err.problem}); nothing written.`);
      }
      throw err;
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof SnapshotError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw fixable(`cannot write ${file} (${code ?? (err as Error).message}); nothing written.`);
  }
}
