// How long an OAuth client's tokens live: access_token_validity_seconds as written, a variable
// with a default or a local resolved, unset meaning the documented default (86400 s). One
// definition for GRG007 (run vs token), GRG020 (plan vs token), GRG027 (above 48 h) and the
// access matrix, so they never disagree about `access_token_validity_seconds = var.ttl`.
import { DOCUMENTED_LIMITS } from "../genesys/limits";
import type { TfResource } from "../model/terraform";
import { showValue } from "../model/safe-text";
import type { ReferenceResolver } from "./references";

/** `via`: where a variable's value came from when not its default (`var.ttl from prod.tfvars`). */
export type TokenLifetime = { kind: "seconds"; seconds: number; isDefault: boolean; via?: string } | { kind: "unknown"; text: string };

export function tokenLifetime(client: TfResource, resolver: ReferenceResolver): TokenLifetime {
  const raw = client.values.access_token_validity_seconds;
  if (raw === undefined || raw === null) return { kind: "seconds", seconds: DOCUMENTED_LIMITS.tokenValiditySeconds.default, isDefault: true };
  const resolved = resolver.resolveNumber(raw);
  if (resolved.kind !== "number") return { kind: "unknown", text: showValue(raw) };
  const via = resolver.variableSource(raw);
  return via ? { kind: "seconds", seconds: resolved.value, isDefault: false, via } : { kind: "seconds", seconds: resolved.value, isDefault: false };
}
