// One stack per environment: the provider (credentials from the provider's own environment
// variables, never from here), the divisions the service accounts reach, the media retention
// policy, the service accounts, the BYOC trunks, and the rate limit outputs derived from the
// org settings file (the provider has no data source for org limits or settings).
import * as path from "path";
import { Construct } from "constructs";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AuthDivision } from "../.gen/providers/genesyscloud/auth-division";
import { DataGenesyscloudAuthDivision } from "../.gen/providers/genesyscloud/data-genesyscloud-auth-division";
import { DataGenesyscloudAuthDivisionHome } from "../.gen/providers/genesyscloud/data-genesyscloud-auth-division-home";
import { DataGenesyscloudTelephonyProvidersEdgesSite } from "../.gen/providers/genesyscloud/data-genesyscloud-telephony-providers-edges-site";
import { GenesyscloudProvider } from "../.gen/providers/genesyscloud/provider";
import { ByocTrunk } from "../constructs/byoc-trunk";
import { JmeterPlan } from "../constructs/jmeter-plan";
import { terraformName } from "../constructs/construct-error";
import { RecordingRetentionPolicy } from "../constructs/recording-retention-policy";
import { DivisionGrant, RecordingServiceAccount } from "../constructs/recording-service-account";
import { acknowledge, acknowledgementsIn } from "../constructs/acknowledge";
import type { EnvironmentConfig } from "../model/environment-config";
import type { Intents } from "../model/intents";
import { OrgSettings, tokenRateLimit } from "../model/org-settings";

export class EnvironmentStack extends TerraformStack {
  readonly serviceAccounts: RecordingServiceAccount[] = [];

  constructor(
    scope: Construct,
    readonly config: EnvironmentConfig,
    readonly org: OrgSettings,
  ) {
    super(scope, config.name);

    // Relative path: the default local backend path is absolute and would leak the build machine.
    new LocalBackend(this, { path: config.stateFile ?? `terraform.${config.name}.tfstate` });
    new GenesyscloudProvider(this, "genesyscloud", { awsRegion: config.region });

    const home = new DataGenesyscloudAuthDivisionHome(this, "home");
    home.overrideLogicalId("home");
    const divisions = this.declareDivisions();

    new RecordingRetentionPolicy(this, "recording_retention", config.retention);

    for (const account of config.serviceAccounts) {
      const grants: DivisionGrant[] = account.divisions.map((key) => {
        if (key === "*") return { kind: "all" };
        if (key === "home") return { kind: "home", id: home.id };
        return divisions[key];
      });
      const construct = new RecordingServiceAccount(this, `service-account-${account.name}`, {
        name: account.name,
        description: account.description,
        capabilities: account.capabilities,
        divisions: grants,
        queues: account.queues,
        tokenLifetimeSeconds: account.tokenLifetimeSeconds,
        run: account.run,
        readsRecordingsUpToDays: account.readsRecordingsUpToDays,
      });
      this.serviceAccounts.push(construct);
      // What TypeScript users write as `new JmeterPlan(...)` and `acknowledge(...)`, from the file.
      const loadTest = account.loadTest;
      if (loadTest) {
        new JmeterPlan(this, `load-test-${account.name}`, {
          account: construct,
          file: path.resolve(config.dir, loadTest.jmeter),
          nginx: loadTest.nginx === undefined ? undefined : path.resolve(config.dir, loadTest.nginx),
          tokens: loadTest.tokens,
        });
      }
      for (const ack of account.acknowledgements ?? []) acknowledge(construct, ack);
    }

    for (const trunk of config.trunks) {
      let inboundSiteId: string;
      if ("id" in trunk.inboundSite) inboundSiteId = trunk.inboundSite.id;
      else {
        const site = new DataGenesyscloudTelephonyProvidersEdgesSite(this, `site-${trunk.name}`, { name: trunk.inboundSite.name });
        site.overrideLogicalId(terraformName(trunk.name));
        inboundSiteId = site.id;
      }
      new ByocTrunk(this, `trunk-${trunk.name}`, {
        name: trunk.name,
        description: trunk.description,
        inboundSiteId,
        recording: trunk.recording,
        edgeGroupId: trunk.edgeGroupId,
      });
    }

    this.declareOutputs();
  }

  /** The intents of every service account and the acknowledgements, in the format the audit CLI reads. */
  intents(): Intents {
    const principals: Intents["principals"] = {};
    for (const account of this.serviceAccounts) principals[account.address] = account.intent;
    for (const plan of JmeterPlan.allIn(this)) principals[plan.account.address] = plan.intentWithPlan(principals[plan.account.address] ?? plan.account.intent);
    const acknowledgements = acknowledgementsIn(this);
    return acknowledgements.length ? { principals, acknowledgements } : { principals };
  }

  /** Writes the acknowledgements into the stack metadata and an output before synthesis. */
  prepareStack(): void {
    const acknowledgements = acknowledgementsIn(this);
    if (acknowledgements.length && !this.node.tryFindChild("policy_acknowledgements")) {
      this.addOverride("//.acknowledgements", acknowledgements);
      new TerraformOutput(this, "policy_acknowledgements", {
        value: acknowledgements,
        description: "Findings of genesys-recording-guard accepted for this stack: rule, target, reason, owner, expiry.",
      });
    }
    super.prepareStack();
  }

  private declareDivisions(): Record<string, DivisionGrant> {
    const out: Record<string, DivisionGrant> = {};
    for (const key of Object.keys(this.config.divisions).sort()) {
      const d = this.config.divisions[key];
      const id = terraformName(key);
      if (d.manage) {
        const division = new AuthDivision(this, `division-${key}`, { name: d.name, description: d.description });
        division.overrideLogicalId(id);
        out[key] = { kind: "division", id: division.id, address: `genesyscloud_auth_division.${id}` };
      } else {
        const division = new DataGenesyscloudAuthDivision(this, `division-${key}`, { name: d.name });
        division.overrideLogicalId(id);
        out[key] = { kind: "division", id: division.id, address: `data.genesyscloud_auth_division.${id}` };
      }
    }
    return out;
  }

  private declareOutputs(): void {
    const limit = tokenRateLimit(this.org, "CLIENT-CREDENTIALS", `${this.config.orgSettings}, relative to environment file ${path.basename(this.config.file)}`);
    const perSecond = round(limit.perMinute / 60);
    new TerraformOutput(this, "recording_rate_limit", {
      value: perSecond,
      description: `Requests per second per OAuth token: ${limit.perMinute}/min (${limit.key}) / 60. Source: ${limit.source}.`,
    });
    for (const account of this.serviceAccounts) {
      const tokens = account.props.run?.tokens ?? 1;
      // rate_limit_<name>, not <name>_rate_limit: an account named "recording" must not collide.
      new TerraformOutput(this, `rate_limit_${terraformName(account.props.name)}`, {
        value: round(perSecond * tokens),
        description: `Safe requests per second for service account ${account.props.name}: ${perSecond}/s per token x ${tokens} token(s).`,
      });
    }
    const p = this.org.provenance;
    new TerraformOutput(this, "org_settings_provenance", {
      value: `${p.kind} captured ${p.capturedAt}${p.orgId ? ` from org ${p.orgId}` : ""}${p.region ? ` (${p.region})` : ""}`,
      description: "Where the org settings behind the rate limit outputs come from.",
    });
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
