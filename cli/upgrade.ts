// `genesys-recording-guard upgrade --to <version> <path...>`: what bumping the provider breaks.
// For each root configuration: the schema changes between the version it runs with (--from, else
// the version .terraform.lock.hcl locked, else the newest release its constraint allows) and the
// target, from the schema history (analyses/upgrade.ts), and the findings that appear or vanish
// when the same configuration is audited against the target instead. Text, JSON or Markdown.
// Exit 0 nothing at the fail level, 1 something at it, 2 bad input or usage (one line).
import { InputError } from "../model/input-error";
import { terminalLine } from "../model/safe-text";
import { auditConfigurations } from "../engine/engine";
import { schemaChanges, targetNote, type SchemaChange } from "../analyses/upgrade";
import { selectProviderVersions } from "../analyses/provider-version";
import { compareVersions, parseVersion } from "../genesys/provider-versions";
import { loadConfigurations } from "../readers/terraform/load-inputs";
import { loadIntents } from "../readers/intents";
import { loadOrgSettings } from "../readers/org-settings";
import { displayPath } from "../readers/read-file";
import type { Finding } from "../core/finding";
import type { CliIo } from "./io";
import { infoText, parseCliArgs, UsageError } from "./options";

const UPGRADE_OPTIONS = {
  to: { type: "string" },
  from: { type: "string" },
  format: { type: "string" },
  "fail-on": { type: "string" },
  intents: { type: "string" },
  org: { type: "string" },
} as const;

export const UPGRADE_HELP = `Usage: genesys-recording-guard upgrade --to <version> [options] <path...>

What bumping the genesyscloud provider to <version> breaks, from the schema of every release
1.0.0-1.84.1 (and the types known to be added in 1.86.0): per resource, the types removed or
added, the attributes and blocks it sets that the target removes or makes computed-only, the ones
the target newly requires, each with the release where it changed; and the findings that appear
or vanish when the configuration is audited against the target instead.

Options:
  --to <version>       the target release (required)
  --from <version>     the release it runs with today; default: the version .terraform.lock.hcl
                       locked, else the newest release the required_providers constraint allows
  --format <format>    text (default), json, markdown
  --fail-on <level>    error (default: a change that makes terraform plan fail, or a new error
                       finding), warning (also a type added and new warnings), never
  --intents <file>     intents, for the findings that appear or vanish
  --org <file>         org settings, for the same
  -h, --help           show this help
      --version        print the version

Exit status: 0 nothing at the fail level, 1 something at it, 2 bad input or usage.
`;

interface RootReport {
  name: string;
  from: string;
  fromSource: string;
  changes: SchemaChange[];
  appear: Finding[];
  vanish: Finding[];
}

const BREAKING = new Set(["type-removed", "removed", "computed-only", "newly-required"]);
const key = (f: Finding) => `${f.ruleId}\u0000${f.address}\u0000${f.attribute ?? ""}`;

