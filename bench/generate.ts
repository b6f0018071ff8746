// Synthetic Terraform JSON configurations with the shape cdktf writes for this project (see
// rules/fixtures/ and a synthesized stack): auth roles with recording permission
// policies (some conditioned on queues), CLIENT-CREDENTIALS OAuth clients whose roles point at
// those roles and at the home division data source, auth_division resources or "*", BYOC trunk
// base settings with `properties` JSON strings, media retention policies, plus an intents
// object for a share of the clients. Deterministic: everything comes from a seeded Rng.
import { CAPABILITIES, CAPABILITY_NAMES, CapabilityName } from "../genesys/capabilities";
import type { Intents } from "../model/intents";
import { Rng } from "./prng";

export interface GeneratedConfig {
  /** The Terraform JSON text (pretty-printed like cdk.tf.json). */
  text: string;
  intents: Intents;
  /** Resource and data source blocks in the text. */
  resourceCount: number;
  counts: Record<string, number>;
}

type Json = Record<string, unknown>;

const READ_ONLY_SETS: CapabilityName[][] = [
  ["recordings:read"],
  ["recordings:read"],
  ["recordings:read", "recordings:read-screen"],
  ["recordings:read", "recordings:read-sensitive"],
  ["recordings:read", "recordings:annotate"],
];
const ADMIN_SETS: CapabilityName[][] = [
  ["recordings:read", "recordings:bulk-jobs"],
  ["recordings:read", "recordings:bulk-jobs", "recordings:manage-retention-policies"],
  ["recordings:read", "recordings:write"],
  ["recordings:upload"],
];

// trunk_recording_enabled is always written (true for 90% of the trunks); these vary.
const TRUNK_KEYS: [string, () => unknown][] = [
  ["trunk_recording_consent_required", () => false],
  ["trunk_recording_dualChannel", () => true],
  ["trunk_consult_recording_enabled", () => true],
  ["trunk_disallow_recording_during_hold", () => false],
  ["trunk_recording_audioFormat", () => "audio/opus"],
  ["trunk_recording_levelControlEnabled", () => false],
  ["trunk_recording_externalTransfersEnabled", () => true],
  ["trunk_recording_beep_enabled", () => false],
  ["trunk_maxDialTimeout", () => "1m"],
];

function meta(path: string, uniqueId: string): Json {
  return { metadata: { path, uniqueId } };
}

function pad(n: number): string {
  return String(n).padStart(6, "0");
}

