// The HTML evidence page: one self-contained file an auditor can open offline. Inline CSS, no
// script, no external URL of any kind (a Content-Security-Policy of default-src 'none' makes
// the browser refuse any that slipped in). Every value is escaped by the `html` template tag;
// nothing carries a timestamp, so the same input gives the same bytes. The page shows
// displayContext (sensitive values redacted, values capped at 200 characters: a 1 MB role id is
// not copied into every cell); as a last resort the tag itself caps each interpolated text and
// writes its control and bidi characters as visible escapes.
import { CAPABILITY_NAMES } from "../genesys/capabilities";
import type { AcknowledgementStatus } from "../engine/acknowledge";
import type { Finding } from "../core/finding";
import { ALL_RULES, ruleById } from "../rules";
import { SEVERITY_ORDER } from "../core/rule";
import { displayText, escapeControl, plainText } from "../model/safe-text";
import { TOOL } from "../core/tool";
import {
  buildAccessMatrix,
  describeRun,
  type AccessMatrix,
  type CapabilityCell,
  type CapabilityStatus,
  type DivisionAccess,
  type PrincipalAccess,
} from "./access-matrix";
import { displayContext, type ReportContext } from "./report-context";
import { summarize } from "./summary";

// ---------------------------------------------------------------------------------------------
// Escaping: interpolations are escaped unless they are already-built fragments.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(escapeControl(displayText(plainText(value))));
}

/** Template tag: every interpolated value is capped, control characters escaped, HTML-escaped; arrays are joined; SafeHtml passes. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

// ---------------------------------------------------------------------------------------------
// Causal chains

export interface ChainStep {
  kind: "principal" | "role" | "division" | "missing permission" | "endpoint" | "outcome" | "resource" | "setting";
  text: string;
}

const FAILING: ReadonlySet<CapabilityStatus> = new Set(["not-granted", "unknown", "scope-missing"]);

/**
 * principal -> role -> division -> missing permission -> endpoint -> HTTP status, from the
 * finding and the access matrix. Findings about a principal follow its intended cells that are
 * not granted (those the message names, when it names some); findings about a role follow the
 * principals holding it; other findings go from the resource to the outcome.
 */
export function causalChains(f: Finding, matrix: AccessMatrix): ChainStep[][] {
  const outcome: ChainStep = { kind: "outcome", text: outcomeText(f) };
  // With several root configurations, the row of the finding's own configuration.
  const sameRoot = (row: { address: string; configuration: string | null }) => row.address === f.address && row.configuration === (f.configuration ?? null);
  const principal = matrix.principals.find(sameRoot);
  if (principal) return principalChains(f, principal, outcome);
  const holders = matrix.principals.filter((p) => p.configuration === (f.configuration ?? null) && p.grants.some((g) => g.role === f.address));
  if (holders.length) {
    return holders.map((p) => [
      { kind: "principal", text: p.address },
      { kind: "role", text: f.address },
      { kind: "division", text: uniq(p.grants.filter((g) => g.role === f.address).map((g) => g.division)).join(", ") },
      outcome,
    ]);
  }
  const trunk = matrix.trunks.find(sameRoot);
  if (trunk) {
    const recording =
      trunk.recording === "off" && trunk.recordingDefault ? "recording off (default: trunk_recording_enabled absent)" : `recording ${trunk.recording}`;
    const consent = trunk.consentRequired === true ? "; consent required" : "";
    return [[{ kind: "resource", text: f.address }, { kind: "setting", text: recording + consent }, outcome]];
  }
  const policy = matrix.retentionPolicies.find(sameRoot);
  if (policy) {
    const deletes = policy.media.map((m) => `${m.media}: deletes ${m.deletes}`).join("; ") || "no actions";
    return [[{ kind: "resource", text: f.address }, { kind: "setting", text: deletes }, outcome]];
  }
  return [[{ kind: "resource", text: f.address }, outcome]];
}

