// The access matrix and the rules read the same analyses (analyses/principals, access,
// trunk-recording, retention), so on every rule fixture they must tell the same story: a principal
// whose intent the matrix marks unmet has an access finding and the other way round; a trunk the
// matrix shows not recording has a GRG010 finding; a policy GRG011 blames deletes something.
import { ALL_RULES } from "../rules";
import { buildAccessMatrix } from "../reporters/access-matrix";
import { auditFixture } from "./fixture-expectations";

// The rules that decide whether an intended capability is reachable: no roles (GRG001), no
// permission (GRG002), wrong division (GRG003), missing scope (GRG005).
const ACCESS_RULES = new Set(["GRG001", "GRG002", "GRG003", "GRG005"]);
// How many comparisons were made, so the test cannot pass by comparing nothing.
const compared = { unmet: 0, met: 0, trunksOff: 0, retention: 0 };
afterAll(() => {
  expect(compared.unmet).toBeGreaterThanOrEqual(3);
  expect(compared.met).toBeGreaterThanOrEqual(20);
  expect(compared.trunksOff).toBeGreaterThanOrEqual(1);
  expect(compared.retention).toBeGreaterThanOrEqual(1);
});

const CASES = ALL_RULES.flatMap((r) => (["fail", "pass"] as const).map((side) => [r.id, side] as const));

describe.each(CASES)("%s %s fixture", (id, side) => {
  it("the matrix and the rules agree", async () => {
    const ctx = await auditFixture(id, side);
    const matrix = buildAccessMatrix(ctx);
    const blocking = (address: string) =>
      ctx.findings.filter((f) => f.address === address && ACCESS_RULES.has(f.ruleId) && (f.severity === "error" || f.severity === "unknown"));

    for (const p of matrix.principals) {
      if (!p.intent) continue;
      const unmet = p.intent.unmet.filter((u) => u.status !== "user-roles-decide");
      expect([p.address, unmet.length > 0]).toEqual([p.address, blocking(p.address).length > 0]);
      compared[unmet.length ? "unmet" : "met"]++;
    }

    for (const t of matrix.trunks) {
      const grg010 = ctx.findings.filter((f) => f.ruleId === "GRG010" && f.address === t.address);
      const notRecorded = grg010.filter((f) => f.severity !== "unknown" && f.attribute !== "properties.trunk_recording_consent_required");
      if (t.recording === "off") {
        expect([t.address, notRecorded.length]).toEqual([t.address, 1]);
        compared.trunksOff++;
      }
      if (t.recording === "on") expect([t.address, notRecorded]).toEqual([t.address, []]);
    }

    for (const f of ctx.findings.filter((x) => x.ruleId === "GRG011" && x.severity !== "unknown")) {
      const row = matrix.retentionPolicies.find((r) => r.address === f.address);
      expect([f.address, row !== undefined && row.media.some((m) => m.deletes !== "never")]).toEqual([f.address, true]);
      compared.retention++;
    }
  });
});
