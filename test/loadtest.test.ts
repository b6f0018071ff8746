// Load-test plans: the JMeter reader, the rate model, endpoint matching, the nginx reader, the
// plan rules (GRG019-GRG026) through the engine, the intents loader and the budget helper.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAudit } from "../cli/run-audit";
import { InputError } from "../model/input-error";
import { loadIntents, parseIntents } from "../readers/intents";
import { loadPlanFromFiles } from "../readers/loadtest/attach";
import { budget } from "../analyses/loadtest/budget";
import { matchEndpoint, requestPath } from "../analyses/loadtest/endpoints";
import { parseJmeterPlan, readJmeterFile } from "../readers/loadtest/jmx";
import { modelPlan } from "../analyses/loadtest/model";
import { limitsFor, parseNginxConfig, readNginxFile } from "../readers/loadtest/nginx";
import type { AttachedLoadPlan } from "../model/load-plan";
import { formatNumber, readQuantity } from "../model/quantity";
import { audit } from "../engine/engine";
import type { Finding } from "../core/finding";
import { readTerraformJson } from "../readers/terraform/tf-json";

const ROOT = path.join(__dirname, "..");
const JMX = path.join(__dirname, "fixtures", "jmeter");
const NGINX = path.join(__dirname, "fixtures", "nginx");
const FIX = path.join(ROOT, "rules", "fixtures");
const FORUM = path.join(JMX, "forum-500-threads.jmx");
const PACED = path.join(JMX, "paced-concurrency.jmx");
const PRINCIPAL = "genesyscloud_oauth_client.loadtest";

/** The reader configuration of the rule fixtures: a client-credentials client with recording:recording:view. */
function readerConfig(overrides: Record<string, unknown> = {}) {
  const json = JSON.parse(fs.readFileSync(path.join(FIX, "GRG019", "pass.tf.json"), "utf8"));
  Object.assign(json.resource.genesyscloud_oauth_client.loadtest, overrides);
  return readTerraformJson(json, "main.tf.json");
}

function auditPlan(plan: Partial<AttachedLoadPlan> & { jmeter?: AttachedLoadPlan["jmeter"] }, clientOverrides: Record<string, unknown> = {}): Finding[] {
  return audit({ config: readerConfig(clientOverrides), loadPlans: [{ principal: PRINCIPAL, tokens: 1, declaredIn: "test", ...plan }] });
}

const ids = (fs: readonly Finding[]) => fs.map((f) => f.ruleId);

