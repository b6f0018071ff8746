import { validateAgainstSchema } from "../analyses/schema-validation";
import type { Rule, RuleFinding } from "../core/rule";

export const unknownToProviderSchema: Rule = {
  id: "GRG012",
  name: "unknown-to-provider-schema",
  title: "Resource, attribute or block unknown to the provider schema",
  severity: "error",
  httpStatus: null,
  outcome: "terraform plan fails: the provider has no such resource/attribute",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "Terraform validates every genesyscloud_* block against the provider's schema before planning: an unknown resource or data source type, an unknown attribute or block, a missing required attribute or block, too many blocks, a value of the wrong type or a computed-only attribute set by hand makes `terraform plan` fail (certain). Known inventions are explained: there is no data source genesyscloud_organization_settings and no attribute recording_max_rps; the provider has no data source for org limits or settings, which come from GET /api/v2/organizations/limits/namespaces/{ns}. The vendored schema holds every type of provider v1.84.1 (and genesyscloud_access_policy from v1.86.0) and the schema of every release 1.0.0-1.84.1: a configuration is checked against the releases it names (--provider-version, .terraform.lock.hcl, required_providers); a problem only some allowed releases have is unknown, naming both sides. A genesyscloud_* type no known release has and that is not close to a known one is reported as unknown (a newer provider may have added it), not as an error.",
  remediation: "Fix the name or value as the finding suggests; check the provider documentation (terraform-provider-genesyscloud v1.84.1) for the resource.",
  sources: [
    "provider schema: genesys/provider-schema.json (terraform-provider-genesyscloud v1.84.1)",
    "genesys/README.md: What the starting material got wrong",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const p of validateAgainstSchema(ctx.config, { versions: ctx.providerVersions })) {
      findings.push({
        address: p.address,
        ...(p.severity ? { severity: p.severity } : {}),
        ...(p.path ? { attribute: p.path } : {}),
        message: `${p.address}${p.path ? `: ${p.path}` : ""}: ${p.problem}${p.suggestion ? ` (${p.suggestion})` : ""}`,
        ...(p.suggestion ? { remediation: p.suggestion.charAt(0).toUpperCase() + p.suggestion.slice(1) } : {}),
        ...(p.file !== undefined ? { file: p.file } : {}),
        ...(p.outsideVendoredSchema
          ? {
              severity: "unknown" as const,
              remediation:
                "Nothing to change if a provider release newer than the schema data added the type; otherwise check its name against the provider documentation.",
            }
          : {}),
      });
    }
    return findings;
  },
};
