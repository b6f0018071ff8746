// The access matrix as Markdown (GitHub-flavoured): one table per principal (capability x
// division, intended cells marked), then a trunk table and a retention table. Every value is
// escaped: addresses, names and conditions come from the configuration.
import { MAX_TEXT_CHARS, capText, escapeControl, plainText } from "../model/safe-text";
import {
  describeRun,
  type AccessMatrix,
  type CapabilityCell,
  type CapabilityStatus,
  type Days,
  type PrincipalAccess,
  type RetentionMediaRow,
} from "./access-matrix";

export interface AccessMatrixMarkdownOptions {
  /** Level of the top heading (default 2); sections use the next levels. */
  headingLevel?: number;
}

const STATUS_TEXT: Record<CapabilityStatus, string> = {
  granted: "yes",
  "granted-with-conditions": "yes, with conditions",
  "not-granted": "no",
  unknown: "unknown",
  "user-roles-decide": "user's roles decide",
  "scope-missing": "no (scope missing)",
};

const FAILS: ReadonlySet<CapabilityStatus> = new Set(["not-granted", "unknown", "scope-missing"]);

/** A cell's Markdown: the status, marked (bold when not met) when the intent asks for it. */
export function describeCell(cell: CapabilityCell, markIntended = true): string {
  const status = STATUS_TEXT[cell.status];
  if (!cell.intended || !markIntended) return status;
  return FAILS.has(cell.status) ? `**${status}** (intended)` : `${status} (intended)`;
}

/**
 * Escapes text for a Markdown table cell or paragraph: no HTML, no emphasis, no column breaks, no
 * link or image (brackets escaped), no @mention (shown as code, see inertMentions); line breaks
 * become spaces, other control characters visible escapes; at most 4000 characters (the matrix
 * caps each value).
 */