function wrap(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">
  <hashTree>
    <TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="Inline" enabled="true"/>
    <hashTree>
${body}
    </hashTree>
  </hashTree>
</jmeterTestPlan>`;
}

function group(threads: string, children: string, extra = ""): string {
  return `<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="G${threads}" enabled="true">
  <elementProp name="ThreadGroup.main_controller" elementType="LoopController"><stringProp name="LoopController.loops">-1</stringProp></elementProp>
  <stringProp name="ThreadGroup.num_threads">${threads}</stringProp>
  <stringProp name="ThreadGroup.ramp_time">0</stringProp>
  <boolProp name="ThreadGroup.scheduler">true</boolProp>
  <stringProp name="ThreadGroup.duration">600</stringProp>${extra}
</ThreadGroup>
<hashTree>${children}</hashTree>`;
}

const get = (name: string, p: string) =>
  `<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="${name}" enabled="true"><stringProp name="HTTPSampler.path">${p}</stringProp><stringProp name="HTTPSampler.method">GET</stringProp></HTTPSamplerProxy><hashTree/>`;
const ctt = (perMinute: number | string, mode: number | string) =>
  `<ConstantThroughputTimer guiclass="TestBeanGUI" testclass="ConstantThroughputTimer" testname="CTT" enabled="true"><stringProp name="calcMode">${mode}</stringProp><stringProp name="throughput">${perMinute}</stringProp></ConstantThroughputTimer><hashTree/>`;

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "grg-loadtest-"));
}

// ---------------------------------------------------------------------------------------------

describe("JMeter reader", () => {
  it("reads the 500-thread plan: thread group, timer, samplers with their scope, headers", () => {
    const plan = readJmeterFile(FORUM);
    expect(plan.name).toBe("Genesys recordings load test");
    expect(plan.variables).toMatchObject({ users: "500", apiHost: "api.mypurecloud.com" });
    expect(plan.disabledElements).toBe(2); // the disabled random timer and debug sampler
    expect(plan.threadGroups).toHaveLength(1);
    const g = plan.threadGroups[0];
    expect(g).toMatchObject({ kind: "thread-group", name: "Recording readers", line: 57 });
    expect(g.threads).toEqual({ known: true, value: 500, text: "${users} = 500" });
    expect(g.rampUpSeconds).toMatchObject({ known: true, value: 60 });
    expect(g.durationSeconds).toMatchObject({ known: true, value: 14400 });
    expect(g.loops).toMatchObject({ known: true, value: -1 });
    expect(g.samplers.map((s) => [s.name, s.method, s.path])).toEqual([
      ["List conversation recordings", "GET", "/api/v2/conversations/${conversationId}/recordings"],
      ["Recordings by conversation (from the thread)", "GET", "/api/v2/recordings/conversations?conversationId=${conversationId}"],
    ]);
    const s = g.samplers[0];
    expect(s.domain).toBe("${apiHost}"); // from HTTP Request Defaults
    expect(s.treePath).toBe("Genesys recordings load test > Recording readers > List conversation recordings");
    expect(s.headers.authorization.value).toBe("Bearer ${__P(access_token)}");
    expect(s.headers.connection.value).toBe("keep-alive");
    expect(s.timers).toHaveLength(1);
    expect(s.timers[0]).toMatchObject({ kind: "constant-throughput", mode: 0, perMinute: { known: true, value: 2940 }, line: 83 });
  });

  it("reads the bzm Concurrency Thread Group (unit M), a setUp group and a timer value from a User Defined Variable", () => {
    const plan = readJmeterFile(PACED);
    expect(plan.threadGroups.map((g) => g.kind)).toEqual(["setup", "concurrency"]);
    const c = plan.threadGroups[1];
    expect(c.threads).toMatchObject({ value: 20 });
    expect(c.rampUpSeconds).toMatchObject({ value: 120 });
    expect(c.holdSeconds).toMatchObject({ value: 600 });
    expect(c.durationSeconds).toMatchObject({ value: 720 });
    expect(c.steps).toMatchObject({ value: 4 });
    expect(c.unit).toBe("M");
    expect(c.timers[0]).toMatchObject({ kind: "constant-throughput", mode: 1, perMinute: { known: true, value: 240, text: "${targetPerMinute} = 240" } });
    const token = plan.threadGroups[0].samplers[0];
    expect(token).toMatchObject({ method: "POST", path: "/oauth/token", domain: "login.${region}", body: "grant_type=client_credentials" });
    expect(token.headers.authorization.value).toBe("Basic ${__P(client_basic)}");
  });

  it("keeps run-time properties unknown where a number is needed, with the default they name", () => {
    const g = readJmeterFile(path.join(JMX, "properties.jmx")).threadGroups[0];
    expect(g.threads).toEqual({
      known: false,
      text: "${__P(threads,500)}",
      why: "JMeter property threads is set when the test starts (-Jthreads=..., default 500)",
    });
    expect(g.durationSeconds).toMatchObject({ known: false });
    expect(g.timers[0]).toMatchObject({ mode: 0, modeText: "this thread only", perMinute: { known: false } });
    expect(readQuantity("${__property(rate,,60)}")).toMatchObject({ known: false, why: expect.stringContaining("default 60") });
    expect(readQuantity("${__Random(1,9)}")).toMatchObject({ known: false });
    expect(readQuantity("${n}", new Map([["n", "${__P(n,3)}"]]))).toMatchObject({ known: false });
  });

  it("reads every calcMode, as a number or as the old display name", () => {
    for (const [written, mode] of [
      ["0", 0],
      ["1", 1],
      ["2", 2],
      ["3", 3],
      ["4", 4],
      ["all active threads in current thread group (shared)", 4],
      ["all active threads", 1],
    ] as const) {
      const plan = parseJmeterPlan(wrap(group("2", ctt(60, written) + get("r", "/api/v2/conversations/${id}/recordings"))), "inline.jmx");
      expect(plan.threadGroups[0].timers[0]).toMatchObject({ mode });
    }
    const odd = parseJmeterPlan(wrap(group("2", ctt(60, "7") + get("r", "/x"))), "inline.jmx");
    expect(odd.threadGroups[0].timers[0]).toMatchObject({ mode: undefined, modeText: "7" });
  });

  it("skips disabled elements with everything below them and decodes character references", () => {
    const body = group(
      "3",
      `<GenericController guiclass="LogicControllerGui" testclass="GenericController" testname="off" enabled="false"/><hashTree>${get("hidden", "/api/v2/x")}</hashTree>` +
        `<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="a &amp; b" enabled="true"><stringProp name="HTTPSampler.path">/api/v2/recording/batchrequests</stringProp><stringProp name="HTTPSampler.method">post</stringProp><boolProp name="HTTPSampler.postBodyRaw">true</boolProp><elementProp name="HTTPsampler.Arguments" elementType="Arguments"><collectionProp name="Arguments.arguments"><elementProp name="" elementType="HTTPArgument"><stringProp name="Argument.value">{&quot;a&quot;:&#xd;&#10;1}</stringProp></elementProp></collectionProp></elementProp></HTTPSamplerProxy><hashTree/>`,
    );
    const plan = parseJmeterPlan(wrap(body), "inline.jmx");
    expect(plan.disabledElements).toBe(2);
    expect(plan.threadGroups[0].samplers).toHaveLength(1);
    expect(plan.threadGroups[0].samplers[0]).toMatchObject({ name: "a & b", method: "POST", body: '{"a":\r\n1}' });
  });

  it("malformed XML is an InputError naming the file and the line", () => {
    const err = thrown(() => readJmeterFile(path.join(JMX, "malformed.jmx")));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(
      "test/fixtures/jmeter/malformed.jmx: line 144, column 24: not well-formed XML: unexpected close tag (</HTTPSamplerProxy> expected: <HTTPSamplerProxy> opened on line 140)",
    );
    expect(err.message).not.toContain("\n");
    expect(thrown(() => parseJmeterPlan("<testPlan/>", "x.jmx")).message).toBe(
      "x.jmx: not a JMeter test plan: the root element is <testPlan>, expected <jmeterTestPlan>",
    );
    expect(thrown(() => parseJmeterPlan("<jmeterTestPlan>\n  <hashTree>\n", "cut.jmx")).message).toMatch(
      /^cut\.jmx: line 3, column \d+: not well-formed XML: .*<hashTree> opened on line 2\)$/,
    );
    expect(thrown(() => parseJmeterPlan("<a>&nbsp;</a>", "e.jmx")).message).toBe("e.jmx: line 1, column 9: not well-formed XML: undefined entity");
    expect(thrown(() => readJmeterFile(path.join(JMX, "missing.jmx"))).message).toMatch(/missing\.jmx: file not found$/);
  });

  it("a malformed plan named by the intents makes the audit CLI exit 2 with one line", async () => {
    const dir = tmp();
    fs.copyFileSync(path.join(JMX, "malformed.jmx"), path.join(dir, "plan.jmx"));
    fs.writeFileSync(
      path.join(dir, "intents.json"),
      JSON.stringify({ principals: { [PRINCIPAL]: { capabilities: ["recordings:read"], run: { jmeter: "plan.jmx" } } } }),
    );
    let stdout = "";
    let stderr = "";
    const code = await runAudit(["--intents", path.join(dir, "intents.json"), path.join(FIX, "GRG019", "pass.tf.json")], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: .*plan\.jmx: line 144, column \d+: not well-formed XML: .*\n$/);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("rate model", () => {
  it("500 threads x 2940 samples/min in 'this thread only' = 24,500 requests/s", () => {
    const m = modelPlan(readJmeterFile(FORUM), 1);
    expect(m.peakApi).toEqual({ perSecond: 24500, unbounded: [], unknown: [] });
    expect(m.groups[0].pacing.text).toContain('2,940 samples/min = 49 samples/s per thread in mode 0 "this thread only"');
    // 60 s linear ramp-up over a 4 h run: on average (14400 - 30) / 14400 of the threads run.
    expect(m.sustainedApi.perSecond).toBeCloseTo((24500 * (14400 - 30)) / 14400, 6);
    expect(m.duration).toMatchObject({ kind: "known", seconds: 14400 });
    expect(m.renewsToken).toBe(false);
    expect(m.endpoints.map((e) => [e.label, e.peak.perSecond])).toEqual([
      ["GET /api/v2/conversations/{conversationId}/recordings", 12250],
      ["GET /api/v2/recordings/conversations", 12250],
    ]);
    expect(modelPlan(readJmeterFile(FORUM), 2).peakApiPerToken.perSecond).toBe(12250);
  });

  it("a Concurrency Thread Group paced at 240/min across all threads sends 4 requests/s for 12 minutes", () => {
    const m = modelPlan(readJmeterFile(PACED), 1);
    expect(m.peakApi.perSecond).toBeCloseTo(4, 9);
    expect(m.sustainedApi.perSecond).toBeCloseTo(4, 9); // a shared target holds during ramp-up
    expect(m.duration).toMatchObject({ kind: "known", seconds: 720 });
    expect(m.tokenFetches).toHaveLength(1);
    expect(m.tokenFetches[0]).toMatchObject({ renews: false });
    expect(m.authorization.missing).toEqual([]);
  });

  it("shares an 'all active threads' target between concurrent groups; a constant timer bounds each thread", () => {
    const m = modelPlan(readJmeterFile(path.join(JMX, "two-groups.jmx")), 1);
    const [listers, readers] = m.groups;
    // 120/min = 2/s shared by all 40 threads: the 30 listers get 30/40 of it.
    expect(listers.peakApi.perSecond).toBeCloseTo(1.5, 9);
    // Metadata readers: the shared timer allows 10/40 of 2/s = 0.5/s; the 2 s think time allows 10 x 0.5 = 5/s: the timer binds.
    expect(readers.peakApi.perSecond).toBeCloseTo(0.5, 9);
    expect(m.peakApi.perSecond).toBeCloseTo(2, 9);
  });

  it("modes 2 and 4 share the target within the group; mode 0 multiplies it by the threads", () => {
    const rate = (mode: number) =>
      modelPlan(
        parseJmeterPlan(
          wrap(
            group("10", ctt(120, mode) + get("r", "/api/v2/conversations/${id}/recordings")) +
              group("30", get("m", "/api/v2/conversations/${id}/recordingmetadata")),
          ),
          "i.jmx",
        ),
      ).groups[0].peakApi.perSecond;
    expect(rate(0)).toBeCloseTo(20, 9);
    expect(rate(1)).toBeCloseTo(0.5, 9); // 10 of 40 threads
    expect(rate(2)).toBeCloseTo(2, 9);
    expect(rate(3)).toBeCloseTo(0.5, 9);
    expect(rate(4)).toBeCloseTo(2, 9);
  });

  it("without a timer the rate is unbounded; a loop forever without scheduler runs until stopped; loop controllers and Once Only count", () => {
    const m = modelPlan(readJmeterFile(path.join(JMX, "unpaced.jmx")), 1);
    expect(m.peakApi.perSecond).toBe(0);
    expect(m.peakApi.unbounded).toHaveLength(2);
    expect(m.duration.kind).toBe("forever");
    const g = readJmeterFile(path.join(JMX, "unpaced.jmx")).threadGroups[0];
    expect(g.samplers.map((s) => [s.name, s.perIteration, s.onceOnly])).toEqual([
      ["Recordings", 1, false],
      ["Metadata", 3, false],
      ["Settings", 1, true],
    ]);
  });

  it("estimates the duration of a paced plan that runs a number of loops", () => {
    const plan = parseJmeterPlan(
      wrap(
        `<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="L" enabled="true"><elementProp name="ThreadGroup.main_controller" elementType="LoopController"><stringProp name="LoopController.loops">100</stringProp></elementProp><stringProp name="ThreadGroup.num_threads">5</stringProp><stringProp name="ThreadGroup.ramp_time">10</stringProp></ThreadGroup><hashTree>${ctt(30, 0)}${get("r", "/api/v2/conversations/${id}/recordings")}</hashTree>`,
      ),
      "loops.jmx",
    );
    // 30/min = 0.5/s per thread: 100 iterations take 200 s after a 10 s ramp-up.
    expect(modelPlan(plan).duration).toMatchObject({ kind: "known", seconds: 210 });
  });
});

describe("endpoint matching", () => {
  it("matches path templates: a variable matches one segment, literal or ${var}", () => {
    expect(matchEndpoint("GET", "/api/v2/conversations/${conversationId}/recordings")).toMatchObject({
      kind: "endpoint",
      label: "GET /api/v2/conversations/{conversationId}/recordings",
    });
    expect(matchEndpoint("get", "https://api.mypurecloud.com/api/v2/conversations/abc-123/recordings/r1?formatId=MP3")).toMatchObject({
      kind: "endpoint",
      label: "GET /api/v2/conversations/{conversationId}/recordings/{recordingId}",
    });
    expect(matchEndpoint("POST", "/api/v2/recording/jobs/")).toMatchObject({ kind: "endpoint", label: "POST /api/v2/recording/jobs" });
    expect(matchEndpoint("PATCH", "/api/v2/recording/jobs/${jobId}")).toEqual({
      kind: "wrong-method",
      path: "/api/v2/recording/jobs/${jobId}",
      methods: ["DELETE", "GET", "PUT"],
    });
    expect(matchEndpoint("GET", "/api/v2/recordings/conversations?x=1")).toEqual({
      kind: "invented",
      path: "/api/v2/recordings/conversations",
      real: "GET /api/v2/conversations/{conversationId}/recordings",
    });
    expect(matchEndpoint("GET", "/api/v2/recording/jobz")).toMatchObject({ kind: "unknown-recording-path" });
    expect(matchEndpoint("GET", "/api/v2/users/me")).toEqual({ kind: "other-api", path: "/api/v2/users/me" });
    expect(matchEndpoint("POST", "/oauth/token")).toMatchObject({ kind: "token" });
    expect(matchEndpoint("GET", "/healthz")).toMatchObject({ kind: "not-api" });
    expect(matchEndpoint("GET", "${base}/recordings")).toMatchObject({ kind: "unresolvable" });
    expect(matchEndpoint("GET", "/api/v2/conversations/x${a}/recordings")).toMatchObject({ kind: "endpoint" });
    expect(requestPath("https://host:8443/api//v2/x/#f")).toBe("/api/v2/x");
  });
});

describe("nginx reader", () => {
  const conf = () => readNginxFile(path.join(NGINX, "proxy.conf"));

  it("reads zones in r/s and r/m, bursts, nodelay and the rejection status", () => {
    const c = conf();
    expect(c.zones.per_token).toMatchObject({ key: "$http_authorization", keyKind: "token", perSecond: 5, rateText: "300r/m", line: 14 });
    expect(c.zones.per_client).toMatchObject({ keyKind: "client", perSecond: 20 });
    expect(c.notes).toEqual(["include mime.types (line 10) is not followed: limits in included files are not read"]);
  });

  it("selects the location nginx would and applies limit_req inheritance", () => {
    const c = conf();
    const at = (p: string, host = "genesys-proxy.internal") => limitsFor(c, host, p);
    // /api/v2/ defines its own limit_req: the server's per_client limit is not inherited.
    expect(at("/api/v2/conversations/x/recordings")).toMatchObject({ limits: [{ zone: "per_token", burst: 10, nodelay: true }], status: 429, statusSet: true });
    // Nested location with its own status.
    expect(at("/api/v2/recording/jobs")).toMatchObject({ limits: [{ zone: "per_token", burst: 0, nodelay: false }], status: 503 });
    // Regex location wins over the /api/v2/ prefix.
    expect(at("/api/v2/conversations/x/recordingmetadata").limits).toMatchObject([{ zone: "per_token", burst: 2 }]);
    // ^~ stops the regex search; it inherits the server's limit and runs dry.
    expect(at("/api/v2/analytics/conversations/details/query")).toMatchObject({ limits: [{ zone: "per_client" }], dryRun: true });
    expect(at("/other").limits).toMatchObject([{ zone: "per_client", burst: 40 }]);
    // Another server by name; the default server for an unknown host.
    expect(at("/", "status.internal").limits).toMatchObject([]);
    expect(at("/x", "unknown.example").limits).toMatchObject([{ zone: "per_client" }]);
    expect(at("/x", "a.genesys-proxy.internal").limits).toMatchObject([{ zone: "per_client" }]);
  });

  it("defaults to 503 and rejects what nginx would refuse, with the line", () => {
    const c = parseNginxConfig("limit_req_zone $binary_remote_addr zone=z:1m rate=5r/s;\nserver { location / { limit_req zone=z; } }", "frag.conf");
    expect(limitsFor(c, undefined, "/api/v2/x")).toMatchObject({ status: 503, statusSet: false });
    expect(thrown(() => readNginxFile(path.join(NGINX, "malformed.conf"))).message).toBe(
      'test/fixtures/nginx/malformed.conf: line 1: unexpected end of file: the block opened here has no closing "}"',
    );
    expect(thrown(() => parseNginxConfig("http {\n limit_req_zone $a zone=z:1m rate=0.5r/s;\n}", "r.conf")).message).toMatch(
      /^r\.conf: line 2: invalid rate "0\.5r\/s"/,
    );
    expect(thrown(() => parseNginxConfig("http {\n server { location / {\n limit_req zone=nope; } } }", "z.conf")).message).toBe(
      'z.conf: line 3: limit_req names zone "nope", which no limit_req_zone declares',
    );
    expect(
      thrown(() => parseNginxConfig("http { limit_req_zone $a zone=z:1m rate=1r/s;\nserver { limit_req zone=z burst=5\nproxy_pass http://x; } }", "p.conf"))
        .message,
    ).toBe('p.conf: line 2: limit_req: invalid parameter "proxy_pass" (a missing ";"?)');
    expect(thrown(() => parseNginxConfig("http { }\n}", "b.conf")).message).toBe('b.conf: line 2: unexpected "}"');
    expect(thrown(() => parseNginxConfig('http { log_format x "abc; }', "q.conf")).message).toBe("q.conf: line 1: unterminated double-quoted string");
  });
});

describe("plan rules", () => {
  it("acceptance: the 500-thread plan at 2940/min 'this thread only' on one token is a 429 error showing 24,500 requests per second against a limit of 5", () => {
    const findings = auditPlan({ jmeter: readJmeterFile(FORUM) });
    const f = findings.find((x) => x.ruleId === "GRG019")!;
    expect(f).toMatchObject({ severity: "error", httpStatus: 429, certainty: "certain", address: PRINCIPAL, file: "main.tf.json" });
    expect(f.message).toContain('2,940 samples/min = 49 samples/s per thread in mode 0 "this thread only"');
    expect(f.message).toContain("x 500 threads = 24,500 requests per second");
    expect(f.message).toContain("against a limit of 5 requests per second per token (300/min, client.credentials.token.rate.per.minute");
    expect(f.message).toContain("4,900x over: 429 too.many.requests with Retry-After");
    expect(f.remediation).toContain('270 samples/min in mode 2 "all active threads in current thread group"');
    expect(f.remediation).toContain("discouraged by Genesys");
    expect(ids(findings)).toContain("GRG024"); // /api/v2/recordings/conversations
  });

  it("acceptance: a Concurrency Thread Group plan paced at 240 per minute across all threads passes", () => {
    expect(auditPlan({ jmeter: readJmeterFile(PACED) })).toEqual([]);
    expect(auditPlan({ jmeter: readJmeterFile(PACED) }, { access_token_validity_seconds: 600 }).map((f) => [f.ruleId, f.httpStatus])).toEqual([
      ["GRG020", 401],
    ]);
  });

  it("spreads the load over the tokens the intents declare", () => {
    const f = auditPlan({ jmeter: readJmeterFile(FORUM), tokens: 4 }).find((x) => x.ruleId === "GRG019")!;
    expect(f.message).toContain("on 4 token(s) = 6,125 requests per second per token");
  });

  it("an unpaced plan is likely 429 and, looping forever, likely 401", () => {
    const findings = auditPlan({ jmeter: readJmeterFile(path.join(JMX, "unpaced.jmx")) });
    expect(findings.filter((f) => f.ruleId === "GRG019" || f.ruleId === "GRG020").map((f) => [f.ruleId, f.severity, f.certainty])).toEqual([
      ["GRG019", "error", "likely"],
      ["GRG020", "error", "likely"],
    ]);
    expect(findings.find((f) => f.ruleId === "GRG019")!.message).toContain("only if every response takes at least 10 s");
  });

  it("run-time properties are unknown, not passed: the intents' numbers are used when given", () => {
    const plan = readJmeterFile(path.join(JMX, "properties.jmx"));
    const unknowns = auditPlan({ jmeter: plan }).filter((f) => f.severity === "unknown");
    expect(unknowns.map((f) => f.ruleId).sort()).toEqual(["GRG019", "GRG020"]);
    expect(unknowns[0].message).toContain("${__P(threads,500)}");
    const withNumbers = auditPlan({ jmeter: plan, requestsPerSecond: 49, durationSeconds: 100000 });
    expect(withNumbers.map((f) => [f.ruleId, f.severity])).toEqual([
      ["GRG019", "error"],
      ["GRG020", "error"],
    ]);
  });

  it("403 names the sampler, the endpoint and the missing permission; unknown when roles cannot be read", () => {
    const fail = loadIntents(path.join(FIX, "GRG021", "fail.intents.json"));
    const findings = audit({ config: readerConfig(), ...fail }).filter((f) => f.ruleId === "GRG021");
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /sampler "Annotations" \(.*fail\.jmx:\d+, thread group "bzm - Concurrency Thread Group"\) calls GET \/api\/v2\/conversations\/\{conversationId\}\/recordings\/\{recordingId\}\/annotations, which needs recording:annotation:view; the roles of genesyscloud_oauth_client\.loadtest lack recording:annotation:view: 403 missing\.permissions\./,
      ),
      expect.stringContaining(
        "lack recording:job:edit, recording:recording:editRetention, recording:screenRecording:editRetention, recording:snippetRecording:editRetention: 403",
      ),
    ]);
    const opaque = audit({ config: readerConfig({ roles: [{ role_id: "0a1b2c3d-role-from-elsewhere" }] }), ...fail }).filter((f) => f.ruleId === "GRG021");
    expect(opaque.every((f) => f.severity === "unknown")).toBe(true);
    const elsewhere = audit({
      config: readerConfig(),
      loadPlans: [{ principal: "genesyscloud_oauth_client.other", jmeter: readJmeterFile(PACED), tokens: 1, declaredIn: "--jmeter" }],
    });
    expect(elsewhere.map((f) => [f.ruleId, f.severity])).toEqual([["GRG021", "unknown"]]);
  });

  it("proxies: above the Genesys limit is a warning (429), below the plan's rate an error (503 from nginx)", () => {
    const paced = readJmeterFile(PACED);
    const above = auditPlan({
      jmeter: paced,
      nginx: parseNginxConfig(
        "http { limit_req_zone $binary_remote_addr zone=g:1m rate=10r/s;\n server { location /api/ { limit_req zone=g; proxy_pass https://api.mypurecloud.com; } } }",
        "n.conf",
      ),
    });
    expect(above.map((f) => [f.ruleId, f.severity, f.httpStatus])).toEqual([["GRG025", "warning", 429]]);
    expect(above[0].message).toContain("lets up to 10 requests/s through, above the Genesys limit of 300 requests/min (5/s) per token x 1 token(s)");
    const burst = auditPlan({
      jmeter: paced,
      nginx: parseNginxConfig("limit_req_zone $remote_addr zone=g:1m rate=5r/s;\nserver { limit_req zone=g burst=10 nodelay; }", "b.conf"),
    });
    expect(burst.map((f) => f.ruleId)).toEqual(["GRG025"]);
    expect(burst[0].message).toContain("one minute can carry 310 requests");
    const below = auditPlan({
      jmeter: paced,
      nginx: parseNginxConfig(
        "limit_req_zone $binary_remote_addr zone=g:1m rate=2r/s;\nlimit_req_status 429;\nserver { location /api/v2/ { limit_req zone=g burst=5 nodelay; proxy_pass https://api.mypurecloud.com; } }",
        "s.conf",
      ),
    });
    expect(below.map((f) => [f.ruleId, f.severity, f.httpStatus, f.certainty])).toEqual([["GRG026", "error", 429, "certain"]]);
    expect(below[0].message).toContain("nginx rejects the rest with 429 (limit_req_status) before it reaches Genesys");
    // Keyed per token: 3 tokens give 3 budgets of 2/s each, enough for 4/s.
    const perToken = auditPlan({
      jmeter: paced,
      tokens: 3,
      nginx: parseNginxConfig(
        "limit_req_zone $http_authorization zone=g:1m rate=2r/s;\nserver { location /api/v2/ { limit_req zone=g; proxy_pass https://x; } }",
        "t.conf",
      ),
    });
    expect(perToken).toEqual([]);
    // Without a plan, the intents' rate is checked against every proxied limit.
    const noPlan = auditPlan({
      requestsPerSecond: 4,
      nginx: parseNginxConfig(
        "limit_req_zone $binary_remote_addr zone=g:1m rate=120r/m;\nserver { location / { limit_req zone=g; proxy_pass https://x; } }",
        "r.conf",
      ),
    });
    expect(noPlan.map((f) => [f.ruleId, f.httpStatus])).toEqual([["GRG026", 503]]);
  });

  it("the CLI shortcut (--jmeter FILE --principal ADDRESS) attaches a plan without intents", () => {
    const attached = loadPlanFromFiles({ principal: PRINCIPAL, jmeter: FORUM, nginx: path.join(NGINX, "proxy.conf"), tokens: 1 });
    expect(attached.declaredIn).toBe("--jmeter test/fixtures/jmeter/forum-500-threads.jmx");
    const findings = audit({ config: readerConfig(), loadPlans: [attached] });
    expect(new Set(ids(findings))).toEqual(new Set(["GRG019", "GRG024", "GRG025", "GRG026"]));
    expect(thrown(() => loadPlanFromFiles({ principal: PRINCIPAL })).message).toMatch(/name a JMeter plan/);
  });
});