export async function runUpgrade(argv: readonly string[], io: CliIo): Promise<number> {
  // --help and --version answer before anything else, as on every command.
  const info = infoText(argv, UPGRADE_OPTIONS, UPGRADE_HELP);
  if (info !== undefined) {
    io.stdout(info);
    return 0;
  }
  try {
    const { values, positionals } = parseCliArgs(argv, UPGRADE_OPTIONS, "upgrade: ");
    const to = values.to;
    if (to === undefined) throw new UsageError("upgrade: --to <version> is required (see --help)");
    if (!parseVersion(to) || !/^\d+\.\d+\.\d+$/.test(to)) throw new UsageError(`upgrade: --to expects a release such as 1.84.1, got "${to.slice(0, 40)}"`);
    if (values.from !== undefined && (!parseVersion(values.from) || !/^\d+\.\d+\.\d+$/.test(values.from)))
      throw new UsageError(`upgrade: --from expects a release such as 1.53.0, got "${values.from.slice(0, 40)}"`);
    const format = values.format ?? "text";
    if (!["text", "json", "markdown"].includes(format)) throw new UsageError(`upgrade: --format expects text, json or markdown, got "${format.slice(0, 40)}"`);
    const failOn = values["fail-on"] ?? "error";
    if (!["error", "warning", "never"].includes(failOn))
      throw new UsageError(`upgrade: --fail-on expects error, warning or never, got "${failOn.slice(0, 40)}"`);
    if (!positionals.length) throw new UsageError("upgrade: give the paths of the configurations (see --help)");
    const intents = values.intents ? loadIntents(values.intents) : undefined;
    const org = values.org ? loadOrgSettings(values.org) : undefined;
    const loaded = await loadConfigurations(positionals);
    if (!loaded.configurations.length) throw loaded.failed[0].error;
    const roots: RootReport[] = [];
    for (const root of loaded.configurations) {
      const [from, fromSource] = values.from !== undefined ? [values.from, "--from"] : runningVersion(root.config.providerRequirement, root.name);
      if (compareVersions(parseVersion(to)!, parseVersion(from)!) < 0)
        throw new UsageError(
          `upgrade: --to ${to} is older than the version ${displayPath(root.name)} runs with (v${from}, ${fromSource}): only upgrades are compared`,
        );
      const audit = (version: string) =>
        auditConfigurations({
          configurations: [{ name: root.name, config: root.config }],
          intents: intents?.intents,
          loadPlans: intents?.loadPlans,
          org,
          providerVersion: version,
          intentsFile: values.intents,
        }).findings;
      const before = audit(from);
      const after = audit(to);
      const beforeKeys = new Set(before.map(key));
      const afterKeys = new Set(after.map(key));
      roots.push({
        name: root.name,
        from,
        fromSource,
        changes: schemaChanges(root.config, from, to),
        appear: after.filter((f) => !beforeKeys.has(key(f))),
        vanish: before.filter((f) => !afterKeys.has(key(f))),
      });
    }
    io.stdout(render(format, roots, to));
    for (const f of loaded.failed) io.stderr(`error: ${terminalLine(f.error.message)}\n`);
    if (loaded.failed.length) return 2;
    const fails = roots.some(
      (r) =>
        failOn !== "never" &&
        (r.changes.some((c) => BREAKING.has(c.kind) || failOn === "warning") ||
          r.appear.some((f) => f.severity === "error" || (failOn === "warning" && f.severity === "warning"))),
    );
    return fails ? 1 : 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      io.stderr(`error: ${terminalLine(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}

/** The release a configuration runs with today: the locked one, else the newest its constraint allows. */
function runningVersion(requirement: Parameters<typeof selectProviderVersions>[0], root: string): [string, string] {
  const selection = selectProviderVersions(requirement);
  if (!selection || !selection.versions.length)
    throw new InputError(displayPath(root), undefined, "names no provider version (.terraform.lock.hcl, required_providers): pass --from <version>");
  const newest = selection.versions[selection.versions.length - 1];
  return [newest, requirement?.locked !== undefined ? `locked in ${requirement.lockFile}` : `the newest release ${requirement?.constraint} allows`];
}

function render(format: string, roots: readonly RootReport[], to: string): string {
  const note = targetNote(to);
  if (format === "json") {
    return `${JSON.stringify(
      {
        to,
        note: note ?? null,
        configurations: roots.map((r) => ({
          name: displayPath(r.name),
          from: r.from,
          fromSource: r.fromSource,
          changes: r.changes.map((c) => ({
            address: c.address,
            kind: c.kind,
            path: c.path ?? null,
            since: c.since,
            breaking: BREAKING.has(c.kind),
            message: c.message,
          })),
          findingsAppear: r.appear.map(shortFinding),
          findingsVanish: r.vanish.map(shortFinding),
        })),
      },
      null,
      2,
    )}\n`;
  }
  const md = format === "markdown";
  const lines: string[] = [];
  lines.push(md ? `# Provider upgrade to v${to}` : `Provider upgrade to v${to}`);
  if (note) lines.push("", note);
  for (const r of roots) {
    lines.push("", md ? `## ${displayPath(r.name)}: v${r.from} (${r.fromSource}) to v${to}` : `${displayPath(r.name)}: v${r.from} (${r.fromSource}) -> v${to}`);
    if (!r.changes.length && !r.appear.length && !r.vanish.length) {
      lines.push(md ? "" : "", "Nothing changes for this configuration.");
      continue;
    }
    if (r.changes.length) {
      lines.push("", md ? "### Schema changes" : "Schema changes:");
      for (const c of r.changes) lines.push(`${md ? "- " : "  "}${BREAKING.has(c.kind) ? "breaks" : "note"}  ${c.message}`);
    }
    if (r.appear.length) {
      lines.push("", md ? "### Findings that appear" : "Findings that appear:");
      for (const f of r.appear) lines.push(`${md ? "- " : "  "}${f.severity} ${f.ruleId} ${f.message}`);
    }
    if (r.vanish.length) {
      lines.push("", md ? "### Findings that vanish" : "Findings that vanish:");
      for (const f of r.vanish) lines.push(`${md ? "- " : "  "}${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function shortFinding(f: Finding) {
  return { ruleId: f.ruleId, severity: f.severity, address: f.address, attribute: f.attribute ?? null, message: f.message };
}
