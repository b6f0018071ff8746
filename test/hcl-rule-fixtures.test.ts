// HCL twins of the rule fixtures: test/fixtures/hcl-rules/<rule id>/{fail,pass}.tf say in HCL, as
// people write it (blocks, references, jsonencode for trunk properties), what
// rules/fixtures/<rule id>/{fail,pass}.tf.json say in Terraform JSON. Each twin is audited as
// test/fixture-expectations.ts audits the JSON (loadInputs, the same intents/org/env side files,
// audit, attachLines) and must produce what rules/fixtures/<rule id>/expected.json lists for that
// side: the same rule, address, attribute, severity and count. Lines differ between the two forms,
// so HCL_LINES below states, per finding, the line of the HCL file it must point at; a second test
// checks that each of those lines is where the resource or attribute is written.
//
// Not expressible in HCL, and left out of the twins on purpose:
//   GRG001 fail.tf.json writes `"roles": []`. HCL has no empty list of blocks (Terraform refuses
//          `roles = []` for a nested block type), so the twin has no roles block at all.
//   GRG010 fail/pass.tf.json carry cdktf's `"//": { "metadata": ... }` key: a JSON-only comment.
import * as fs from "fs";
import * as path from "path";
import { attachLines } from "../cli/attach-lines";
import { audit } from "../engine/engine";
import { loadIntents } from "../readers/intents";
import { loadOrgSettings } from "../readers/org-settings";
import { loadInputs } from "../readers/terraform/load-inputs";
import { FIXTURES, readExpectations, type Expected } from "./fixture-expectations";

const TWINS = path.join(__dirname, "fixtures", "hcl-rules");

type Side = "fail" | "pass";

/**
 * The HCL line of every finding expected.json lists with a line, per rule and side, keyed by
 * address (findings without an attribute: the line declaring the block) or `address attribute`.
 * Pass sides expect no findings, so they have no entries.
 */
const HCL_LINES: Record<string, Partial<Record<Side, Record<string, number>>>> = {
  GRG001: { fail: { "genesyscloud_oauth_client.loadtest": 16 } },
  GRG002: { fail: { "genesyscloud_oauth_client.loadtest": 15 } },
  GRG003: { fail: { "genesyscloud_oauth_client.loadtest roles[0]": 19 } },
  GRG004: { fail: { "genesyscloud_oauth_client.loadtest": 28 } },
  GRG005: { fail: { "genesyscloud_oauth_client.portal": 2 } },
  GRG006: { fail: { "genesyscloud_oauth_client.loadtest scopes": 17 } },
  GRG007: { fail: { "genesyscloud_oauth_client.loadtest access_token_validity_seconds": 17 } },
  GRG008: { fail: { "genesyscloud_oauth_client.loadtest state": 17 } },
  GRG010: {
    fail: {
      "genesyscloud_telephony_providers_edges_trunkbasesettings.carrier_a properties": 37,
      "genesyscloud_telephony_providers_edges_trunkbasesettings.carrier_b properties.trunk_recording_consent_required": 49,
    },
  },
  GRG011: {
    fail: {
      "genesyscloud_recording_media_retention_policy.calls_30_days": 27,
      "genesyscloud_recording_media_retention_policy.chat_purge": 53,
    },
  },
  GRG012: {
    fail: {
      "data.genesyscloud_organization_settings.org": 8,
      "genesyscloud_oauth_client.loadtest recording_max_rps": 25,
      "genesyscloud_recording_media_retention_policy.calls media_policies[0].call_policy[0].actions[0].retain_recordng": 38,
      "provider.genesyscloud token_pool_size": 5,
    },
  },
  GRG013: {
    fail: {
      "genesyscloud_telephony_providers_edges_trunkbasesettings.carrier properties.trunk_recording_dual_channel": 18,
      "genesyscloud_telephony_providers_edges_trunkbasesettings.carrier properties.recording:consent": 19,
      "genesyscloud_telephony_providers_edges_trunkbasesettings.carrier properties.trunk_recording_beep_enabled": 20,
    },
  },
  GRG014: {
    fail: {
      "genesyscloud_auth_role.reader permission_policies[0].action_set": 12,
      "genesyscloud_auth_role.reader permission_policies[1].action_set": 18,
    },
  },
  GRG015: { fail: { "genesyscloud_recording_media_retention_policy.test_retention": 6 } },
  GRG016: { fail: { "genesyscloud_oauth_client.loadtest expose_client_secret": 21 } },
  GRG027: { fail: { "genesyscloud_oauth_client.loadtest access_token_validity_seconds": 18 } },
  GRG031: { fail: { "genesyscloud_user_roles.analyst roles": 29 } },
  GRG033: { fail: { "genesyscloud_oauth_client.harness": 28 } },
  GRG035: { fail: { "genesyscloud_user_roles.analyst": 24 } },
  GRG037: {
    fail: {
      "genesyscloud_access_policy.no_playback target_resource": 14,
      "genesyscloud_access_policy.case_slip target_resource": 23,
      "genesyscloud_access_policy.not_a_target target_resource": 32,
    },
  },
  // module.export has no line in either form: lines are found for resource, data and provider blocks.
  GRG028: {},
};

const RULES = Object.keys(HCL_LINES);
const SIDES: Side[] = ["fail", "pass"];

function lineKey(e: { address: string; attribute?: string }): string {
  return e.attribute === undefined ? e.address : `${e.address} ${e.attribute}`;
}

