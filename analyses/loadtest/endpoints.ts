// Which Genesys Cloud endpoint a load-test request calls: the sampler's method and path matched
// against the vendored recording endpoint table (genesys/recording-endpoints.json), whose path
// templates hold variables ({conversationId}) that match one path segment, literal or ${var}.
import { RECORDING_ENDPOINTS, type RecordingEndpoint } from "../../genesys/permissions";

export type EndpointMatch =
  /** A documented recording endpoint. */
  | { kind: "endpoint"; endpoint: RecordingEndpoint; label: string }
  /** The path is documented, but not for this method. */
  | { kind: "wrong-method"; path: string; methods: string[] }
  /** A path the starting material invented (never a real endpoint), with the real one. */
  | { kind: "invented"; path: string; real: string }
  /** Looks like a recording endpoint (recording namespaces) but is not in the table. */
  | { kind: "unknown-recording-path"; path: string; nearest?: string }
  /** Another Genesys API path (/api/v2/...): counts toward the token's rate, permissions not checked here. */
  | { kind: "other-api"; path: string }
  /** The OAuth token request (POST /oauth/token on the login host): a new token, not an API call. */
  | { kind: "token"; path: string }
  /** Not a Genesys API path (a health check, a static page...). */
  | { kind: "not-api"; path: string }
  /** The path is computed at run time (${...} spans segments): cannot tell. */
  | { kind: "unresolvable"; path: string };

/** Paths the forum threads invented; genesys/README.md "What the starting material got wrong". */
const INVENTED: Record<string, string> = {
  "/api/v2/recordings/conversations": "GET /api/v2/conversations/{conversationId}/recordings",
};

/** Prefixes under which the table claims to list the recording endpoints. */
const RECORDING_NAMESPACES = [
  /^\/api\/v2\/recording(\/|$)/,
  /^\/api\/v2\/recordings(\/|$)/,
  /^\/api\/v2\/orphanrecordings(\/|$)/,
  /^\/api\/v2\/uploads\/recordings(\/|$)/,
  /^\/api\/v2\/conversations\/[^/]+\/recording/,
];

interface Template {
  endpoint: RecordingEndpoint;
  segments: string[];
}

const TEMPLATES: Template[] = RECORDING_ENDPOINTS.map((endpoint) => ({ endpoint, segments: split(endpoint.path) }));

/** The path part of what a sampler sends: scheme, host, query and fragment removed. */
export function requestPath(raw: string): string {
  let p = raw.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(p);
  if (url) p = url[1] ?? "/";
  const cut = p.search(/[?#]/);
  if (cut >= 0) p = p.slice(0, cut);
  if (!p.startsWith("/") && !p.startsWith("${")) p = `/${p}`;
  p = p.replace(/\/{2,}/g, "/");
  return p.length > 1 ? p.replace(/\/$/, "") : p;
}

export function matchEndpoint(method: string, rawPath: string): EndpointMatch {
  const path = requestPath(rawPath);
  const m = method.toUpperCase();
  if (/^\/oauth\/token$/.test(path)) return { kind: "token", path };
  if (!path.startsWith("/api/")) {
    return path.startsWith("${") ? { kind: "unresolvable", path } : { kind: "not-api", path };
  }
  const segments = split(path);
  const onPath = TEMPLATES.filter((t) => segmentsMatch(t.segments, segments));
  const exact = onPath.find((t) => t.endpoint.method === m);
  if (exact) return { kind: "endpoint", endpoint: exact.endpoint, label: `${exact.endpoint.method} ${exact.endpoint.path}` };
  if (onPath.length) return { kind: "wrong-method", path, methods: [...new Set(onPath.map((t) => t.endpoint.method))].sort() };
  const invented = INVENTED[path.toLowerCase()];
  if (invented) return { kind: "invented", path, real: invented };
  if (segments.some((s) => s.includes("${") && !isWholeVariable(s))) return { kind: "unresolvable", path };
  if (RECORDING_NAMESPACES.some((re) => re.test(path))) return { kind: "unknown-recording-path", path, ...nearest(segments) };
  return { kind: "other-api", path };
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function isWholeVariable(segment: string): boolean {
  return /^\$\{[^}]+\}$/.test(segment);
}

function isTemplateVariable(segment: string): boolean {
  return /^\{[^}]+\}$/.test(segment);
}

/** A template variable matches any one segment; a literal matches itself only (not a ${var}). */
function segmentsMatch(template: readonly string[], actual: readonly string[]): boolean {
  if (template.length !== actual.length) return false;
  for (let i = 0; i < template.length; i++) {
    if (isTemplateVariable(template[i])) continue;
    if (template[i] !== actual[i]) return false;
  }
  return true;
}

/** The documented path sharing the longest prefix with an unknown one, as a hint. */
function nearest(segments: readonly string[]): { nearest?: string } {
  let best: Template | undefined;
  let bestScore = 2; // at least /api/v2 plus one segment in common
  for (const t of TEMPLATES) {
    let score = 0;
    while (score < t.segments.length && score < segments.length && (isTemplateVariable(t.segments[score]) || t.segments[score] === segments[score])) score++;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best ? { nearest: `${best.endpoint.method} ${best.endpoint.path}` } : {};
}

/** Does a request count toward the per-token API rate limit? (Every /api/v2 call made with the token.) */
export function countsTowardTokenLimit(match: EndpointMatch): boolean {
  if (match.kind === "unresolvable") return match.path.startsWith("/api/");
  return (
    match.kind === "endpoint" ||
    match.kind === "wrong-method" ||
    match.kind === "invented" ||
    match.kind === "unknown-recording-path" ||
    match.kind === "other-api"
  );
}