export function md(value: unknown): string {
  const text = escapeControl(capText(plainText(value ?? ""), MAX_TEXT_CHARS).replace(/\r?\n|\r/g, " "));
  return inertMentions(text, (segment) =>
    segment
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/([\\`*_[\]|~#])/g, "\\$1"),
  );
}

/** What GitHub takes for a user or team mention: "@" not after a letter, digit or "_", then a login (and "/team"). */
const MENTION = /(?<![A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?/g;

/**
 * `text` with every @mention as a code span and the rest passed through `escape`. A PR comment
 * holding "@org/team" from an acknowledgement reason would notify that team; GitHub neither links
 * nor notifies mentions inside code (its mention filter skips code, pre and links), and a code
 * span stays visible and copyable as written (an invisible joiner would hide in copied text).
 * `fence` must be longer than any backtick run `escape` lets through, so the span cannot be closed
 * early; a space keeps it from merging with a backtick next to it.
 */
export function inertMentions(text: string, escape: (segment: string) => string, fence = "`"): string {
  if (!text.includes("@")) return escape(text);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    const before = escape(text.slice(last, m.index));
    const next = text[m.index + m[0].length];
    out += `${before}${before.endsWith("`") ? " " : ""}${fence}${m[0]}${fence}${next === "`" ? " " : ""}`;
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

const yesNo = (v: boolean | null, unset = "not set") => (v === null ? unset : v ? "yes" : "no");
const daysText = (d: Days) => (d === null ? "-" : md(d));

export function formatAccessMatrixMarkdown(matrix: AccessMatrix, options: AccessMatrixMarkdownOptions = {}): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 4);
  const h = (n: number) => "#".repeat(Math.min(level + n, 6));
  const out: string[] = [`${h(0)} Recording access matrix`, ""];

  out.push(`${h(1)} Principals`, "");
  if (!matrix.principals.length) out.push("No OAuth clients, user roles or group roles in the configuration.", "");
  for (const p of matrix.principals) out.push(...principalSection(p, h(2)), "");
  if (matrix.intentsWithoutPrincipal.length) {
    out.push(`Intents naming a principal the configuration does not declare: ${matrix.intentsWithoutPrincipal.map(md).join(", ")}.`, "");
  }

  // Humans: only when the configuration declares users (most app configurations declare none).
  if (matrix.people.length) {
    out.push(`${h(1)} People`, "", "Each user's own user roles and its groups' group roles, combined, anywhere in the org.", "");
    out.push(
      ...table(
        ["user", "division", "groups", "roles from", ...matrix.people[0].capabilities.map((c) => md(c.capability))],
        matrix.people.map((u) => [
          md(u.address) + (u.name ? ` (${md(u.name)})` : "") + inRoot(u.configuration),
          md(u.division),
          u.groups.length ? u.groups.map(md).join(", ") : "-",
          u.principals.length ? u.principals.map(md).join(", ") : "none",
          ...u.capabilities.map((c) => STATUS_TEXT[c.status]),
        ]),
      ),
      "",
    );
  }
  if (matrix.orgObjects.some((o) => o.kind !== "user")) {
    out.push(
      `${h(1)} Divisions of queues, teams, flows and other objects`,
      "",
      "A queue's, team's or IVR's conversations, and so their recordings, live in its division.",
      "",
    );
    out.push(
      ...table(
        ["object", "kind", "division", "members"],
        matrix.orgObjects
          .filter((o) => o.kind !== "user")
          .map((o) => [
            md(o.address) + (o.name ? ` (${md(o.name)})` : "") + inRoot(o.configuration),
            o.kind,
            o.division === null ? (o.kind === "flow" ? "in the flow's file" : "-") : md(o.division),
            o.members === null ? "-" : String(o.members),
          ]),
      ),
      "",
    );
  }

  out.push(`${h(1)} Trunks`, "");
  if (!matrix.trunks.length) out.push("No trunk base settings in the configuration.", "");
  else {
    out.push(
      ...table(
        ["trunk", "type / meta base", "recording", "consent required", "dual channel", "audio format", "note"],
        matrix.trunks.map((t) => [
          md(t.address) + (t.name ? ` (${md(t.name)})` : "") + inRoot(t.configuration),
          [t.trunkType, t.trunkMetaBase]
            .filter((x) => x !== null)
            .map(md)
            .join(" / ") || "-",
          t.recording === "off" && t.recordingDefault ? "off (default)" : t.recording,
          yesNo(t.consentRequired),
          yesNo(t.dualChannel),
          t.audioFormat === null ? "not set" : md(t.audioFormat),
          t.note === null ? "" : md(t.note),
        ]),
      ),
      "",
    );
  }

  out.push(`${h(1)} Retention policies`, "");
  if (!matrix.retentionPolicies.length) out.push("No media retention policies in the configuration.", "");
  else {
    const rows: string[][] = [];
    for (const p of matrix.retentionPolicies) {
      const policy = md(p.address) + (p.name ? ` (${md(p.name)})` : "") + inRoot(p.configuration);
      const enabled = p.enabled ? (p.enabledDefault ? "yes (default)" : "yes") : "no";
      const order = p.order === null ? "-" : md(p.order);
      const overlaps = p.overlapsWith.length ? p.overlapsWith.map(md).join(", ") : "-";
      if (!p.media.length) rows.push([policy, enabled, order, "-", "-", "-", "-", "-", "-", "no actions", "-", overlaps]);
      for (const m of p.media) rows.push([policy, enabled, order, m.media, ...mediaCells(m), overlaps]);
    }
    out.push(
      ...table(
        [
          "policy",
          "enabled",
          "order",
          "media",
          "conditions",
          "retain",
          "archive days",
          "delete days",
          "always delete",
          "deletes",
          "screen recording delete days",
          "overlaps with",
        ],
        rows,
      ),
      "",
    );
  }
  if (matrix.retentionOverlaps.length) {
    out.push(`${h(1)} Overlapping retention policies`, "");
    out.push(
      ...table(
        ["media", "policies", "which retention wins"],
        matrix.retentionOverlaps.map((o) => [
          o.media,
          o.policies.map((p) => `${md(p.address)}: ${md(p.deletes)}`).join("<br>"),
          o.resolution === "longest-wins" ? `${md(o.winner)} (longest: ${md(o.winnerDays)} day(s)). ${md(o.note)}` : `undetermined. ${md(o.note)}`,
        ]),
      ),
      "",
    );
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

function mediaCells(m: RetentionMediaRow): string[] {
  return [
    md(m.conditions),
    yesNo(m.retain),
    daysText(m.archiveDays),
    daysText(m.deleteDays),
    yesNo(m.alwaysDelete),
    md(m.deletes),
    m.screenRecording ? daysText(m.screenRecording.deleteDays) : "-",
  ];
}

function principalSection(p: PrincipalAccess, heading: string): string[] {
  const out: string[] = [`${heading} ${md(p.address)}${inRoot(p.configuration)}`, ""];
  const facts: string[] = [`kind: ${p.kind.replace("_", " ")}`];
  if (p.name) facts.push(`name: ${md(p.name)}`);
  if (p.subject) facts.push(`${p.kind === "user_roles" ? "user" : "group"}: ${md(p.subject)}`);
  if (p.grantType !== null) facts.push(`grant type: ${md(p.grantType)}`);
  if (p.state) facts.push(`state: ${md(p.state.value)}${p.state.default ? " (default)" : ""}`);
  if (p.tokenLifetime)
    facts.push(
      `token lifetime: ${p.tokenLifetime.seconds !== null ? `${p.tokenLifetime.seconds} s` : md(p.tokenLifetime.text)}${p.tokenLifetime.default ? " (default)" : ""}`,
    );
  if (p.scopes) facts.push(`scopes: ${p.scopes.length ? p.scopes.map(md).join(", ") : "none"}`);
  out.push(facts.join(" · "), "", `Access: ${md(p.accessNote)}.`, "");
  if (p.intent) {
    const i = p.intent;
    const parts = [`intends ${i.capabilities.map(md).join(", ")}`, `in ${i.divisions.map((d) => (d === "*" ? 'all divisions ("\\*")' : md(d))).join(", ")}`];
    if (i.queues.length) parts.push(`for queues ${i.queues.map(md).join(", ")}`);
    if (i.readsRecordingsUpToDays !== null) parts.push(`reading recordings up to ${i.readsRecordingsUpToDays} days old`);
    if (i.run) parts.push(`run ${md(describeRun(i.run))}`);
    out.push(`Intent: ${parts.join(", ")}${i.declaredBy ? ` (declared by ${md(i.declaredBy)})` : ""}.`, "");
  } else out.push("Intent: none declared.", "");

  if (p.grants.length) {
    out.push(
      ...table(
        ["role", "division", "conditions"],
        p.grants.map((g) => [
          md(g.role) + (g.roleName ? ` (${md(g.roleName)})` : "") + (g.roleReadable ? "" : " (not in the configuration: cannot be read)"),
          md(g.division),
          g.conditions.length ? g.conditions.map((c) => `${md(c.permission)} when ${md(c.conditions)}`).join("<br>") : "none",
        ]),
      ),
      "",
    );
  } else out.push("Grants: none.", "");
  if (p.denies.length)
    out.push(
      ...table(
        ["denied by (access policy)", "target", "enforced", "covers"],
        p.denies.map((d) => [
          md(d.policy),
          d.target === null ? "(not literal)" : md(d.target),
          d.enabled === true ? "yes" : d.enabled === "unknown" ? "unknown" : `no (enabled ${d.enabled === false ? "= false" : "unset, defaults to false"})`,
          `${d.covers}${d.conditioned ? " (when condition_json matches)" : ""}`,
        ]),
      ),
      "",
    );

  // For own grants the intent is per division: the "any division" column is the union, unmarked.
  const own = p.access === "own-grants";
  const columns = own
    ? [
        { label: "any division", cells: p.anywhere, mark: false },
        ...p.divisions.map((d) => ({ label: d.label + (d.intended ? " (intended)" : ""), cells: d.capabilities, mark: true })),
      ]
    : [{ label: "through the signed-in user", cells: p.anywhere, mark: true }];
  const rows = p.anywhere.map((cell, index) => [
    md(cell.capability) + (cell.intended ? " (intended)" : ""),
    ...columns.map((c) => describeCell(c.cells[index], c.mark)),
  ]);
  out.push(...table(["capability", ...columns.map((c) => md(c.label))], rows));

  const missing: string[] = [];
  for (const c of columns.filter((x) => x.mark)) {
    for (const cell of c.cells) {
      if (!cell.intended || !FAILS.has(cell.status)) continue;
      const where = own ? ` in ${md(c.label.replace(/ \(intended\)$/, ""))}` : "";
      const lacks = cell.missing.map(
        (m) =>
          `${m.requires === "ANY" && m.permissions.length > 1 ? "any one of " : ""}${m.permissions.map(md).join(", ")} (needed by ${md(m.endpoint)}, ${m.certainty})`,
      );
      const why = [...lacks, ...(cell.note ? [md(cell.note)] : [])].join("; ");
      missing.push(`- ${md(cell.capability)}${where}: ${STATUS_TEXT[cell.status]}${why ? `: ${why}` : ""}`);
    }
  }
  if (missing.length) out.push("", "Not granted where intended:", "", ...missing);
  return out;
}

/** Which root configuration a row is in, when the run audited several. */
function inRoot(configuration: string | null): string {
  return configuration === null ? "" : ` in ${md(configuration)}`;
}
