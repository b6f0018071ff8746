// Rules about who can do what with recordings: principals, roles, divisions, tokens, rates.
import type { Rule } from "../core/rule";
import { clientCredentialsWithoutRoles } from "./grg001-client-credentials-without-roles";
import { capabilityNotGranted } from "./grg002-capability-not-granted";
import { divisionNotCovered } from "./grg003-division-not-covered";
import { conditionsExcludeQueues } from "./grg004-conditions-exclude-queues";
import { missingRecordingsScope } from "./grg005-missing-recordings-scope";
import { scopesOnClientCredentials } from "./grg006-scopes-on-client-credentials";
import { tokenLifetimeShorterThanRun } from "./grg007-token-lifetime-shorter-than-run";
import { inactiveClient } from "./grg008-inactive-client";
import { rateAboveTokenLimit } from "./grg009-rate-above-token-limit";
import { intentPrincipalMissing } from "./grg017-intent-principal-missing";
import { tokenLifetimeAboveApiMaximum } from "./grg027-token-lifetime-above-api-maximum";
import { implicitGrantSunset } from "./grg029-implicit-grant-sunset";
import { accessPolicyNotEnforced } from "./grg030-access-policy-not-enforced";
import { accessPolicyBlocksRoleGrants } from "./grg031-access-policy-blocks-role-grants";
import { accessPolicyDeniesIntendedAccess } from "./grg032-access-policy-denies-intended-access";
import { rateAboveUserLimit } from "./grg033-rate-above-user-limit";
import { callerOutsideIpAllowlist } from "./grg035-caller-outside-ip-allowlist";
import { accessPolicyTargetNotOffered } from "./grg037-access-policy-target-not-offered";

export const ACCESS_RULES: readonly Rule[] = [
  clientCredentialsWithoutRoles,
  capabilityNotGranted,
  divisionNotCovered,
  conditionsExcludeQueues,
  missingRecordingsScope,
  scopesOnClientCredentials,
  tokenLifetimeShorterThanRun,
  inactiveClient,
  rateAboveTokenLimit,
  intentPrincipalMissing,
  tokenLifetimeAboveApiMaximum,
  implicitGrantSunset,
  accessPolicyNotEnforced,
  accessPolicyBlocksRoleGrants,
  accessPolicyDeniesIntendedAccess,
  rateAboveUserLimit,
  callerOutsideIpAllowlist,
  accessPolicyTargetNotOffered,
];
