// A service account for recording access: an auth role holding the real permissions behind the
// requested capabilities, and a CLIENT-CREDENTIALS OAuth client granted that role in each
// division the account must reach. Client-credentials clients get access only through
// `roles { role_id, division_id }` (scopes have no effect on them); an unset division means the
// home division, "*" all divisions (genesys/README.md "Permissions, roles, divisions").
// The construct keeps the account's intent so the policy engine can check the grants against it.
import { Construct } from "constructs";
import { AuthRole } from "../.gen/providers/genesyscloud/auth-role";
import { OauthClient } from "../.gen/providers/genesyscloud/oauth-client";
import { CapabilityName, isCapabilityName, missingCompanion, permissionsFor } from "../genesys/capabilities";
import { DOCUMENTED_LIMITS } from "../genesys/limits";
import { parsePermission } from "../genesys/permissions";
import type { PrincipalIntent } from "../model/intents";
import { ConstructPropsError, terraformName } from "./construct-error";

/** A division the account must reach. */
export type DivisionGrant =
  { readonly kind: "all" } | { readonly kind: "home"; readonly id: string } | { readonly kind: "division"; readonly id: string; readonly address: string };

export interface RunProfile {
  readonly durationSeconds: number;
  /** Requests per second across all tokens. */
  readonly requestsPerSecond: number;
  /** OAuth tokens the run spreads its requests over (default 1). */
  readonly tokens?: number;
}

export interface RecordingServiceAccountProps {
  /** Lower-case name; the client is `genesyscloud_oauth_client.<name>` in Terraform. */
  readonly name: string;
  readonly description?: string;
  readonly capabilities: readonly CapabilityName[];
  readonly divisions: readonly DivisionGrant[];
  readonly queues?: readonly string[];
  /** access_token_validity_seconds: 300..172800, default 86400. */
  readonly tokenLifetimeSeconds?: number;
  readonly run?: RunProfile;
  readonly readsRecordingsUpToDays?: number;
}

export class RecordingServiceAccount extends Construct {
  readonly role: AuthRole;
  readonly client: OauthClient;
  readonly intent: PrincipalIntent;
  readonly props: RecordingServiceAccountProps;

  /** Every service account below a scope, in construct-tree order. */
  static allIn(scope: Construct): RecordingServiceAccount[] {
    return scope.node.findAll().filter((c): c is RecordingServiceAccount => c instanceof RecordingServiceAccount);
  }

  constructor(scope: Construct, id: string, props: RecordingServiceAccountProps) {
    super(scope, id);
    validate(this.node.path, props);
    this.props = props;
    const tfName = terraformName(props.name);

    this.role = new AuthRole(this, "role", {
      name: `Recording Guard ${props.name}`,
      description: `Recording capabilities: ${props.capabilities.join(", ")}. Managed by genesys-recording-guard.`,
      permissionPolicies: permissionPolicies(props.capabilities),
    });
    this.role.overrideLogicalId(`${tfName}_recordings`);

    this.client = new OauthClient(this, "client", {
      name: `Recording Guard ${props.name}`,
      description: props.description ?? `Service account for recording access (${props.capabilities.join(", ")})`,
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: props.tokenLifetimeSeconds ?? DOCUMENTED_LIMITS.tokenValiditySeconds.default,
      state: "active",
      roles: props.divisions.map((d) => ({ roleId: this.role.id, divisionId: d.kind === "all" ? "*" : d.id })),
    });
    this.client.overrideLogicalId(tfName);
    // The construct declares a client-credentials client only; an escape hatch
    // (client.addOverride("authorized_grant_type", "TOKEN")) would declare an implicit-grant client,
    // which Genesys no longer lets anyone create (GRG029, genesys/sunsets.ts): refused at synth.
    this.node.addValidation({ validate: () => refusedGrant(this.node.path, this.client) });

    this.intent = {
      capabilities: [...props.capabilities],
      divisions: props.divisions.map((d) => (d.kind === "all" ? "*" : d.kind === "home" ? "home" : d.address)),
      ...(props.queues?.length ? { queues: [...props.queues] } : {}),
      ...(props.run ? { run: { ...props.run, tokens: props.run.tokens ?? 1 } } : {}),
      ...(props.readsRecordingsUpToDays ? { readsRecordingsUpToDays: props.readsRecordingsUpToDays } : {}),
      declaredBy: this.node.path,
    };
  }

