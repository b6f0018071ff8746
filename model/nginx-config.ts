// An nginx configuration's request-rate limits as the proxy rules see them
// (readers/loadtest/nginx.ts reads a configuration into it).

export interface NginxDirective {
  name: string;
  args: string[];
  line: number;
  block?: NginxDirective[];
}

/** Who shares one rate budget: the load generator's address, one OAuth token, everyone, or a key the audit cannot interpret. */
export type KeyKind = "client" | "token" | "global" | "other";

export interface LimitZone {
  name: string;
  key: string;
  keyKind: KeyKind;
  /** Requests per second (r/m divided by 60). */
  perSecond: number;
  /** As written: "5r/s", "300r/m". */
  rateText: string;
  line: number;
}

export interface LimitReq {
  zone: string;
  burst: number;
  nodelay: boolean;
  /** delay=N: the first N excess requests are not delayed. */
  delay?: number;
  line: number;
}

/** The limits in force at one level (http, server or location), after inheritance. */
export interface LimitContext {
  /** "server api-proxy (line 14) > location /api/ (line 20)" */
  label: string;
  line: number;
  limits: LimitReq[];
  /** The status nginx answers rejected requests with (limit_req_status, default 503). */
  status: number;
  /** Whether limit_req_status was set explicitly (else the default 503). */
  statusSet: boolean;
  dryRun: boolean;
  proxyPass?: string;
}

export interface NginxLocation {
  modifier: "" | "=" | "~" | "~*" | "^~";
  pattern: string;
  context: LimitContext;
  locations: NginxLocation[];
  regex?: RegExp;
}

export interface NginxServer {
  names: string[];
  defaultServer: boolean;
  context: LimitContext;
  locations: NginxLocation[];
}

export interface NginxConfig {
  file: string;
  zones: Record<string, LimitZone>;
  servers: NginxServer[];
  /** The http level (used when the file has no server block). */
  http: LimitContext;
  notes: string[];
}

export const NGINX_DEFAULT_REJECT_STATUS = 503;