/** One side of a twin audited as test/fixture-expectations.ts audits the JSON fixture, grouped as in expected.json. */
async function observedHcl(ruleId: string, which: Side): Promise<Expected[]> {
  const dir = path.join(FIXTURES, ruleId);
  const side = (name: string) => [path.join(dir, `${which}.${name}`), path.join(dir, name)].find((f) => fs.existsSync(f));
  const intentsFile = side("intents.json");
  const orgFile = side("org.json");
  const envFile = side("env.json");
  const file = path.relative(process.cwd(), path.join(TWINS, ruleId, `${which}.tf`));
  const { config, inputs } = await loadInputs([file]);
  expect(inputs.map((i) => i.kind)).toEqual(["hcl"]);
  const findings = audit({
    config,
    ...(intentsFile ? loadIntents(intentsFile) : {}),
    org: orgFile ? loadOrgSettings(orgFile) : undefined,
    environmentKind: envFile ? JSON.parse(fs.readFileSync(envFile, "utf8")).environmentKind : undefined,
    // A fixed date for rules about dated facts (GRG029): the fixture means the same every year.
    today: envFile ? JSON.parse(fs.readFileSync(envFile, "utf8")).today : undefined,
  });
  const groups = new Map<string, Expected>();
  for (const f of attachLines(findings, inputs)) {
    const line = f.attributeLine ?? f.line;
    const e: Expected = {
      rule: f.ruleId,
      address: f.address,
      ...(f.attribute !== undefined ? { attribute: f.attribute } : {}),
      severity: f.severity,
      ...(line !== undefined ? { line } : {}),
      count: 0,
    };
    const key = JSON.stringify({ ...e, count: undefined });
    const g = groups.get(key) ?? e;
    g.count++;
    groups.set(key, g);
  }
  return sorted([...groups.values()]);
}

/** expected.json's list for one side, with each JSON line replaced by the HCL line of HCL_LINES. */
function expectedHcl(ruleId: string, which: Side): Expected[] {
  const expected = readExpectations(ruleId);
  if (!expected) throw new Error(`rules/fixtures/${ruleId}/expected.json is missing`);
  const lines = HCL_LINES[ruleId][which] ?? {};
  return sorted(
    expected[which].map((e) => {
      const { line: jsonLine, ...rest } = e;
      if (jsonLine === undefined) return rest;
      const line = lines[lineKey(e)];
      if (line === undefined) throw new Error(`HCL_LINES.${ruleId}.${which} has no line for "${lineKey(e)}"`);
      return { ...rest, line };
    }),
  );
}

function sorted(items: Expected[]): Expected[] {
  const k = (e: Expected) => [e.rule, e.address, e.attribute ?? "", String(e.line ?? 0).padStart(8, "0"), e.severity].join("\u0000");
  return [...items].sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

/** What the text of a finding's line must hold: the block's declaration, or the attribute's last name. */
function declarationPattern(address: string): RegExp {
  const q = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const parts = address.split(".");
  if (parts[0] === "provider") return new RegExp(`^\\s*provider\\s+"${q(parts[1])}"\\s*\\{`);
  if (parts[0] === "data") return new RegExp(`^\\s*data\\s+"${q(parts[1])}"\\s+"${q(parts[2])}"\\s*\\{`);
  return new RegExp(`^\\s*resource\\s+"${q(parts[0])}"\\s+"${q(parts[1])}"\\s*\\{`);
}

function attributePattern(attribute: string): RegExp {
  const last = attribute
    .split(".")
    .pop()!
    .replace(/\[\d+\]$/, "");
  const name = last.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // `name = ...`, `"name" = ...` (an object key inside jsonencode) or `name {` (a block).
  return new RegExp(`^\\s*(?:"${name}"|${name})\\s*(?:=|\\{)`);
}

it("has a twin directory for each rule in HCL_LINES, and no other", () => {
  expect(fs.readdirSync(TWINS).sort()).toEqual([...RULES].sort());
  for (const id of RULES) for (const which of SIDES) expect(fs.existsSync(path.join(TWINS, id, `${which}.tf`))).toBe(true);
});

describe.each(RULES)("HCL twin of %s", (id) => {
  it.each(SIDES)("%s.tf gives exactly the findings expected.json lists for that side of the JSON fixture", async (which) => {
    const want = expectedHcl(id, which);
    // Not vacuous: each failing side shows its own rule.
    if (which === "fail") expect(want.some((e) => e.rule === id)).toBe(true);
    expect(await observedHcl(id, which)).toEqual(want);
  });

  it("points each finding at the HCL line where its block or attribute is written", () => {
    const expected = readExpectations(id)!;
    for (const which of SIDES) {
      const lines = HCL_LINES[id][which] ?? {};
      // Every entry of the table belongs to a finding expected.json lists with a line (no stale entries).
      expect(Object.keys(lines).sort()).toEqual(
        expected[which]
          .filter((e) => e.line !== undefined)
          .map(lineKey)
          .sort(),
      );
      const text = fs.readFileSync(path.join(TWINS, id, `${which}.tf`), "utf8").split("\n");
      for (const e of expected[which]) {
        const line = lines[lineKey(e)];
        if (line === undefined) continue;
        const pattern = e.attribute === undefined ? declarationPattern(e.address) : attributePattern(e.attribute);
        expect({ finding: lineKey(e), line, text: text[line - 1] }).toEqual({ finding: lineKey(e), line, text: expect.stringMatching(pattern) });
      }
    }
  });
});
