// Inline suppressions, written beside the resource they accept a finding on:
//
//   # recording-guard:ignore GRG010 trunk records through the carrier's own recorder until 2027-01-31
//   resource "genesyscloud_telephony_providers_edges_trunkbasesettings" "carrier" { ... }
//
// In HCL a `#` or `//` comment on the lines right above the block, or inside it; in Terraform
// JSON a "//" comment key (a string or a list of strings) in the resource's body. They follow the
// rules of acknowledgements (model/acknowledgements.ts): a reason of at least 20 characters and an
// expiry date are required, a hard-enforced rule cannot be suppressed, an expired one counts
// again, one that matches no finding is reported. Each becomes an acknowledgement whose owner
// names where it is written.
import { type Acknowledgement, AcknowledgementSchema } from "../../model/acknowledgements";
import { InputError } from "../../model/input-error";

const MARK = "recording-guard:ignore";
const SYNTAX = /recording-guard:ignore\s+(\S+)\s+(.*?)\s+until\s+(\S+)\s*$/;

export interface Suppression extends Acknowledgement {
  line?: number;
}

/** Parses one comment holding the mark; an incomplete one is an error naming the file and line. */
function parse(comment: string, target: string, where: string): Acknowledgement {
  const text = comment
    .slice(comment.indexOf(MARK))
    .replace(/\*\/\s*$/, "")
    .trim();
  const m = SYNTAX.exec(text);
  if (!m)
    throw new InputError(
      where,
      target,
      `write "${MARK} GRGnnn <reason> until YYYY-MM-DD" (a reason and an expiry date are required), got "${text.slice(0, 120)}"`,
    );
  const candidate = { ruleId: m[1], target, reason: m[2], owner: `inline suppression (${where})`, expires: m[3] };
  const parsed = AcknowledgementSchema.safeParse(candidate);
  if (!parsed.success) throw new InputError(where, target, `${MARK}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** The suppressions of an HCL file: comments above a resource or data block, or inside it. */
export function hclSuppressions(text: string, file: string): Acknowledgement[] {
  if (!text.includes(MARK)) return [];
  const out: Acknowledgement[] = [];
  const lines = text.split(/\r?\n/);
  // Pending comments at depth 0 wait for the next declaration; a blank or other line drops them.
  let pending: { comment: string; line: number }[] = [];
  let depth = 0;
  let block: string | undefined;
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (depth === 0 && !inBlockComment) {
      const decl = /^(resource|data)\s+"?([A-Za-z0-9_-]+)"?\s+"?([A-Za-z0-9_-]+)"?\s*\{/.exec(trimmed);
      if (decl) {
        block = `${decl[1] === "data" ? "data." : ""}${decl[2]}.${decl[3]}`;
        for (const p of pending) out.push(parse(p.comment, block, `${file}:${p.line}`));
        pending = [];
      } else if (trimmed.includes(MARK) && /^(#|\/\/|\/\*)/.test(trimmed)) {
        pending.push({ comment: trimmed, line: i + 1 });
        continue;
      } else if (!/^(#|\/\/)/.test(trimmed)) pending = [];
    }
    const scanned = scan(line, inBlockComment);
    inBlockComment = scanned.inBlockComment;
    if (depth > 0 && block && scanned.comment?.includes(MARK)) out.push(parse(scanned.comment, block, `${file}:${i + 1}`));
    depth = Math.max(0, depth + scanned.delta);
    if (depth === 0) block = undefined;
  }
  for (const p of pending) throw new InputError(`${file}:${p.line}`, undefined, `${MARK} is not above or inside a resource or data block`);
  return out;
}

/** Brace balance of a line outside strings and comments, and its comment text. */
function scan(line: string, inBlockComment: boolean): { delta: number; comment?: string; inBlockComment: boolean } {
  let delta = 0;
  let inString = false;
  let comment: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inBlockComment) {
      if (c === "*" && line[i + 1] === "/") {
        inBlockComment = false;
        i++;
      }
      continue;
    }
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "#" || (c === "/" && line[i + 1] === "/")) {
      comment = line.slice(i);
      break;
    } else if (c === "/" && line[i + 1] === "*") {
      comment = line.slice(i);
      inBlockComment = !line.slice(i + 2).includes("*/");
      if (!inBlockComment) i = line.indexOf("*/", i + 2) + 1;
      else break;
    } else if (c === "{") delta++;
    else if (c === "}") delta--;
  }
  return { delta, comment, inBlockComment };
}

/** The suppressions of a Terraform JSON document: "//" comments in resource and data bodies. */
export function jsonSuppressions(doc: unknown, file: string): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  const obj = (v: unknown): Record<string, unknown>[] =>
    (Array.isArray(v) ? v : [v]).filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x));
  for (const root of obj(doc)) {
    for (const [section, prefix] of [
      ["resource", ""],
      ["data", "data."],
    ] as const) {
      for (const byType of obj(root[section])) {
        for (const [type, byName] of Object.entries(byType)) {
          for (const names of obj(byName)) {
            for (const [name, bodies] of Object.entries(names)) {
              for (const body of obj(bodies)) {
                const notes = body["//"];
                for (const note of Array.isArray(notes) ? notes : [notes]) {
                  if (typeof note === "string" && note.includes(MARK)) out.push(parse(note, `${prefix}${type}.${name}`, file));
                }
              }
            }
          }
        }
      }
    }
  }
  return out;
}