function principalChains(f: Finding, p: PrincipalAccess, outcome: ChainStep): ChainStep[][] {
  const head: ChainStep = { kind: "principal", text: p.grantType ? `${p.address} (${p.grantType})` : p.address };
  // Intended cells that are not granted, per division (own grants) or through the user (other clients).
  let failing: { division: DivisionAccess | null; cell: CapabilityCell }[] = [];
  if (p.access === "own-grants") {
    for (const d of p.divisions) for (const cell of d.capabilities) if (cell.intended && FAILING.has(cell.status)) failing.push({ division: d, cell });
  } else {
    for (const cell of p.anywhere) if (cell.intended && FAILING.has(cell.status)) failing.push({ division: null, cell });
  }
  // The finding names the capability and division it is about (RuleFinding.capability, .division).
  if (f.capability !== undefined) failing = failing.filter((x) => x.cell.capability === f.capability);
  if (f.division !== undefined) {
    const inDivision = failing.filter((x) => x.division?.key === f.division);
    if (inDivision.length) failing = inDivision;
  }

  if (!failing.length || !relatesToAccess(f)) {
    const roles = uniq(p.grants.map((g) => g.role));
    const divisions = uniq(p.grants.map((g) => g.division));
    return [
      [
        head,
        { kind: "role", text: roles.length ? roles.join(", ") : "no roles granted" },
        { kind: "division", text: divisions.length ? divisions.join(", ") : p.access === "signed-in-user" ? "the signed-in user's divisions" : "none" },
        outcome,
      ],
    ];
  }
  return failing.map(({ division, cell }) => {
    const anywhere = p.anywhere.find((c) => c.capability === cell.capability);
    const givers = anywhere?.via ?? [];
    const roleText =
      p.access !== "own-grants"
        ? `the signed-in user's roles; client scopes: ${p.scopes?.length ? p.scopes.join(", ") : "none"}`
        : division && division.roles.length
          ? `${division.roles.join(", ")} (counted in this division)`
          : givers.length
            ? `${givers.join(", ")} (granted only in ${uniq(p.grants.filter((g) => givers.includes(g.role)).map((g) => g.division)).join(", ")})`
            : p.grants.length
              ? `${uniq(p.grants.map((g) => g.role)).join(", ")} (none gives ${cell.capability})`
              : "no roles granted";
    const needed = cell.missing.map((m) => `${m.requires === "ANY" && m.permissions.length > 1 ? "any one of " : ""}${m.permissions.join(", ")}`).join("; ");
    const missing =
      cell.status === "unknown" ? `unverified (${cell.note ?? "cannot be read"})${needed ? `; needs ${needed}` : ""}` : needed || (cell.note ?? cell.status);
    const endpoints = uniq(cell.missing.map((m) => m.endpoint));
    const steps: ChainStep[] = [
      head,
      { kind: "role", text: roleText },
      { kind: "division", text: division ? division.label : "(any division the user holds)" },
      { kind: "missing permission", text: `${cell.capability}: ${missing}` },
    ];
    if (endpoints.length) steps.push({ kind: "endpoint", text: endpoints.join("; ") });
    steps.push(outcome);
    return steps;
  });
}

/** Findings whose outcome is a permission problem (403, or unknown access) follow the capability cells. */
function relatesToAccess(f: Finding): boolean {
  return f.httpStatus === 403 || (f.httpStatus === null && f.severity === "unknown");
}

function outcomeText(f: Finding): string {
  const rule = ruleById(f.ruleId);
  if (f.severity === "unknown") {
    return `cannot be decided statically${rule?.httpStatus ? ` (if the grant is really missing: HTTP ${rule.httpStatus}, ${rule.certainty})` : ""}`;
  }
  const status = f.httpStatus === null ? "no HTTP error status" : `HTTP ${f.httpStatus}`;
  // The rule's outcome text describes its default status; a finding that overrides it says its own.
  return `${status} (${f.certainty})${rule && rule.httpStatus === f.httpStatus ? `: ${rule.outcome}` : ""}`;
}

