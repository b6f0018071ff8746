import { declaresNoInstances, withoutInstanceKeys } from "../model/instances";
import { type Rule, type RuleFinding, intendedPrincipals } from "../core/rule";
import { capValue } from "../model/safe-text";

export const intentPrincipalMissing: Rule = {
  id: "GRG017",
  name: "intent-principal-missing",
  title: "Intent names a principal the configuration does not declare",
  severity: "error",
  httpStatus: null,
  outcome: "the intent cannot be checked",
  certainty: "certain",
  usesIntents: true,
  aboutIntents: true,
  explanation:
    "The intents file says what a principal must be able to do, but no resource with that address is in the audited configuration, so none of its checks can run. Usually a typo in the address or a file missing from the audit.",
  remediation: "Fix the address in the intents file, or pass the file that declares the principal to the audit.",
  sources: ["intents file format (README: Intents)"],
  check(ctx) {
    const findings: RuleFinding[] = [];
    // The principals that have an intent are exactly those whose address the intents name: a set
    // of those (shared with the other intent rules) rather than of every principal.
    // An intent on a block counts as present when plan JSON lists its instances (c[0], c["a"]).
    const present = new Set<string>();
    for (const { principal } of intendedPrincipals(ctx)) present.add(principal.address).add(withoutInstanceKeys(principal.address));
    const declared = new Set(ctx.principals.map((p) => p.address));
    for (const address of Object.keys(ctx.intents.principals).sort()) {
      if (present.has(address)) continue;
      const block = withoutInstanceKeys(address);
      const empty = ctx.resolver.resource(block);
      if (empty && declaresNoInstances(empty)) {
        findings.push({
          address,
          message: `The intents name ${address}, but the configuration declares ${capValue(block)} with no instances (count = 0 or an empty for_each): nothing can meet the intent.`,
        });
        continue;
      }
      const hint =
        block !== address && declared.has(block)
          ? ` It declares the block ${capValue(block)}, which a configuration (HCL, Terraform JSON) shows once for all its instances: name the intent ${capValue(block)} (plan JSON lists each instance).`
          : "";
      // Inside a module call the audit does not expand (GRG028): not a typo, and not checkable here.
      const call = ctx.config.moduleCalls.find((m) => address.startsWith(`module.${m.name}.`) || address.startsWith(`module.${m.name}[`));
      if (call) {
        findings.push({
          address,
          severity: "unknown",
          message: `The intents name ${address}, inside module.${capValue(call.name)}, which HCL and Terraform JSON do not expand (GRG028): the intent cannot be checked here. Audit the plan JSON, which lists the module's resources.`,
          remediation: "Audit the plan JSON (terraform show -json), where module resources are expanded.",
        });
        continue;
      }
      findings.push({ address, message: `The intents name ${address}, which the audited configuration does not declare.${hint}` });
    }
    return findings;
  },
};