  /** The Terraform address of the OAuth client, the principal the intent belongs to. */
  get address(): string {
    return `genesyscloud_oauth_client.${this.client.friendlyUniqueId}`;
  }
}

/** The synth error for a client whose grant type was overridden to the implicit grant, if it was. */
function refusedGrant(path: string, client: OauthClient): string[] {
  const json = client.toTerraform() as { resource?: Record<string, Record<string, { authorized_grant_type?: unknown }>> };
  const body = json.resource?.[OauthClient.tfResourceType]?.[client.friendlyUniqueId];
  const grant = body?.authorized_grant_type;
  if (typeof grant !== "string" || grant.toUpperCase() !== "TOKEN") return [];
  return [
    `${path}: authorized_grant_type: the implicit grant (TOKEN) can no longer be created and stops working in 2027 (GRG029); a service account uses CLIENT-CREDENTIALS, a browser app the code grant with PKCE`,
  ];
}

/** One permission policy per domain and entity, actions sorted: stable output, minimal grants. */
function permissionPolicies(capabilities: readonly CapabilityName[]) {
  const byEntity = new Map<string, { domain: string; entityName: string; actionSet: string[] }>();
  for (const text of permissionsFor(capabilities)) {
    const p = parsePermission(text)!;
    const key = `${p.domain}:${p.entity}`;
    const entry = byEntity.get(key) ?? { domain: p.domain, entityName: p.entity, actionSet: [] };
    entry.actionSet.push(p.action);
    byEntity.set(key, entry);
  }
  return [...byEntity.keys()].sort().map((k) => {
    const e = byEntity.get(k)!;
    return { ...e, actionSet: [...e.actionSet].sort() };
  });
}

function validate(path: string, props: RecordingServiceAccountProps): void {
  if (!/^[a-z][a-z0-9-]*$/.test(props.name)) throw new ConstructPropsError(path, "name", `expected lower-case letters, digits and dashes, got "${props.name}"`);
  if (!props.capabilities.length) throw new ConstructPropsError(path, "capabilities", "name at least one capability");
  for (const c of props.capabilities) {
    if (!isCapabilityName(c)) throw new ConstructPropsError(path, "capabilities", `unknown capability "${c}"`);
  }
  const missing = missingCompanion(props.capabilities);
  if (missing)
    throw new ConstructPropsError(path, "capabilities", `${missing.capability} also needs ${missing.needs} (its endpoints require a view permission)`);
  if (!props.divisions.length) throw new ConstructPropsError(path, "divisions", 'name at least one division ("home", "*" or a division)');
  const { min, max } = DOCUMENTED_LIMITS.tokenValiditySeconds;
  const life = props.tokenLifetimeSeconds;
  if (life !== undefined && (!Number.isInteger(life) || life < min || life > max)) {
    throw new ConstructPropsError(path, "tokenLifetimeSeconds", `must be a whole number from ${min} to ${max}, got ${life}`);
  }
  const run = props.run;
  if (run) {
    if (!(run.durationSeconds > 0)) throw new ConstructPropsError(path, "run.durationSeconds", "must be positive");
    if (!(run.requestsPerSecond > 0)) throw new ConstructPropsError(path, "run.requestsPerSecond", "must be positive");
    if (run.tokens !== undefined && (!Number.isInteger(run.tokens) || run.tokens < 1))
      throw new ConstructPropsError(path, "run.tokens", "must be a whole number, at least 1");
  }
}
