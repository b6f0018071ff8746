// A large environment for the synth benchmark: one environment file whose service accounts
// each produce a role and a client (2 resources each), with org settings of its own: a copy of
// the committed ones (documented defaults) that names the bench environment, as synth requires
// of an org settings file (app/build-app.ts: it belongs to one environment).
import * as fs from "fs";
import * as path from "path";
import type { CapabilityName } from "../genesys/capabilities";
import { Rng } from "./prng";

const CAPABILITY_SETS: CapabilityName[][] = [
  ["recordings:read"],
  ["recordings:read"],
  ["recordings:read", "recordings:read-screen"],
  ["recordings:read", "recordings:bulk-jobs"],
  ["recordings:read", "recordings:bulk-jobs", "recordings:manage-retention-policies"],
  ["recordings:read", "recordings:annotate"],
];

export interface BenchEnvironment {
  environmentFile: string;
  orgSettingsFile: string;
}

/**
 * Writes `<envDir>/<name>.json` and its org settings `<orgDir>/<name>.json` (a copy of
 * `sourceOrgSettings` for environment `name`); orgDir must not be envDir, whose every *.json is
 * an environment.
 */
export function writeBenchEnvironment(envDir: string, orgDir: string, sourceOrgSettings: string, accounts: number, name = "bench", seed = 7): BenchEnvironment {
  if (path.resolve(orgDir) === path.resolve(envDir)) throw new Error("bench: the org settings must not be written into the environments directory");
  const org = JSON.parse(fs.readFileSync(sourceOrgSettings, "utf8"));
  org.environment = name;
  fs.mkdirSync(orgDir, { recursive: true });
  const orgSettingsFile = path.join(orgDir, `${name}.json`);
  fs.writeFileSync(orgSettingsFile, `${JSON.stringify(org, null, 2)}\n`);
  const rng = new Rng(seed);
  const divisionKeys = Array.from({ length: 8 }, (_, i) => `unit-${i}`);
  const divisions = Object.fromEntries(
    divisionKeys.map((key, i) => [key, { name: `Business unit ${i}`, manage: true, description: `Queues of business unit ${i}` }]),
  );
  const serviceAccounts = Array.from({ length: accounts }, (_, i) => {
    const wanted = rng.chance(0.5) ? ["home", rng.pick(divisionKeys)] : [rng.pick(["home", "*", rng.pick(divisionKeys)])];
    const tokens = rng.int(1, 2);
    const durationSeconds = rng.pick([600, 1800, 3600]);
    return {
      name: `sa-${String(i).padStart(4, "0")}`,
      description: `Bench service account ${i}`,
      capabilities: rng.pick(CAPABILITY_SETS),
      divisions: [...new Set(wanted)],
      ...(rng.chance(0.2) ? { queues: [rng.uuid()] } : {}),
      tokenLifetimeSeconds: rng.pick([3600, 7200, 86400]),
      ...(rng.chance(0.4) ? { run: { durationSeconds, requestsPerSecond: rng.int(1, 5) * tokens, tokens } } : {}),
      ...(rng.chance(0.2) ? { readsRecordingsUpToDays: rng.pick([7, 14, 30]) } : {}),
    };
  });
  const env = {
    name,
    kind: "test",
    region: "us-east-1",
    orgSettings: path.resolve(orgSettingsFile),
    retention: {
      policyName: "Recording Guard bench retention",
      description: "Bench org: recordings are deleted after 30 days.",
      call: { deleteAfterDays: 30 },
      chat: { deleteAfterDays: 30 },
      email: { deleteAfterDays: 30 },
      message: { deleteAfterDays: 30 },
      screen: { deleteAfterDays: 30, recordAfterCallWork: false },
    },
    divisions,
    serviceAccounts,
    trunks: [
      {
        name: "byoc-bench-carrier",
        description: "BYOC carrier trunk for bench calls",
        inboundSite: { name: "Bench Site" },
        recording: { enabled: true, dualChannel: true, consentRequired: false, audioFormat: "audio/opus" },
      },
    ],
  };
  const environmentFile = path.join(envDir, `${name}.json`);
  fs.writeFileSync(environmentFile, `${JSON.stringify(env, null, 2)}\n`);
  return { environmentFile, orgSettingsFile };
}
