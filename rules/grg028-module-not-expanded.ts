// A module call in HCL or Terraform JSON that the reader could not expand (readers/terraform/modules.ts
// expands local modules): a registry or git source, count or for_each on the call, a missing
// directory. Saying so keeps a clean report from meaning "the module's roles and clients were
// checked" when they were not.
import { isLocalModuleSource } from "../model/terraform";
import type { Rule, RuleFinding } from "../core/rule";
import { capValue } from "../model/safe-text";

export const moduleNotExpanded: Rule = {
  id: "GRG028",
  name: "module-not-expanded",
  title: "Module call not expanded: the module's resources are not audited",
  severity: "unknown",
  httpStatus: null,
  outcome: "the module's roles, clients, trunks and policies are not checked",
  certainty: "certain",
  usesIntents: false,
  explanation:
    "HCL and Terraform JSON show a module call (`module \"x\" { source = ... }`), not the resources it creates: those are declared in the module's own files, with the call's arguments bound to the module's variables and addresses of the form module.x.<type>.<name>. The audit expands local modules (`./x`, `../x`) as Terraform does: their resources are audited as module.x.<type>.<name>, with the call's arguments bound to the module's variables. It cannot expand a registry or git module (its files are not in the checkout), a call with count or for_each (instance addresses are not known statically) or a missing directory: nothing inside such a module is checked (certain), and a principal inside it cannot be matched to an intent. Plan JSON (`terraform show -json`) lists every module resource with its address and planned values, and the audit reads it.",
  remediation:
    "Audit the plan JSON (terraform plan -out plan.tfplan && terraform show -json plan.tfplan > plan.json), where module resources are expanded; or audit the module's directory on its own, which checks its resources with their module-local addresses.",
  sources: [
    "Terraform: module blocks and resource addresses, module.<name>.<address> (developer.hashicorp.com/terraform/language/modules, /cli/state/resource-addressing)",
    "Terraform: terraform show -json lists module resources under planned_values.root_module.child_modules (developer.hashicorp.com/terraform/internals/json-format)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const call of ctx.config.moduleCalls) {
      if (call.expanded) continue; // its resources are in the configuration (readers/terraform/modules.ts)
      const source = typeof call.source === "string" ? redactSource(call.source) : "an unset or computed source";
      const local = isLocalModuleSource(call.source);
      const why = !local ? "a remote module" : call.repeated ? "count or for_each on the call" : "its directory cannot be read";
      findings.push({
        address: `module.${call.name}`,
        file: call.location.file,
        message: `module.${call.name} (source ${capValue(source)}) is not expanded (${why}): the resources it declares are not audited. Audit the plan JSON, which lists them as module.${capValue(call.name)}.<address>.`,
      });
    }
    return findings;
  },
};

/**
 * A module source as it may be shown in reports: credentials in the URL (`https://user:token@host`)
 * and the values of query parameters that carry secrets (`?token=`, `sig=`, `aws_access_key_secret=`)
 * are replaced by "***". Reports are shared; a source may embed a deploy token.
 */
export function redactSource(source: string): string {
  return source
    .replace(/(:\/\/)[^/@\s]+@/g, "$1***@")
    .replace(/([?&][^=&#\s]*(?:token|secret|password|passwd|key|sig|signature|credential|auth)[^=&#\s]*=)[^&#\s]*/gi, "$1***");
}
