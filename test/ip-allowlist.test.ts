// Where callers run (GRG035): an intent's callersFrom against the org's IP allowlist, and the
// per-client allowlist of new client-credentials clients, said once, which Terraform cannot set.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";
import { parseIpRange, rangeWithin } from "../model/ip-range";

const FIX = path.join(__dirname, "..", "rules", "fixtures", "GRG035");

describe("IP ranges", () => {
  it("reads IPv4 and IPv6 addresses and ranges, and tells whether one lies inside another", () => {
    const within = (a: string, b: string) => rangeWithin(parseIpRange(a)!, parseIpRange(b)!);
    expect(within("198.51.100.20", "198.51.100.0/24")).toBe(true);
    expect(within("198.51.100.0/23", "198.51.100.0/24")).toBe(false);
    expect(within("2001:db8:10:5::/64", "2001:db8:10::/48")).toBe(true);
    expect(within("::ffff:198.51.100.20", "198.51.100.0/24")).toBe(false); // another family
    for (const bad of ["198.51.100.0/33", "example.com", "1.2.3.4/8/1", "2001:db8::/129"]) expect(parseIpRange(bad)).toBeUndefined();
  });
});

describe("GRG035 caller outside the IP allowlist", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-ip-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(intents: object, tf = path.join(FIX, "fail.tf.json"), ...more: string[]) {
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(intents));
    let out = "";
    let err = "";
    const code = await runAudit([tf, "--intents", path.join(dir, "intents.json"), "--format", "json", ...more], {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
    });
    return { code, err, grg035: out ? JSON.parse(out).findings.filter((f: { ruleId: string }) => f.ruleId === "GRG035") : [] };
  }

  it("a range outside the allowlist: refused at login (certain), naming the range and the list", async () => {
    const r = await run(JSON.parse(fs.readFileSync(path.join(FIX, "fail.intents.json"), "utf8")));
    expect(r.grg035).toEqual([expect.objectContaining({ severity: "error", certainty: "certain" })]);
    expect(r.grg035[0].message).toContain("come from 203.0.113.0/28, outside genesyscloud_organization_authentication_settings.org.ip_address_allowlist");
  });

  it("a client-credentials principal with callersFrom: the per-client allowlist, said once (info, likely)", async () => {
    const tf = path.join(dir, "main.tf.json");
    const doc = JSON.parse(fs.readFileSync(path.join(FIX, "pass.tf.json"), "utf8"));
    doc.resource.genesyscloud_oauth_client = {
      a: { name: "a", authorized_grant_type: "CLIENT-CREDENTIALS", roles: [{ role_id: "${genesyscloud_auth_role.reader.id}" }] },
      b: { name: "b", authorized_grant_type: "CLIENT-CREDENTIALS", roles: [{ role_id: "${genesyscloud_auth_role.reader.id}" }] },
    };
    fs.writeFileSync(tf, JSON.stringify(doc));
    const intent = { capabilities: ["recordings:read"], divisions: ["home"], callersFrom: ["198.51.100.7"] };
    const r = await run({ principals: { "genesyscloud_oauth_client.a": intent, "genesyscloud_oauth_client.b": intent } }, tf);
    expect(r.grg035).toEqual([expect.objectContaining({ severity: "info", certainty: "likely", address: "genesyscloud_oauth_client.a" })]);
    expect(r.grg035[0].message).toContain("give genesyscloud_oauth_client.a, genesyscloud_oauth_client.b the ranges");
  });

  it("a configuration that does not manage the allowlist: the org snapshot's list decides (certain); without a snapshot nothing", async () => {
    const tf = path.join(dir, "main.tf.json");
    const doc = JSON.parse(fs.readFileSync(path.join(FIX, "fail.tf.json"), "utf8"));
    delete doc.resource.genesyscloud_organization_authentication_settings;
    fs.writeFileSync(tf, JSON.stringify(doc));
    const intents = JSON.parse(fs.readFileSync(path.join(FIX, "fail.intents.json"), "utf8"));
    expect((await run(intents, tf)).grg035).toEqual([]);
    const org = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "rules", "fixtures", "GRG033", "org.json"), "utf8"));
    org.ipAddressAllowlist = { source: "GET /api/v2/organizations/authentication/settings", ranges: ["198.51.100.0/24"] };
    fs.writeFileSync(path.join(dir, "org.json"), JSON.stringify(org));
    const r = await run(intents, tf, "--org", path.join(dir, "org.json"));
    expect(r.grg035).toEqual([expect.objectContaining({ severity: "error", certainty: "certain", address: "genesyscloud_user_roles.analyst" })]);
    expect(r.grg035[0].message).toContain("come from 203.0.113.0/28, outside the org's IP allowlist (");
    expect(r.grg035[0].message).toContain("GET /api/v2/organizations/authentication/settings: 198.51.100.0/24)");
    // An empty list is no restriction.
    org.ipAddressAllowlist.ranges = [];
    fs.writeFileSync(path.join(dir, "org.json"), JSON.stringify(org));
    expect((await run(intents, tf, "--org", path.join(dir, "org.json"))).grg035).toEqual([]);
  });

  it("callersFrom that is not an address or range: one line naming the field, exit 2", async () => {
    const r = await run({ principals: { "genesyscloud_user_roles.analyst": { capabilities: ["recordings:read"], callersFrom: ["office"] } } });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/callersFrom.*expected an IP address or CIDR range, got "office"/);
  });
});
