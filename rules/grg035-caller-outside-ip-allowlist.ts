import { intendedPrincipals, type Rule, type RuleFinding } from "../core/rule";
import { parseIpRange, rangeWithin, type IpRange } from "../model/ip-range";
import { nameSome } from "../model/safe-text";

const SETTINGS = "genesyscloud_organization_authentication_settings";

export const callerOutsideIpAllowlist: Rule = {
  id: "GRG035",
  name: "caller-outside-ip-allowlist",
  title: "Calls come from outside the org's IP allowlist",
  severity: "error",
  httpStatus: 401,
  outcome: "refused at login: no token, so every call fails",
  certainty: "certain",
  usesIntents: true,
  explanation: `The org-wide IP allowlist (${SETTINGS}.ip_address_allowlist) also applies to API clients: a caller outside it is refused at login. An intent may say where a principal's calls come from (callersFrom: addresses or CIDR ranges of the load generator or CI runner); a range not inside the allowlist the configuration declares is refused (certain, both being known). When the configuration does not manage the allowlist, the org's own (ipAddressAllowlist in an org snapshot, from GET /api/v2/organizations/authentication/settings) is the one judged. Separately, Genesys announced on 2026-04-06 that new client-credentials clients will require a per-client allowed-IP list, which no provider version can set (provider issue #2550): for a client-credentials principal with callersFrom the rule says once that the list must be set outside Terraform and must hold those ranges (info, likely: the API field and the denial status are unconfirmed).`,
  remediation: `Add the callers' ranges to ${SETTINGS}.ip_address_allowlist, or run the calls from inside it; set each new client-credentials client's allowed IP ranges in Genesys Cloud (Admin > OAuth, or the API) until the provider can.`,
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Client-credentials IP allowlist (announcement 2026-04-06; provider issue #2550; the org-wide ip_address_allowlist applies to API clients)",
    "provider schema (genesys/provider-schema.json): genesyscloud_organization_authentication_settings.ip_address_allowlist",
    "org settings file: ipAddressAllowlist (GET /api/v2/organizations/authentication/settings)",
  ],
  check(ctx) {
    const findings: RuleFinding[] = [];
    const callers = intendedPrincipals(ctx).filter(({ intent }) => intent.callersFrom?.length);
    if (!callers.length) return findings;
    for (const settings of ctx.resourcesOfType(SETTINGS)) {
      const raw = settings.values.ip_address_allowlist;
      if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) continue; // no allowlist: no restriction
      const list = Array.isArray(raw) ? raw.map((x) => ctx.resolver.resolve(x)) : [];
      const ranges = list.map((r) => (r.kind === "literal" ? parseIpRange(r.value) : undefined));
      if (!Array.isArray(raw) || ranges.some((r) => r === undefined)) {
        findings.push({
          address: settings.address,
          attribute: "ip_address_allowlist",
          severity: "unknown",
          message: `${settings.address}: cannot tell whether ${nameSome(callers.map((c) => c.principal.address))} may log in: ip_address_allowlist is not a literal list of addresses and ranges.`,
        });
        continue;
      }
      for (const { principal, intent } of callers) {
        const outside = intent.callersFrom!.map((c) => parseIpRange(c)!).filter((c) => !ranges.some((r) => rangeWithin(c, r as IpRange)));
        if (!outside.length) continue;
        findings.push({
          address: principal.address,
          message: `${principal.address}: its calls come from ${outside.map((r) => r.text).join(", ")}, outside ${settings.address}.ip_address_allowlist (${(ranges as IpRange[]).map((r) => r.text).join(", ")}): refused at login, so no call succeeds.`,
        });
      }
    }
    // The configuration does not manage the allowlist: the org's own, from an org snapshot, decides.
    const snapshot = ctx.org?.ipAddressAllowlist;
    if (!ctx.resourcesOfType(SETTINGS).length && snapshot && snapshot.ranges.length) {
      const ranges = snapshot.ranges.map((r) => parseIpRange(r)).filter((r): r is IpRange => r !== undefined);
      if (ranges.length === snapshot.ranges.length) {
        for (const { principal, intent } of callers) {
          const outside = intent.callersFrom!.map((c) => parseIpRange(c)!).filter((c) => !ranges.some((r) => rangeWithin(c, r)));
          if (!outside.length) continue;
          findings.push({
            address: principal.address,
            message: `${principal.address}: its calls come from ${outside.map((r) => r.text).join(", ")}, outside the org's IP allowlist (${ctx.org!.file}: ${snapshot.source}: ${ranges.map((r) => r.text).join(", ")}): refused at login, so no call succeeds.`,
          });
        }
      }
    }
    const clients = callers.filter(({ principal }) => principal.clientCredentials);
    if (clients.length)
      findings.push({
        address: clients[0].principal.address,
        severity: "info",
        certainty: "likely",
        httpStatus: null,
        message: `New client-credentials clients require an allowed-IP list (announced 2026-04-06) that no provider version can set: give ${nameSome(clients.map((c) => c.principal.address))} the ranges their calls come from (${[...new Set(clients.flatMap((c) => c.intent.callersFrom!))].join(", ")}) in Genesys Cloud, outside Terraform; a call from outside is denied.`,
      });
    return findings;
  },
};