/** `resources` resource and data source blocks in total. */
export function generateConfig(resources: number, seed = 20261121): GeneratedConfig {
  const rng = new Rng(seed ^ resources);
  const stack = "bench";
  const queues = Array.from({ length: 400 }, () => rng.uuid());

  // Resource mix (shares of the total), the remainder split between roles and clients.
  const nSites = Math.max(1, Math.round(resources * 0.005));
  const nDivisions = Math.max(2, Math.round(resources * 0.03));
  const nTrunks = Math.max(1, Math.round(resources * 0.1));
  const nPolicies = Math.max(1, Math.round(resources * 0.06));
  const rest = resources - 1 - nSites - nDivisions - nTrunks - nPolicies;
  const nRoles = Math.max(1, Math.round(rest * 0.45));
  const nClients = rest - nRoles;

  const data: Record<string, Record<string, Json>> = {
    genesyscloud_auth_division_home: { home: { "//": meta(`${stack}/home`, "home") } },
    genesyscloud_telephony_providers_edges_site: {},
  };
  const resource: Record<string, Record<string, Json>> = {
    genesyscloud_auth_division: {},
    genesyscloud_auth_role: {},
    genesyscloud_oauth_client: {},
    genesyscloud_telephony_providers_edges_trunkbasesettings: {},
    genesyscloud_recording_media_retention_policy: {},
  };

  const sites: string[] = [];
  for (let i = 0; i < nSites; i++) {
    const id = `site_${pad(i)}`;
    sites.push(id);
    data.genesyscloud_telephony_providers_edges_site[id] = { "//": meta(`${stack}/site-${i}`, id), name: `Site ${i}` };
  }

  const divisions: string[] = [];
  for (let i = 0; i < nDivisions; i++) {
    const id = `division_${pad(i)}`;
    divisions.push(id);
    resource.genesyscloud_auth_division[id] = {
      "//": meta(`${stack}/division-${i}`, id),
      name: `Division ${i}`,
      description: rng.chance(0.5) ? `Queues of business unit ${i}` : undefined,
    };
  }

  // Roles: built from capability sets like the service-account construct, some hand-written
  // with wildcards, about a quarter with queue conditions on the recording view policy.
  const roles: { id: string; capabilities: CapabilityName[]; queues?: string[] }[] = [];
  for (let i = 0; i < nRoles; i++) {
    const id = `role_${pad(i)}`;
    const capabilities = rng.chance(0.75) ? rng.pick(READ_ONLY_SETS) : rng.pick(ADMIN_SETS);
    const policies = permissionPolicies(capabilities, rng);
    let conditioned: string[] | undefined;
    if (rng.chance(0.25)) {
      conditioned = rng.sample(queues, rng.int(1, 6));
      const target = policies.find((p) => p.domain === "recording" && p.entity_name === "recording") ?? policies[0];
      target.conditions = {
        conjunction: rng.chance(0.8) ? "AND" : "OR",
        terms: [
          { variable_name: "Conversation.queues", operator: "IN", operands: conditioned.map((q) => ({ type: "QUEUE", queue_id: q })) },
          ...(rng.chance(0.2) ? [{ variable_name: "Conversation.mediaType", operator: "EQ", operands: [{ type: "SCALAR", value: "voice" }] }] : []),
        ],
      };
    }
    roles.push({ id, capabilities, ...(conditioned ? { queues: conditioned } : {}) });
    resource.genesyscloud_auth_role[id] = {
      "//": meta(`${stack}/role-${i}`, id),
      name: `Recording role ${i}`,
      description: `Recording capabilities: ${capabilities.join(", ")}.`,
      permission_policies: policies,
    };
  }

  // Clients: CLIENT-CREDENTIALS mostly, a few user-grant clients with scopes.
  const principals: Intents["principals"] = {};
  // Acknowledgements (intents file format): accepted findings on about 2% of the clients.
  const acknowledgements: NonNullable<Intents["acknowledgements"]> = [];
  const acknowledge = (ruleId: string, target: string, expires = "2099-12-31") =>
    acknowledgements.push({
      ruleId,
      target,
      reason: "Accepted for the load-test window, tracked in the ticket.",
      owner: "recording-platform-team",
      expires,
      ticket: `REC-${acknowledgements.length + 1}`,
    });
  for (let i = 0; i < nClients; i++) {
    const id = `client_${pad(i)}`;
    const address = `genesyscloud_oauth_client.${id}`;
    const userGrant = rng.chance(0.05);
    const granted = rng.sample(roles, rng.chance(0.97) ? rng.int(1, 3) : 0);
    const grantDivisions: string[] = [];
    const entries = granted.map((role) => {
      const roll = rng.next();
      const roleId = rng.chance(0.03) ? rng.uuid() : `\${genesyscloud_auth_role.${role.id}.id}`;
      if (roll < 0.4) {
        grantDivisions.push("home");
        return { division_id: "${data.genesyscloud_auth_division_home.home.id}", role_id: roleId };
      }
      if (roll < 0.7) {
        const d = rng.pick(divisions);
        grantDivisions.push(`genesyscloud_auth_division.${d}`);
        return { division_id: `\${genesyscloud_auth_division.${d}.id}`, role_id: roleId };
      }
      if (roll < 0.9) {
        grantDivisions.push("*");
        return { division_id: "*", role_id: roleId };
      }
      grantDivisions.push("home");
      return { role_id: roleId };
    });
    const lifetime = rng.pick([undefined, 3600, 7200, 86400, 172800]);
    const inactive = rng.chance(0.01);
    const ccScopes = !userGrant && rng.chance(0.02);
    if ((inactive || ccScopes) && rng.chance(0.5)) acknowledge(inactive ? "GRG008" : "GRG006", address);
    resource.genesyscloud_oauth_client[id] = {
      "//": meta(`${stack}/service-account-${i}/client`, id),
      name: `Recording client ${i}`,
      description: rng.chance(0.6) ? `Service account ${i} for the recordings API` : undefined,
      authorized_grant_type: userGrant ? "CODE" : "CLIENT-CREDENTIALS",
      ...(userGrant
        ? { registered_redirect_uris: [`https://portal-${i}.example.com/callback`], scopes: rng.chance(0.7) ? ["recordings:readonly"] : ["users"] }
        : ccScopes
          ? { scopes: ["recordings"] }
          : {}),
      ...(lifetime !== undefined ? { access_token_validity_seconds: lifetime } : {}),
      roles: entries,
      state: inactive ? "inactive" : "active",
    };

    // Intents for about a third of the clients: mostly what the roles grant, where they grant it.
    if (rng.chance(0.35)) {
      const own = [...new Set(granted.flatMap((r) => r.capabilities))];
      const capabilities = own.length && rng.chance(0.9) ? rng.sample(own, rng.int(1, Math.min(2, own.length))) : [rng.pick(CAPABILITY_NAMES)];
      const wantsGranted = grantDivisions.length && rng.chance(0.85);
      const wanted = wantsGranted ? [...new Set(grantDivisions)] : [rng.pick(["home", "*", `genesyscloud_auth_division.${rng.pick(divisions)}`])];
      // A division the grants likely miss (GRG003): sometimes accepted, a few acknowledgements expired.
      if (!wantsGranted && granted.length && rng.chance(0.3)) acknowledge("GRG003", address, rng.chance(0.1) ? "2020-01-31" : undefined);
      const conditioned = granted.find((r) => r.queues)?.queues;
      const intentQueues = rng.chance(0.3) ? (conditioned && rng.chance(0.8) ? rng.sample(conditioned, 1) : rng.sample(queues, rng.int(1, 2))) : undefined;
      principals[address] = {
        capabilities,
        divisions: wanted,
        ...(intentQueues ? { queues: intentQueues } : {}),
        ...(rng.chance(0.4)
          ? { run: { durationSeconds: rng.pick([600, 1800, 3600, 7200]), requestsPerSecond: rng.pick([1, 2, 4, 5, 8]), tokens: rng.int(1, 2) } }
          : {}),
        ...(rng.chance(0.2) ? { readsRecordingsUpToDays: rng.pick([7, 14, 30, 90]) } : {}),
        declaredBy: `${stack}/service-account-${i}`,
      };
    }
  }
  // A couple of intents for principals the configuration does not declare (GRG017).
  principals["genesyscloud_oauth_client.retired_reader"] = { capabilities: ["recordings:read"], divisions: ["home"] };

  for (let i = 0; i < nTrunks; i++) {
    const id = `trunk_${pad(i)}`;
    const props: Record<string, unknown> = { trunk_recording_enabled: { value: { instance: true } } };
    for (const [key, value] of rng.sample(TRUNK_KEYS, rng.int(2, TRUNK_KEYS.length))) props[key] = { value: { instance: value() } };
    if (rng.chance(0.1)) props.trunk_recording_enabled = { value: { instance: false } };
    if (rng.chance(0.05)) props.trunk_recording_consent_required = { value: { instance: true } };
    resource.genesyscloud_telephony_providers_edges_trunkbasesettings[id] = {
      "//": meta(`${stack}/trunk-${i}/base-settings`, id),
      name: `byoc-trunk-${i}`,
      description: `BYOC carrier trunk ${i}`,
      inbound_site_id: `\${data.genesyscloud_telephony_providers_edges_site.${rng.pick(sites)}.id}`,
      properties: JSON.stringify(props),
      trunk_meta_base_id: "external_sip_pcv_byoc_carrier.json",
      trunk_type: "EXTERNAL",
    };
  }

  for (let i = 0; i < nPolicies; i++) {
    const id = `retention_${pad(i)}`;
    const media: Json = {};
    for (const kind of ["call_policy", "chat_policy", "email_policy", "message_policy"]) {
      if (kind !== "call_policy" && rng.chance(0.3)) continue;
      const days = rng.pick([7, 30, 90, 365, 730]);
      const actions: Json = {
        always_delete: false,
        delete_recording: false,
        retain_recording: true,
        retention_duration: rng.chance(0.3)
          ? { archive_retention: { days: Math.min(days, 30), storage_medium: "CLOUDARCHIVE" }, delete_retention: { days } }
          : { delete_retention: { days } },
      };
      if (kind === "call_policy" && rng.chance(0.4))
        actions.initiate_screen_recording = { delete_retention: { days: Math.min(days, 365) }, record_acw: rng.chance(0.5) };
      const conditions: Json = {};
      if (rng.chance(0.5)) conditions.for_queue_ids = rng.sample(queues, rng.int(1, 5));
      if (kind === "call_policy" && rng.chance(0.3)) conditions.directions = [rng.pick(["INBOUND", "OUTBOUND"])]; // calls only (schema)
      if (rng.chance(0.1)) conditions.wrapup_code_ids = [rng.uuid()];
      media[kind] = Object.keys(conditions).length ? { actions, conditions } : { actions };
    }
    resource.genesyscloud_recording_media_retention_policy[id] = {
      "//": meta(`${stack}/retention-${i}/policy`, id),
      name: `Retention ${i}`,
      description: `Retention for business unit ${i}`,
      enabled: rng.chance(0.95),
      order: i + 1,
      media_policies: media,
    };
  }

  const doc = {
    "//": { metadata: { backend: "local", stackName: stack, version: "0.21.0" } },
    data,
    provider: { genesyscloud: [{ aws_region: "us-east-1" }] },
    resource,
    terraform: {
      backend: { local: { path: "terraform.bench.tfstate" } },
      required_providers: { genesyscloud: { source: "mypurecloud/genesyscloud", version: "1.84.1" } },
    },
  };
  const counts: Record<string, number> = {};
  let total = 0;
  for (const [section, byType] of [
    ["data", data],
    ["resource", resource],
  ] as const) {
    for (const [type, byName] of Object.entries(byType)) {
      const n = Object.keys(byName).length;
      counts[section === "data" ? `data.${type}` : type] = n;
      total += n;
    }
  }
  return { text: JSON.stringify(doc, null, 2), intents: { principals, acknowledgements }, resourceCount: total, counts };
}

interface Policy {
  domain: string;
  entity_name: string;
  action_set: string[];
  conditions?: Json;
}

/** One permission policy per domain and entity, as the construct writes them; some with wildcards. */
function permissionPolicies(capabilities: readonly CapabilityName[], rng: Rng): Policy[] {
  const byEntity = new Map<string, Policy>();
  for (const c of capabilities) {
    for (const text of CAPABILITIES[c].grants) {
      const [domain, entity, action] = text.split(":");
      const key = `${domain}:${entity}`;
      const entry = byEntity.get(key) ?? { domain, entity_name: entity, action_set: [] };
      if (!entry.action_set.includes(action)) entry.action_set.push(action);
      byEntity.set(key, entry);
    }
  }
  const out = [...byEntity.keys()].sort().map((k) => ({ ...byEntity.get(k)!, action_set: [...byEntity.get(k)!.action_set].sort() }));
  if (rng.chance(0.1)) out.push({ domain: "recording", entity_name: "*", action_set: ["view"] });
  if (rng.chance(0.05)) out.push({ domain: "recording", entity_name: "recording", action_set: ["*"] });
  if (rng.chance(0.2)) out.push({ domain: "analytics", entity_name: "conversationDetail", action_set: ["view"] });
  return out;
}