describe("intents with run.jmeter", () => {
  it("resolves plans relative to the intents file and hands them to the engine with the intents", () => {
    const { intents, loadPlans } = loadIntents(path.join(FIX, "GRG019", "fail.intents.json"));
    expect(intents.principals[PRINCIPAL].run).toEqual({ jmeter: "fail.jmx", tokens: 1 });
    expect(loadPlans.map((p) => [p.principal, p.jmeter?.file, p.declaredIn])).toEqual([
      [PRINCIPAL, "rules/fixtures/GRG019/fail.jmx", "rules/fixtures/GRG019/fail.intents.json: principals.genesyscloud_oauth_client.loadtest.run"],
    ]);
    // The object is still exactly the file's content.
    expect(JSON.stringify(intents)).not.toContain("threadGroups");
  });

  it("a plan-backed run is checked by the plan rules only (no duplicate GRG009 / GRG007)", () => {
    const loaded = loadIntents(path.join(FIX, "GRG019", "fail.intents.json"));
    const findings = audit({ config: readerConfig({ access_token_validity_seconds: 7200 }), ...loaded });
    expect(ids(findings)).not.toContain("GRG009");
    expect(ids(findings)).not.toContain("GRG007");
    expect(ids(findings)).toEqual(expect.arrayContaining(["GRG019", "GRG020"]));
  });

  it("needs either a plan or both durationSeconds and requestsPerSecond; a missing plan names the field", () => {
    expect(thrown(() => parseIntents({ principals: { [PRINCIPAL]: { capabilities: ["recordings:read"], run: { tokens: 2 } } } }, "i.json")).message).toBe(
      "i.json: principals.genesyscloud_oauth_client.loadtest.run: give durationSeconds and requestsPerSecond, or a JMeter plan (jmeter)",
    );
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, "intents.json"),
      JSON.stringify({ principals: { [PRINCIPAL]: { capabilities: ["recordings:read"], run: { jmeter: "nope.jmx" } } } }),
    );
    expect(thrown(() => loadIntents(path.join(dir, "intents.json"))).message).toMatch(
      /intents\.json: principals\.genesyscloud_oauth_client\.loadtest\.run\.jmeter: "nope\.jmx" not found \(paths are relative to the intents file\)$/,
    );
  });
});

