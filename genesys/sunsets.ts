// Dated facts: what Genesys retires and when, in one place, with the sources and how sure they are.
// Rules compare them with the audit's date (`--today`, default today in UTC).

/**
 * The implicit grant (`authorized_grant_type = "TOKEN"`). No official page was found: a Genesys
 * community answer says no new implicit-grant clients from March 2026 and the flow stops working
 * by March 2027; a third-party page says May 2027. Rules built on it say "likely".
 */
export const IMPLICIT_GRANT_SUNSET = {
  grantType: "TOKEN",
  /** New implicit-grant clients can no longer be created. */
  noNewClientsFrom: "2026-03-01",
  /** The earliest date given for the flow to stop working. */
  stopsFrom: "2027-03-01",
  /** The latest date given: from the day after, every source agrees it has stopped. */
  stopsBy: "2027-05-31",
  replacement: 'the authorization code grant with PKCE (authorized_grant_type = "CODE")',
  sources: [
    "genesys/README.md: Newer causes (2025-2026), Implicit grant sunset (a Genesys community answer: no new implicit-grant clients from March 2026, the flow stops by March 2027; a third-party page says May 2027; no official page found)",
  ],
} as const;
