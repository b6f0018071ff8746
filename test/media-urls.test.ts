// GRG036 and the budget's media-URL lines: a plan's media URLs (playback, batch download) paired
// with the samplers that fetch them, the delay between the two bounded from timers and loops, and
// judged against the org's URL lifetimes (README "Media URL lifetimes").
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { audit } from "../engine/engine";
import { budget } from "../analyses/loadtest/budget";
import { mediaUrlFetches } from "../analyses/loadtest/media-urls";
import { modelPlan } from "../analyses/loadtest/model";
import { parseJmeterPlan } from "../readers/loadtest/jmx";
import { loadOrgSettings } from "../readers/org-settings";
import { readTerraformJson } from "../readers/terraform/tf-json";
import type { OrgSettings } from "../model/org-settings";

const FIX = path.join(__dirname, "..", "rules", "fixtures");
const PRINCIPAL = "genesyscloud_oauth_client.loadtest";

function plan(groupBody: string, groupProps = SCHEDULED_2H): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3"><hashTree>
<TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="Media" enabled="true"/>
<hashTree>
<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="Readers" enabled="true">${groupProps}</ThreadGroup>
<hashTree>
<ConfigTestElement guiclass="HttpDefaultsGui" testclass="ConfigTestElement" testname="Defaults" enabled="true"><stringProp name="HTTPSampler.domain">api.mypurecloud.com</stringProp></ConfigTestElement><hashTree/>
<HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" testname="Auth" enabled="true"><collectionProp name="HeaderManager.headers"><elementProp name="" elementType="Header"><stringProp name="Header.name">Authorization</stringProp><stringProp name="Header.value">Bearer \${__P(access_token)}</stringProp></elementProp></collectionProp></HeaderManager><hashTree/>
${groupBody}
</hashTree>
</hashTree></hashTree></jmeterTestPlan>`;
}

const SCHEDULED_2H = `<elementProp name="ThreadGroup.main_controller" elementType="LoopController"><stringProp name="LoopController.loops">-1</stringProp></elementProp>
<stringProp name="ThreadGroup.num_threads">2</stringProp><stringProp name="ThreadGroup.ramp_time">0</stringProp>
<boolProp name="ThreadGroup.scheduler">true</boolProp><stringProp name="ThreadGroup.duration">7200</stringProp>`;
const FOREVER = `<elementProp name="ThreadGroup.main_controller" elementType="LoopController"><boolProp name="LoopController.continue_forever">true</boolProp><stringProp name="LoopController.loops">-1</stringProp></elementProp>
<stringProp name="ThreadGroup.num_threads">2</stringProp><stringProp name="ThreadGroup.ramp_time">0</stringProp>`;

const sampler = (name: string, p: string, children = "", domain = "") =>
  `<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="${name}" enabled="true"><stringProp name="HTTPSampler.domain">${domain}</stringProp><stringProp name="HTTPSampler.path">${p}</stringProp><stringProp name="HTTPSampler.method">GET</stringProp></HTTPSamplerProxy><hashTree>${children}</hashTree>`;
const json = (variable: string, expr: string, enabled = true) =>
  `<JSONPostProcessor guiclass="JSONPostProcessorGui" testclass="JSONPostProcessor" testname="Extract ${variable}" enabled="${enabled}"><stringProp name="JSONPostProcessor.referenceNames">${variable}</stringProp><stringProp name="JSONPostProcessor.jsonPathExprs">${expr}</stringProp><stringProp name="JSONPostProcessor.match_numbers">-1</stringProp></JSONPostProcessor><hashTree/>`;
const regex = (variable: string, re: string) =>
  `<RegexExtractor guiclass="RegexExtractorGui" testclass="RegexExtractor" testname="Extract ${variable}" enabled="true"><stringProp name="RegexExtractor.refname">${variable}</stringProp><stringProp name="RegexExtractor.regex">${re}</stringProp></RegexExtractor><hashTree/>`;
const constant = (ms: number) =>
  `<ConstantTimer guiclass="ConstantTimerGui" testclass="ConstantTimer" testname="Wait ${ms}" enabled="true"><stringProp name="ConstantTimer.delay">${ms}</stringProp></ConstantTimer><hashTree/>`;
const uniform = (ms: number, range: number) =>
  `<UniformRandomTimer guiclass="UniformRandomTimerGui" testclass="UniformRandomTimer" testname="Random wait" enabled="true"><stringProp name="ConstantTimer.delay">${ms}</stringProp><stringProp name="RandomTimer.range">${range}</stringProp></UniformRandomTimer><hashTree/>`;
const controller = (testclass: string, props: string, children: string) =>
  `<${testclass} guiclass="X" testclass="${testclass}" testname="${testclass} here" enabled="true">${props}</${testclass}><hashTree>${children}</hashTree>`;
const onceOnly = (children: string) => controller("OnceOnlyController", "", children);
const loop = (n: number, children: string) => controller("LoopController", `<stringProp name="LoopController.loops">${n}</stringProp>`, children);
const forEach = (input: string, output: string, children: string) =>
  controller(
    "ForeachController",
    `<stringProp name="ForeachController.inputVal">${input}</stringProp><stringProp name="ForeachController.returnVal">${output}</stringProp>`,
    children,
  );

const RECORDINGS = "/api/v2/conversations/${conversationId}/recordings";
const MINUTE = 60_000;

function config() {
  const tf = JSON.parse(fs.readFileSync(path.join(FIX, "GRG036", "pass.tf.json"), "utf8"));
  return readTerraformJson(tf, "main.tf.json");
}

function snapshot(playbackMinutes: number): OrgSettings {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-media-"));
  const file = path.join(dir, "org.json");
  const org = JSON.parse(fs.readFileSync(path.join(FIX, "GRG033", "org.json"), "utf8"));
  org.provenance = { kind: "snapshot", capturedAt: "2026-12-01", region: "mypurecloud.com", orgId: "o-1", orgName: "Test org" };
  org.recordingSettings = { source: "GET /api/v2/recording/settings", values: { recordingPlaybackUrlTtl: playbackMinutes, recordingBatchDownloadUrlTtl: 60 } };
  fs.writeFileSync(file, JSON.stringify(org));
  return loadOrgSettings(file);
}

function grg036(xml: string, org?: OrgSettings) {
  const jmeter = parseJmeterPlan(xml, "media.jmx");
  return audit({ config: config(), org, loadPlans: [{ principal: PRINCIPAL, tokens: 1, durationSeconds: 7200, declaredIn: "test", jmeter }] })
    .filter((f) => f.ruleId === "GRG036")
    .map((f) => ({ severity: f.severity, certainty: f.certainty, message: f.message }));
}

describe("GRG036 media URLs fetched after they expire", () => {
  it("a URL listed once per thread and fetched every iteration of a 2-hour run: error (likely), past every lifetime an org can set", () => {
    const xml = plan(
      onceOnly(sampler("List", RECORDINGS, json("mediaUrl", "$[0].mediaUris.S.mediaUri"))) + sampler("Download", "${mediaUrl}", constant(30_000)),
    );
    const [f, ...rest] = grg036(xml);
    expect(rest).toEqual([]);
    expect(f.severity).toBe("error");
    expect(f.certainty).toBe("likely");
    expect(f.message).toContain('sampler "Download"');
    expect(f.message).toContain("${mediaUrl}");
    expect(f.message).toContain("Once Only Controller");
    expect(f.message).toContain("7,200 s");
  });

  it("the same, listed in every iteration right before the fetch: nothing", () => {
    expect(
      grg036(plan(sampler("List", RECORDINGS, json("mediaUrl", "$[0].mediaUris.S.mediaUri")) + sampler("Download", "${mediaUrl}", constant(30_000)))),
    ).toEqual([]);
  });

  it("a thread group that loops forever reuses the URL forever: error", () => {
    const xml = plan(onceOnly(sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri"))) + sampler("Download", "${mediaUrl}"), FOREVER);
    const [f] = grg036(xml);
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/loops forever/);
  });

  it("a loop controller's known count multiplies the timers: 10 fetches 8 minutes apart come 80 minutes after the URL", () => {
    const xml = plan(sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri")) + loop(10, sampler("Replay", "${mediaUrl}", constant(8 * MINUTE))));
    const [f] = grg036(xml);
    expect(f.severity).toBe("error");
    expect(f.message).toContain("at least 4,800 s");
    expect(f.message).toContain("runs it 10 times");
    // Three times 8 minutes is 24: inside the default 60, and without a snapshot an info only.
    const shorter = grg036(
      plan(sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri")) + loop(3, sampler("Replay", "${mediaUrl}", constant(8 * MINUTE)))),
    );
    expect(shorter.map((x) => [x.severity, x.certainty])).toEqual([["info", "possible"]]);
    expect(shorter[0].message).toContain("below 24 minutes");
  });

  it("the org's own lifetime decides: 6 minutes later is refused under a 5-minute snapshot value, fine under 60", () => {
    const xml = plan(sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri")) + sampler("Download", "${mediaUrl}", constant(6 * MINUTE)));
    const [f] = grg036(xml, snapshot(5));
    expect(f.severity).toBe("error");
    expect(f.message).toContain("playback URLs live 5 minutes (recordingPlaybackUrlTtl,");
    expect(f.message).toContain("GET /api/v2/recording/settings");
    expect(grg036(xml, snapshot(60))).toEqual([]);
  });

  it("only the timer's range reaching past the lifetime: a warning (possible)", () => {
    const xml = plan(sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri")) + sampler("Download", "${mediaUrl}", uniform(MINUTE, 10 * MINUTE)));
    const [f] = grg036(xml, snapshot(5));
    expect([f.severity, f.certainty]).toEqual(["warning", "possible"]);
    expect(f.message).toContain("60 s to 660 s");
  });

  it("a host and path taken apart by a regular expression are a fetch; an id used in an /api/v2 path is not", () => {
    const split = plan(
      sampler("List", RECORDINGS, regex("mediaHost", '"mediaUri":"https://([^/]+)') + regex("mediaPath", '"mediaUri":"https://[^/]+(/[^"]+)')) +
        sampler("Download", "${mediaPath}", constant(65 * MINUTE), "${mediaHost}"),
    );
    expect(grg036(split).map((f) => f.severity)).toEqual(["error"]);
    const ids = plan(
      sampler("List", RECORDINGS, json("recordingId", "$[0].id")) +
        sampler("One recording", "/api/v2/conversations/${conversationId}/recordings/${recordingId}", constant(65 * MINUTE)),
    );
    expect(grg036(ids)).toEqual([]);
  });

  it("a ForEach over a match-all extractor passes the URLs on under its output variable", () => {
    const xml = plan(
      sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri")) + forEach("mediaUrl", "one", sampler("Download", "${one}", constant(61 * MINUTE))),
    );
    const pairs = mediaUrlFetches(modelPlan(parseJmeterPlan(xml, "media.jmx")));
    expect(pairs.map((p) => [p.variable, p.kind, p.minSeconds, p.maxSeconds])).toEqual([["one", "playback", 3660, undefined]]);
    expect(grg036(xml).map((f) => f.severity)).toEqual(["error"]);
  });

  it("a disabled extractor stores nothing", () => {
    const xml = plan(sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri", false)) + sampler("Download", "${mediaUrl}", constant(65 * MINUTE)));
    expect(grg036(xml)).toEqual([]);
  });

  describe("no false errors (a review's cases)", () => {
    const list = (children = "") => sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri") + children);
    const SCHEDULED_15M_LATE = `<elementProp name="ThreadGroup.main_controller" elementType="LoopController"><stringProp name="LoopController.loops">-1</stringProp></elementProp>