describe("budget", () => {
  it("states the safe timer value and mode for the plan's thread model", () => {
    const text = budget({ principal: PRINCIPAL, plan: readJmeterFile(FORUM) });
    expect(text).toContain("limit: 300 requests/min per OAuth token");
    expect(text).toContain("the plan now: 24,500 requests/s at peak (4,900x the budget)");
    expect(text).toContain(
      'thread group "Recording readers" (500 threads): a Constant Throughput Timer at the thread group level, 270 samples/min in mode 2 "all active threads in current thread group" (at most 300;',
    );
    expect(text).toContain('in mode 0 "this thread only" that is 0.54 samples/min per thread');
  });

  it("says plainly when a target needs a limit increase from Genesys rather than more clients", () => {
    const text = budget({ principal: PRINCIPAL, plan: readJmeterFile(FORUM), targetRps: 10 });
    expect(text).toContain("Target 10 requests/s is above the budget of 5 requests/s on 1 token(s). It needs a limit increase from Genesys, not more clients");
    expect(text).toContain("to at least 600 requests/min per token");
    expect(text).toContain("Genesys discourages creating more OAuth clients or tokens");
    const fits = budget({ principal: PRINCIPAL, plan: readJmeterFile(PACED), targetRps: 3 });
    expect(fits).toContain("180 samples/min in mode 2");
    expect(fits).toContain("Target 3 requests/s fits the budget of 5 requests/s on 1 token(s).");
  });

  it("from the CLI with --intents, spreads the budget over the intent's run.tokens", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-budget-"));
    fs.writeFileSync(
      path.join(dir, "intents.json"),
      JSON.stringify({ principals: { [PRINCIPAL]: { capabilities: ["recordings:read"], run: { durationSeconds: 600, requestsPerSecond: 8, tokens: 2 } } } }),
    );
    let stdout = "";
    const code = await runAudit(["budget", "--principal", PRINCIPAL, "--jmeter", PACED, "--intents", path.join(dir, "intents.json")], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    expect(stdout).toContain("tokens: 2: budget 600 requests/min = 10 requests/s");
  });

  it("formats big numbers with thousands separators", () => {
    expect([24500, 4900, 1234567.891, 4.9, 0.6, 1 / 3].map(formatNumber)).toEqual(["24,500", "4,900", "1,234,567.89", "4.9", "0.6", "0.33"]);
  });
});

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error, nothing was thrown");
}