function uniq(values: readonly string[]): string[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------------
// The page

const STATUS_LABEL: Record<CapabilityStatus, string> = {
  granted: "yes",
  "granted-with-conditions": "yes, conditions",
  "not-granted": "no",
  unknown: "unknown",
  "user-roles-decide": "user's roles",
  "scope-missing": "no: scope",
};

export function formatHtml(raw: ReportContext): string {
  const ctx = displayContext(raw);
  const matrix = buildAccessMatrix(ctx);
  const summary = summarize(ctx.findings);
  const acks = [...(ctx.acknowledgements ?? [])].sort(compareAcks);
  const unmetIntents = matrix.principals.reduce((n, p) => n + (p.intent?.unmet.length ?? 0), 0);
  const page = html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
        />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="${TOOL.name} ${TOOL.version}" />
        <title>Genesys Recording Guard: recording access evidence</title>
        <style>
          ${new SafeHtml(CSS)}
        </style>
      </head>
      <body>
        <header>
          <h1>Genesys Recording Guard: recording access evidence</h1>
          <p class="sub">${TOOL.name} ${TOOL.version} · rule pack ${TOOL.rulePack} · provider schema ${TOOL.providerSchema}</p>
          <nav>
            <a href="#summary">Summary</a><a href="#findings">Findings</a><a href="#matrix">Access matrix</a><a href="#trunks">Trunks</a
            ><a href="#retention">Retention</a><a href="#acknowledgements">Acknowledgements</a><a href="#inputs">Inputs</a><a href="#versions">Versions</a>
          </nav>
        </header>
        <main>
          <section id="summary">
            <h2>Summary</h2>
            <div class="tiles">
              ${SEVERITY_ORDER.map((s) => html`<div class="tile sev-${s}"><span class="n">${summary[s]}</span><span class="l">${s === "unknown" ? "unknown" : s === "info" ? "info" : `${s}s`}</span></div>`)}
              <div class="tile"><span class="n">${summary.acknowledged}</span><span class="l">acknowledged</span></div>
              <div class="tile"><span class="n">${matrix.principals.length}</span><span class="l">principals</span></div>
              <div class="tile${unmetIntents ? " sev-error" : ""}">
                <span class="n">${unmetIntents}</span><span class="l">intended capabilities not granted</span>
              </div>
              <div class="tile"><span class="n">${matrix.trunks.length}</span><span class="l">trunks</span></div>
              <div class="tile"><span class="n">${matrix.retentionPolicies.length}</span><span class="l">retention policies</span></div>
            </div>
            <p>
              ${ctx.findings.length ? `${ctx.findings.length} finding(s) on ${uniq(ctx.findings.map((f) => f.address)).length} resource(s); errors first.` : "No findings."}
              Inputs: ${ctx.inputs.length} file(s), digests below.
            </p>
          </section>
          <section id="findings">
            <h2>Findings</h2>
            ${ctx.findings.length ? ctx.findings.map((f, i) => findingCard(f, i, matrix)) : html`<p>No findings.</p>`}
          </section>
          <section id="matrix">
            <h2>Recording access matrix</h2>
            <p class="legend">
              Each principal: what its grants really give, per division where granted or intended. <span class="cell st-granted">yes</span> granted ·
              <span class="cell st-granted-with-conditions">yes, conditions</span> only through policies with conditions ·
              <span class="cell st-not-granted">no</span> · <span class="cell st-unknown">unknown</span> a role or division cannot be read ·
              <span class="cell intended st-not-granted">no</span> framed: the intent asks for it.
            </p>
            ${matrix.principals.length ? matrix.principals.map(principalBlock) : html`<p>No OAuth clients, user roles or group roles in the configuration.</p>`}
            ${matrix.intentsWithoutPrincipal.length ? html`<p class="warn">Intents naming a principal the configuration does not declare: ${matrix.intentsWithoutPrincipal.join(", ")}.</p>` : ""}
          </section>
          ${
            matrix.people.length
              ? html`<section id="people">
                  <h2>People</h2>
                  <p class="legend">Each user's own user roles and its groups' group roles, combined, anywhere in the org.</p>
                  ${peopleTable(matrix)}
                </section>`
              : ""
          }
          <section id="trunks">
            <h2>Trunks</h2>
            ${trunkTable(matrix)}
          </section>
          <section id="retention">
            <h2>Media retention policies</h2>
            ${retentionTables(matrix)}
          </section>
          <section id="acknowledgements">
            <h2>Acknowledgements</h2>
            ${acknowledgementTable(acks)}
          </section>
          <section id="inputs">
            <h2>Input digests</h2>
            ${
              ctx.inputs.length
                ? html`<table>
                    <thead>
                      <tr>
                        <th>file</th>
                        <th>kind</th>
                        <th>sha256</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${ctx.inputs.map(
                        (i) =>
                          html`<tr>
                            <td>${i.file}</td>
                            <td>${i.kind}</td>
                            <td class="mono">${i.sha256}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : html`<p>No input files recorded.</p>`
            }
          </section>
          <section id="versions">
            <h2>Versions</h2>
            <table>
              <tbody>
                <tr>
                  <th>tool</th>
                  <td>${TOOL.name} ${TOOL.version}</td>
                </tr>
                <tr>
                  <th>rule pack</th>
                  <td>${TOOL.rulePack} (${ALL_RULES.length} rules)</td>
                </tr>
                <tr>
                  <th>provider schema</th>
                  <td>${TOOL.providerSchema}</td>
                </tr>
                <tr>
                  <th>access matrix format</th>
                  <td>${matrix.formatVersion}</td>
                </tr>
              </tbody>
            </table>
            <details>
              <summary>Rules in the pack</summary>
              <table>
                <thead>
                  <tr>
                    <th>id</th>
                    <th>name</th>
                    <th>default severity</th>
                    <th>outcome</th>
                    <th>certainty</th>
                  </tr>
                </thead>
                <tbody>
                  ${ALL_RULES.map(
                    (r) =>
                      html`<tr>
                        <td>${r.id}</td>
                        <td>${r.name}</td>
                        <td>${r.severity}</td>
                        <td>${r.outcome}</td>
                        <td>${r.certainty}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </details>
          </section>
        </main>
        <footer>Generated offline by ${TOOL.name} ${TOOL.version} from the inputs listed above. No timestamp: the same inputs give the same page.</footer>
      </body>
    </html> `;
  return page.value;
}

function compareAcks(a: AcknowledgementStatus, b: AcknowledgementStatus): number {
  const c = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return c(a.status, b.status) || c(a.ruleId, b.ruleId) || c(a.target, b.target) || c(a.expires, b.expires) || c(a.owner, b.owner) || c(a.reason, b.reason);
}

function findingCard(f: Finding, index: number, matrix: AccessMatrix): SafeHtml {
  const where = f.line !== undefined ? `${f.file}:${f.line}` : f.file;
  const rule = ruleById(f.ruleId);
  return html`<article class="finding sev-${f.severity}${f.acknowledged ? " acked" : ""}" id="finding-${index + 1}">
    <header>
      <span class="badge sev-${f.severity}">${f.severity}</span> <strong class="rule">${f.ruleId}</strong> <span class="rname">${f.ruleName}</span>
      <span class="badge http">${f.httpStatus === null ? "no HTTP status" : `HTTP ${f.httpStatus}`}</span> <span class="badge">${f.certainty}</span>
      <span class="badge enf-${f.enforcement}">${f.enforcement}</span>${f.acknowledged ? html` <span class="badge ack">acknowledged</span>` : ""}
    </header>
    <p class="addr">
      <span class="mono">${f.address}</span> ·
      <span class="mono">${where || "(no file)"}</span
      >${f.attribute !== undefined ? html` · at <span class="mono attr">${f.attribute}${f.attributeLine !== undefined ? ` (${f.file}:${f.attributeLine})` : ""}</span>` : ""}${f.valueSources ? html` · set by <span class="mono">${f.valueSources.join(", ")}</span>` : ""}${f.constructPath ? html` · construct <span class="mono">${f.constructPath}</span>` : ""}${matrix.principals.some((p) => p.address === f.address && p.configuration === (f.configuration ?? null)) ? html` · <a href="#${principalAnchor(f.address, f.configuration ?? null)}">access matrix</a>` : ""}
    </p>
    <p class="msg">${f.message}</p>
    <div class="chains">
      ${causalChains(f, matrix).map(
        (chain) =>
          html`<ol class="chain">
            ${chain.map((s) => html`<li class="step k-${s.kind.replace(/ /g, "-")}"><span class="k">${s.kind}</span><span class="v">${s.text}</span></li>`)}
          </ol>`,
      )}
    </div>
    <p class="fix"><strong>Fix:</strong> ${f.remediation}</p>
    ${f.acknowledged ? html`<p class="ackline"><strong>Acknowledged</strong> by ${f.acknowledged.owner} until ${f.acknowledged.expires}${f.acknowledged.ticket ? ` (${f.acknowledged.ticket})` : ""}: ${f.acknowledged.reason}</p>` : ""}
    <details>
      <summary>Sources${rule ? " and rule" : ""}</summary>
      ${rule ? html`<p>${rule.title}</p>` : ""}
      <ul>
        ${f.sources.map((s) => html`<li>${s}</li>`)}
      </ul>
    </details>
  </article> `;
}

function cellHtml(cell: CapabilityCell, markIntended = true): SafeHtml {
  const intended = markIntended && cell.intended;
  const title = [
    cell.note,
    ...cell.missing.map((m) => `missing ${m.requires === "ANY" && m.permissions.length > 1 ? "any one of " : ""}${m.permissions.join(", ")} (${m.endpoint})`),
  ]
    .filter(Boolean)
    .join("; ");
  return html`<td class="cell st-${cell.status}${intended ? " intended" : ""}" ${title ? html` title="${title}"` : ""}>
    ${STATUS_LABEL[cell.status]}${intended ? html`<span class="tag">intended</span>` : ""}
  </td>`;
}

function peopleTable(matrix: AccessMatrix): SafeHtml {
  const capabilities = matrix.people[0]?.capabilities.map((c) => c.capability) ?? [];
  return html`<table>
    <thead>
      <tr>
        <th>user</th>
        <th>division</th>
        <th>groups</th>
        <th>roles from</th>
        ${capabilities.map((c) => html`<th>${c}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${matrix.people.map(
        (u) =>
          html`<tr>
            <td><span class="mono">${u.address}</span>${u.name ? ` (${u.name})` : ""}${u.configuration === null ? "" : ` in ${u.configuration}`}</td>
            <td>${u.division}</td>
            <td class="mono small">${u.groups.join(", ") || "-"}</td>
            <td class="mono small">${u.principals.join(", ") || "none"}</td>
            ${u.capabilities.map((c) => html`<td class="cell st-${c.status}">${STATUS_LABEL[c.status]}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function principalAnchor(address: string, configuration: string | null): string {
  const id = configuration === null ? address : `${configuration}/${address}`;
  return `p-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function principalBlock(p: PrincipalAccess): SafeHtml {
  const facts: [string, string][] = [["kind", p.kind.replace("_", " ")]];
  if (p.name) facts.push(["name", p.name]);
  if (p.subject) facts.push([p.kind === "user_roles" ? "user" : "group", p.subject]);
  if (p.grantType) facts.push(["grant type", p.grantType]);
  if (p.state) facts.push(["state", `${p.state.value}${p.state.default ? " (default)" : ""}`]);
  if (p.tokenLifetime)
    facts.push([
      "token lifetime",
      `${p.tokenLifetime.seconds !== null ? `${p.tokenLifetime.seconds} s` : (p.tokenLifetime.text ?? "")}${p.tokenLifetime.default ? " (default)" : ""}`,
    ]);
  if (p.scopes) facts.push(["scopes", p.scopes.length ? p.scopes.join(", ") : "none"]);
  facts.push(["location", `${p.line !== null ? `${p.file}:${p.line}` : p.file}${p.constructPath ? ` (${p.constructPath})` : ""}`]);
  const own = p.access === "own-grants";
  const columns: { label: string; intended: boolean; cells: CapabilityCell[]; mark: boolean }[] = own
    ? [
        { label: "any division", intended: false, cells: p.anywhere, mark: false },
        ...p.divisions.map((d) => ({ label: d.label, intended: d.intended, cells: d.capabilities, mark: true })),
      ]
    : [{ label: "through the signed-in user", intended: false, cells: p.anywhere, mark: true }];
  const i = p.intent;
  return html`<article class="principal${i?.unmet.length ? " unmet" : ""}" id="${principalAnchor(p.address, p.configuration)}">
    <h3 class="mono">${p.address}${p.configuration === null ? "" : ` in ${p.configuration}`}</h3>
    <dl class="facts">
      ${facts.map(
        ([k, v]) =>
          html`<div>
            <dt>${k}</dt>
            <dd>${v}</dd>
          </div>`,
      )}
    </dl>
    <p class="access">${p.accessNote}.</p>
    <p class="intent">
      <strong>Intended:</strong> ${
        i
          ? html`${i.capabilities.join(", ")} in
              ${i.divisions.map((d) => (d === "*" ? 'all divisions ("*")' : d)).join(", ")}${i.queues.length ? ` for queues ${i.queues.join(", ")}` : ""}${i.readsRecordingsUpToDays !== null ? `, reading recordings up to ${i.readsRecordingsUpToDays} days old` : ""}${i.run ? `, run ${describeRun(i.run)}` : ""}${i.declaredBy ? ` (declared by ${i.declaredBy})` : ""}.
              <strong>Actual:</strong>
              ${i.unmet.length ? html`<span class="bad">${i.unmet.map((u) => `${u.capability} in ${u.division}: ${STATUS_LABEL[u.status]}`).join("; ")}</span>` : html`<span class="good">every intended capability is granted where intended</span>`}`
          : "no intent declared"
      }
    </p>
    ${
      p.grants.length
        ? html`<table class="grants">
            <thead>
              <tr>
                <th>role</th>
                <th>division</th>
                <th>conditions</th>
              </tr>
            </thead>
            <tbody>
              ${p.grants.map(
                (g) =>
                  html`<tr>
                    <td>
                      <span class="mono">${g.role}</span
                      >${g.roleName ? ` (${g.roleName})` : ""}${g.roleReadable ? "" : html` <span class="badge sev-unknown">not in the configuration: cannot be read</span>`}
                    </td>
                    <td>${g.division}</td>
                    <td>
                      ${g.conditions.length ? g.conditions.map((c) => html`<div><span class="mono">${c.permission}</span> when ${c.conditions}</div>`) : "none"}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>Grants: none.</p>`
    }
    <table class="matrix">
      <thead>
        <tr>
          <th>capability</th>
          ${columns.map((c) => html`<th${c.intended ? html` class="intended-col"` : ""}>${c.label}${c.intended ? html`<span class="tag">intended</span>` : ""}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${CAPABILITY_NAMES.map(
          (name, row) =>
            html`<tr>
              <th class="mono">${name}</th>
              ${columns.map((c) => cellHtml(c.cells[row], c.mark))}
            </tr>`,
        )}
      </tbody>
    </table>
  </article> `;
}

function trunkTable(matrix: AccessMatrix): SafeHtml {
  if (!matrix.trunks.length) return html`<p>No trunk base settings in the configuration.</p>`;
  const yn = (v: boolean | null) => (v === null ? "not set" : v ? "yes" : "no");
  return html`<table class="trunks">
    <thead>
      <tr>
        <th class="wide">trunk</th>
        <th>type / meta base</th>
        <th>recording</th>
        <th>consent required</th>
        <th>dual channel</th>
        <th>audio format</th>
        <th>recording keys</th>
        <th>note</th>
      </tr>
    </thead>
    <tbody>
      ${matrix.trunks.map(
        (t) =>
          html`<tr>
            <td><span class="mono">${t.address}</span>${t.name ? ` (${t.name})` : ""}</td>
            <td>${[t.trunkType, t.trunkMetaBase].filter((x) => x !== null).join(" / ") || "-"}</td>
            <td class="cell st-${t.recording === "on" ? "granted" : t.recording === "off" ? "not-granted" : "unknown"}">
              ${t.recording}${t.recording === "off" && t.recordingDefault ? " (default)" : ""}
            </td>
            <td>${yn(t.consentRequired)}</td>
            <td>${yn(t.dualChannel)}</td>
            <td>${t.audioFormat ?? "not set"}</td>
            <td class="mono small">${t.recordingKeys.map((k) => html`<div>${k.key} = ${k.value}</div>`)}</td>
            <td>${t.note ?? ""}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function retentionTables(matrix: AccessMatrix): SafeHtml {
  if (!matrix.retentionPolicies.length) return html`<p>No media retention policies in the configuration.</p>`;
  const yn = (v: boolean | null) => (v === null ? "-" : v ? "yes" : "no");
  const d = (v: number | string | null) => (v === null ? "-" : String(v));
  const rows = matrix.retentionPolicies.flatMap((p) => {
    const head = html`<td>
        <span class="mono">${p.address}</span
        >${p.name ? ` (${p.name})` : ""}${p.overlapsWith.length ? html`<div class="small warn">overlaps with ${p.overlapsWith.join(", ")}</div>` : ""}
      </td>
      <td>${p.enabled ? (p.enabledDefault ? "yes (default)" : "yes") : "no"}</td>
      <td>${d(p.order)}</td>`;
    if (!p.media.length)
      return [
        html`<tr>
          ${head}
          <td colspan="8">no actions</td>
        </tr>`,
      ];
    return p.media.map(
      (m) =>
        html`<tr>
          ${head}
          <td>${m.media}</td>
          <td>${m.conditions}</td>
          <td>${yn(m.retain)}</td>
          <td>${d(m.archiveDays)}</td>
          <td>${d(m.deleteDays)}</td>
          <td>${yn(m.alwaysDelete)}</td>
          <td>${m.deletes}</td>
          <td>${m.screenRecording ? d(m.screenRecording.deleteDays) : "-"}</td>
        </tr>`,
    );
  });
  return html`<div class="scroll">
      <table class="retention">
        <thead>
          <tr>
            <th class="wide">policy</th>
            <th>enabled</th>
            <th>order</th>
            <th>media</th>
            <th>conditions</th>
            <th>retain</th>
            <th>archive days</th>
            <th>delete days</th>
            <th>always delete</th>
            <th>deletes</th>
            <th>screen recording delete days</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    ${
      matrix.retentionOverlaps.length
        ? html`<h3>Overlapping policies</h3>
            <table>
              <thead>
                <tr>
                  <th>media</th>
                  <th>policies</th>
                  <th>which retention wins</th>
                </tr>
              </thead>
              <tbody>
                ${matrix.retentionOverlaps.map(
                  (o) =>
                    html`<tr>
                      <td>${o.media}</td>
                      <td>${o.policies.map((p) => html`<div><span class="mono">${p.address}</span>: ${p.deletes}</div>`)}</td>
                      <td>
                        ${o.resolution === "longest-wins" ? html`<strong>${o.winner}</strong> (${o.winnerDays} day(s)). ` : html`<strong>undetermined</strong>. `}${o.note}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : html`<p>No two enabled policies cover the same media.</p>`
    }`;
}

function acknowledgementTable(acks: readonly AcknowledgementStatus[]): SafeHtml {
  if (!acks.length) return html`<p>No acknowledgements.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>status</th>
        <th>rule</th>
        <th>target</th>
        <th>reason</th>
        <th>owner</th>
        <th>expires</th>
        <th>ticket</th>
        <th>findings matched</th>
      </tr>
    </thead>
    <tbody>
      ${acks.map(
        (a) =>
          html`<tr class="ack-${a.status}">
            <td><span class="badge ackst-${a.status}">${a.status}</span></td>
            <td>${a.ruleId}</td>
            <td class="mono">${a.target}</td>
            <td>${a.reason}</td>
            <td>${a.owner}</td>
            <td>${a.expires}</td>
            <td>${a.ticket ?? "-"}</td>
            <td>${typeof a.matched === "number" ? a.matched : "-"}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const CSS = `
:root{--fg:#1d232b;--muted:#5b6572;--line:#d5dae1;--bg:#fff;--soft:#f5f7fa;--err:#b3261e;--errbg:#fdecea;--unk:#6b3fa0;--unkbg:#f1eafa;--warn:#8a5a00;--warnbg:#fff4d6;--info:#1a5f8a;--infobg:#e8f3fa;--ok:#1e6b34;--okbg:#e6f4ea}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}
body>header{padding-top:18px;border-bottom:1px solid var(--line)}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:0 0 8px}
.sub{color:var(--muted);margin:0 0 10px}
nav{display:flex;flex-wrap:wrap;gap:14px;padding-bottom:10px}
nav a{color:var(--info);text-decoration:none}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px;overflow-wrap:anywhere}
.small{font-size:11.5px}
.tiles{display:flex;flex-wrap:wrap;gap:10px}
.tile{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:110px;background:var(--soft)}
.tile .n{display:block;font-size:22px;font-weight:700}
.tile .l{color:var(--muted);font-size:12px}
.tile.sev-error{background:var(--errbg);border-color:var(--err)}.tile.sev-error .n{color:var(--err)}
.tile.sev-unknown .n{color:var(--unk)}.tile.sev-warning .n{color:var(--warn)}.tile.sev-info .n{color:var(--info)}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;border:1px solid var(--line);background:var(--soft);white-space:nowrap}
.badge.sev-error{background:var(--err);color:#fff;border-color:var(--err)}
.badge.sev-unknown{background:var(--unkbg);color:var(--unk);border-color:var(--unk)}
.badge.sev-warning{background:var(--warnbg);color:var(--warn);border-color:var(--warn)}
.badge.sev-info{background:var(--infobg);color:var(--info);border-color:var(--info)}
.badge.http{font-weight:700}
.badge.enf-hard{border-color:var(--err);color:var(--err)}
.badge.ack,.badge.ackst-active{background:var(--okbg);color:var(--ok);border-color:var(--ok)}
.badge.ackst-expired,.badge.ackst-refused{background:var(--errbg);color:var(--err);border-color:var(--err)}
.badge.ackst-orphaned{background:var(--warnbg);color:var(--warn);border-color:var(--warn)}
.finding{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;padding:10px 14px;margin:0 0 12px;background:#fff}
.finding.sev-error{border-left-color:var(--err)}.finding.sev-unknown{border-left-color:var(--unk)}.finding.sev-warning{border-left-color:var(--warn)}.finding.sev-info{border-left-color:var(--info)}
.finding.acked{opacity:.85}
.finding header{display:flex;flex-wrap:wrap;gap:6px;align-items:center;border:0;padding:0;margin:0}
.finding .rule{font-size:15px}
.finding .rname{color:var(--muted)}
.finding p{margin:6px 0}
.addr{color:var(--muted)}
.msg{font-weight:500}
.chain{list-style:none;display:flex;flex-wrap:wrap;align-items:stretch;gap:0;padding:0;margin:8px 0}
.chain li{display:flex;flex-direction:column;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:4px 8px;max-width:360px;position:relative;margin-right:22px}
.chain li:not(:last-child)::after{content:"\\2192";position:absolute;right:-18px;top:50%;transform:translateY(-50%);color:var(--muted);font-weight:700}
.chain .k{font-size:10.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.chain .v{overflow-wrap:anywhere}
.chain .k-missing-permission{background:var(--errbg);border-color:var(--err)}
.chain .k-outcome{background:#fff;border-color:var(--fg);font-weight:600}
.fix{background:var(--okbg);border-radius:4px;padding:4px 8px}
.ackline{background:var(--okbg);border-radius:4px;padding:4px 8px}
details summary{cursor:pointer;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
tbody th{font-weight:500;background:#fbfcfd}
.principal{border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:0 0 16px}
.principal.unmet{border-color:var(--err)}
.facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 6px}
.facts div{display:flex;gap:6px}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.access{color:var(--muted);margin:4px 0}
.intent{margin:4px 0 8px}
.bad{color:var(--err);font-weight:600}.good{color:var(--ok)}
.cell{text-align:center;white-space:nowrap}
.st-granted{background:var(--okbg);color:var(--ok)}
.st-granted-with-conditions{background:var(--warnbg);color:var(--warn)}
.st-not-granted{color:var(--muted)}
.st-unknown{background:var(--unkbg);color:var(--unk)}
.st-user-roles-decide{background:var(--infobg);color:var(--info)}
.st-scope-missing{color:var(--muted)}
.cell.intended{outline:2px solid var(--fg);outline-offset:-3px;font-weight:600}
.cell.intended.st-not-granted,.cell.intended.st-scope-missing{background:var(--errbg);color:var(--err);outline-color:var(--err)}
.legend .cell{display:inline-block;padding:0 6px;border:1px solid var(--line)}
.tag{display:block;font-size:10px;font-weight:400;text-transform:uppercase;letter-spacing:.04em}
th.intended-col{background:#eef1f5}
.warn{color:var(--warn)}
.scroll{overflow-x:auto}
th.wide{min-width:230px}
.retention td,.trunks td{overflow-wrap:anywhere}
.chain li{flex:0 1 auto}
footer{color:var(--muted);font-size:12px;padding:20px;border-top:1px solid var(--line);margin-top:30px}
@media print{nav{display:none}.finding,.principal{break-inside:avoid}}
`;