<stringProp name="ThreadGroup.num_threads">2</stringProp><stringProp name="ThreadGroup.ramp_time">0</stringProp>
<boolProp name="ThreadGroup.scheduler">true</boolProp><stringProp name="ThreadGroup.duration">900</stringProp><stringProp name="ThreadGroup.delay">3000</stringProp>`;
    const ONE_ITERATION = `<elementProp name="ThreadGroup.main_controller" elementType="LoopController"><stringProp name="LoopController.loops">1</stringProp></elementProp>
<stringProp name="ThreadGroup.num_threads">50</stringProp><stringProp name="ThreadGroup.ramp_time">3600</stringProp>`;

    it("a later request storing the same variable gives later fetches a fresh URL", () => {
      const xml = plan(list() + sampler("Fetch A", "${mediaUrl}") + list(constant(61 * MINUTE)) + sampler("Fetch B", "${mediaUrl}"));
      expect(grg036(xml)).toEqual([]);
    });

    it("a Once Only URL is as old as one thread's run: not the start delay, not the ramp-up, not a single iteration", () => {
      // 15 minutes of run (not 65 with the start delay): past no lifetime for certain, only info without a snapshot.
      expect(grg036(plan(onceOnly(list()) + sampler("Fetch", "${mediaUrl}"), SCHEDULED_15M_LATE)).map((f) => f.severity)).toEqual(["info"]);
      expect(grg036(plan(onceOnly(list()) + sampler("Fetch", "${mediaUrl}"), ONE_ITERATION))).toEqual([]);
    });

    it("a Once Only Controller inside a loop runs again on each entry: the URL is not reused forever", () => {
      expect(grg036(plan(loop(10, onceOnly(list()) + sampler("Fetch", "${mediaUrl}", constant(1000))), FOREVER))).toEqual([]);
    });

    it("a Random Controller runs one child per pass: a sibling's long timer does not delay the fetch", () => {
      const random = controller("RandomController", "", sampler("Browse", "/home", constant(61 * MINUTE)) + sampler("Fetch", "${mediaUrl}"));
      expect(grg036(plan(list() + random))).toEqual([]);
    });

    it("a variable in the middle of a path is not a media URL", () => {
      expect(grg036(plan(list() + sampler("Notes", "/archive/notes/${mediaUrl}", constant(61 * MINUTE))))).toEqual([]);
    });

    it("a pacing timer that cannot be read leaves no upper bound", () => {
      const ctt = `<ConstantThroughputTimer guiclass="TestBeanGUI" testclass="ConstantThroughputTimer" testname="CTT" enabled="true"><stringProp name="calcMode">0</stringProp><stringProp name="throughput">\${__P(rate)}</stringProp></ConstantThroughputTimer><hashTree/>`;
      const [p] = mediaUrlFetches(modelPlan(parseJmeterPlan(plan(list() + sampler("Fetch", "${mediaUrl}", ctt)), "media.jmx")));
      expect(p.maxSeconds).toBeUndefined();
    });
  });

  it("budget prints the longest safe delay and each fetch's delay", () => {
    const xml = plan(onceOnly(sampler("List", RECORDINGS, json("mediaUrl", "$..mediaUri"))) + sampler("Download", "${mediaUrl}", constant(30_000)));
    const text = budget({ principal: PRINCIPAL, plan: parseJmeterPlan(xml, "media.jmx"), org: snapshot(10) });
    expect(text).toContain("playback URLs live 10 minutes (recordingPlaybackUrlTtl,");
    expect(text).toContain("the longest safe delay between the request that returns them and their fetch");
    expect(text).toContain('"Download" (line');
    expect(text).toContain("(too late)");
  });
});
