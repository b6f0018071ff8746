// `npm run audit -- budget`: the safe Constant Throughput Timer setting for a plan, against the
// org's per-token limit. A thin adapter over analyses/loadtest/budget.ts.
import { InputError } from "../model/input-error";
import { loadIntents } from "../readers/intents";
import { loadOrgSettings } from "../readers/org-settings";
import { loadPlanFromFiles } from "../readers/loadtest/attach";
import { budget } from "../analyses/loadtest/budget";
import { terminalLine } from "../model/safe-text";
import { readPrincipals } from "../analyses/principals";
import { ReferenceResolver } from "../analyses/references";
import { loadInputs } from "../readers/terraform/load-inputs";
import { BUDGET_HELP, infoText, MAX_TOKENS, parseCliArgs, positiveInteger, UsageError } from "./options";
import type { CliIo } from "./io";

const BUDGET_OPTIONS = {
  principal: { type: "string" },
  jmeter: { type: "string" },
  intents: { type: "string" },
  org: { type: "string" },
  tokens: { type: "string" },
  "target-rps": { type: "string" },
} as const;

export async function runBudget(argv: readonly string[], io: CliIo): Promise<number> {
  const info = infoText(argv, BUDGET_OPTIONS, BUDGET_HELP);
  if (info !== undefined) {
    io.stdout(info);
    return 0;
  }
  try {
    const parsed = parseCliArgs(argv, BUDGET_OPTIONS, "budget: ");
    const v = parsed.values;
    if (!v.principal) throw new UsageError("budget: --principal ADDRESS is required");
    const loaded = v.intents ? loadIntents(v.intents) : undefined;
    const intents = loaded?.intents;
    // The tokens the run spreads over: --tokens, else the intent's run.tokens (as the audit uses them).
    const tokens = v.tokens === undefined ? intents?.principals[v.principal]?.run?.tokens : positiveInteger("--tokens", v.tokens, MAX_TOKENS);
    let targetRps: number | undefined;
    if (v["target-rps"] !== undefined) {
      targetRps = Number(v["target-rps"]);
      // Decimal only: Number() also takes "1e999" (Infinity) and "0x10".
      if (!/^\d+(\.\d+)?$/.test(v["target-rps"]) || !(targetRps > 0) || !Number.isFinite(targetRps))
        throw new UsageError(`--target-rps: expected a positive number, got "${v["target-rps"]}"`);
    }
    const plan = v.jmeter
      ? loadPlanFromFiles({ principal: v.principal, jmeter: v.jmeter, tokens }).jmeter
      : intents
        ? loaded?.loadPlans.find((p) => p.principal === v.principal)?.jmeter
        : undefined;
    if (!plan) throw new UsageError(`budget: no JMeter plan for ${v.principal}: give --jmeter FILE, or --intents FILE whose run.jmeter names one`);
    const org = v.org ? loadOrgSettings(v.org) : undefined;
    // With the configuration, the principal's grant type picks the limit key that applies to it.
    let principal: Parameters<typeof budget>[0]["principal"] = v.principal;
    if (parsed.positionals.length) {
      const { config } = await loadInputs(parsed.positionals);
      const found = readPrincipals(config, new ReferenceResolver(config), org).find((p) => p.address === v.principal);
      if (!found) throw new InputError(parsed.positionals.join(", "), undefined, `declares no principal ${v.principal}`);
      principal = found;
    }
    io.stdout(`${budget({ principal, plan, org, tokens, targetRps })}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      io.stderr(`error: ${terminalLine(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}
