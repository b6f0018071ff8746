// Benchmark of the JMeter reader: generates a ~5 MB .jmx (many thread groups, each with request
// defaults, a header manager, a Constant Throughput Timer, controllers and HTTP samplers with
// assertions, extractors and JSON bodies, as JMeter saves them), writes it to a temporary file and
// times readJmeterFile (read + XML well-formedness check + parse + interpretation) and the rate
// model. Target: reading a 5 MB .jmx takes well under a second.
//
//   node -r ts-node/register/transpile-only bench/jmx.ts      (prints the figures, exits 0)
//   import { benchJmx } from "./jmx"; const r = benchJmx(); console.log(r.summary);
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readJmeterFile } from "../readers/loadtest/jmx";
import { modelPlan } from "../analyses/loadtest/model";
import { Rng } from "./prng";
import { ms, timeInterleaved } from "./timing";

export const JMX_TARGET_BYTES = 5_000_000;
export const JMX_TARGET_MS = 1000;

const PATHS = [
  ["GET", "/api/v2/conversations/${conversationId}/recordings"],
  ["GET", "/api/v2/conversations/${conversationId}/recordingmetadata"],
  ["GET", "/api/v2/conversations/${conversationId}/recordings/${recordingId}"],
  ["GET", "/api/v2/recording/jobs/${jobId}"],
  ["GET", "/api/v2/users/me"],
] as const;

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function sampler(rng: Rng, g: number, i: number): string {
  const [method, p] = rng.pick(PATHS);
  const withBody = rng.chance(0.2);
  const body = withBody
    ? `<boolProp name="HTTPSampler.postBodyRaw">true</boolProp>
            <elementProp name="HTTPsampler.Arguments" elementType="Arguments">
              <collectionProp name="Arguments.arguments">
                <elementProp name="" elementType="HTTPArgument">
                  <boolProp name="HTTPArgument.always_encode">false</boolProp>
                  <stringProp name="Argument.value">${xml(JSON.stringify({ batchDownloadRequestList: Array.from({ length: 5 }, () => ({ conversationId: rng.uuid(), recordingId: rng.uuid() })) }))}</stringProp>
                  <stringProp name="Argument.metadata">=</stringProp>
                </elementProp>
              </collectionProp>
            </elementProp>`
    : `<elementProp name="HTTPsampler.Arguments" elementType="Arguments" guiclass="HTTPArgumentsPanel" testclass="Arguments" testname="User Defined Variables" enabled="true">
              <collectionProp name="Arguments.arguments"/>
            </elementProp>`;
  return `          <HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="Request ${g}.${i}" enabled="${rng.chance(0.05) ? "false" : "true"}">
            ${body}
            <stringProp name="HTTPSampler.domain"></stringProp>
            <stringProp name="HTTPSampler.port"></stringProp>
            <stringProp name="HTTPSampler.protocol"></stringProp>
            <stringProp name="HTTPSampler.contentEncoding"></stringProp>
            <stringProp name="HTTPSampler.path">${xml(p)}</stringProp>
            <stringProp name="HTTPSampler.method">${withBody ? "POST" : method}</stringProp>
            <boolProp name="HTTPSampler.follow_redirects">true</boolProp>
            <boolProp name="HTTPSampler.auto_redirects">false</boolProp>
            <boolProp name="HTTPSampler.use_keepalive">true</boolProp>
            <boolProp name="HTTPSampler.DO_MULTIPART_POST">false</boolProp>
            <stringProp name="HTTPSampler.embedded_url_re"></stringProp>
            <stringProp name="HTTPSampler.connect_timeout"></stringProp>
            <stringProp name="HTTPSampler.response_timeout"></stringProp>
          </HTTPSamplerProxy>
          <hashTree>
            <ResponseAssertion guiclass="AssertionGui" testclass="ResponseAssertion" testname="200" enabled="true">
              <collectionProp name="Asserion.test_strings">
                <stringProp name="49586">200</stringProp>
              </collectionProp>
              <stringProp name="Assertion.custom_message"></stringProp>
              <stringProp name="Assertion.test_field">Assertion.response_code</stringProp>
              <boolProp name="Assertion.assume_success">false</boolProp>
              <intProp name="Assertion.test_type">8</intProp>
            </ResponseAssertion>
            <hashTree/>
            <JSONPostProcessor guiclass="JSONPostProcessorGui" testclass="JSONPostProcessor" testname="id" enabled="true">
              <stringProp name="JSONPostProcessor.referenceNames">id_${g}_${i}</stringProp>
              <stringProp name="JSONPostProcessor.jsonPathExprs">$.entities[0].id</stringProp>
              <stringProp name="JSONPostProcessor.match_numbers">1</stringProp>
            </JSONPostProcessor>
            <hashTree/>
          </hashTree>
`;
}

function threadGroup(rng: Rng, g: number, samplers: number): string {
  const body: string[] = [];
  for (let i = 0; i < samplers; i++) body.push(sampler(rng, g, i));
  const threads = rng.int(1, 50);
  return `      <ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="Group ${g}" enabled="true">
        <stringProp name="ThreadGroup.on_sample_error">continue</stringProp>
        <elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" enabled="true">
          <boolProp name="LoopController.continue_forever">false</boolProp>
          <stringProp name="LoopController.loops">-1</stringProp>
        </elementProp>
        <stringProp name="ThreadGroup.num_threads">${threads}</stringProp>
        <stringProp name="ThreadGroup.ramp_time">${rng.int(0, 120)}</stringProp>
        <boolProp name="ThreadGroup.scheduler">true</boolProp>
        <stringProp name="ThreadGroup.duration">${rng.int(600, 7200)}</stringProp>
        <stringProp name="ThreadGroup.delay"></stringProp>
      </ThreadGroup>
      <hashTree>
        <ConfigTestElement guiclass="HttpDefaultsGui" testclass="ConfigTestElement" testname="HTTP Request Defaults" enabled="true">
          <elementProp name="HTTPsampler.Arguments" elementType="Arguments" guiclass="HTTPArgumentsPanel" testclass="Arguments" testname="User Defined Variables" enabled="true">
            <collectionProp name="Arguments.arguments"/>
          </elementProp>
          <stringProp name="HTTPSampler.domain">api.mypurecloud.com</stringProp>
          <stringProp name="HTTPSampler.protocol">https</stringProp>
        </ConfigTestElement>
        <hashTree/>
        <HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" testname="HTTP Header Manager" enabled="true">
          <collectionProp name="HeaderManager.headers">
            <elementProp name="" elementType="Header">
              <stringProp name="Header.name">Authorization</stringProp>
              <stringProp name="Header.value">Bearer \${__P(access_token)}</stringProp>
            </elementProp>
            <elementProp name="" elementType="Header">
              <stringProp name="Header.name">Connection</stringProp>
              <stringProp name="Header.value">keep-alive</stringProp>
            </elementProp>
          </collectionProp>
        </HeaderManager>
        <hashTree/>
        <ConstantThroughputTimer guiclass="TestBeanGUI" testclass="ConstantThroughputTimer" testname="Pacing" enabled="true">
          <intProp name="calcMode">${rng.int(0, 4)}</intProp>
          <doubleProp>
            <name>throughput</name>
            <value>${rng.int(1, 3000)}.0</value>
            <savedValue>0.0</savedValue>
          </doubleProp>
        </ConstantThroughputTimer>
        <hashTree/>
        <TransactionController guiclass="TransactionControllerGui" testclass="TransactionController" testname="Transaction ${g}" enabled="true">
          <boolProp name="TransactionController.includeTimers">false</boolProp>
        </TransactionController>
        <hashTree>
${body.join("")}        </hashTree>
      </hashTree>
`;
}

/** A JMeter-style plan of at least `targetBytes` (deterministic for a seed). */
export function generateJmx(targetBytes = JMX_TARGET_BYTES, seed = 6): { text: string; threadGroups: number; samplers: number } {
  const rng = new Rng(seed);
  const groups: string[] = [];
  let size = 0;
  let samplers = 0;
  while (size < targetBytes) {
    const n = rng.int(5, 30);
    const g = threadGroup(rng, groups.length, n);
    groups.push(g);
    samplers += n;
    size += g.length;
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">
  <hashTree>
    <TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="Generated benchmark plan" enabled="true">
      <boolProp name="TestPlan.functional_mode">false</boolProp>
      <boolProp name="TestPlan.serialize_threadgroups">false</boolProp>
    </TestPlan>
    <hashTree>
${groups.join("")}    </hashTree>
  </hashTree>
</jmeterTestPlan>
`;
  return { text, threadGroups: groups.length, samplers };
}

export interface JmxBenchResult {
  mb: number;
  threadGroups: number;
  samplers: number;
  readMs: number;
  modelMs: number;
  reps: number;
  pass: boolean;
  summary: string;
}

/** Times reading (and modelling) a generated ~5 MB .jmx (or `targetBytes`): medians over `reps` runs after a warm-up. */
export function benchJmx(reps = 7, targetBytes = JMX_TARGET_BYTES, warmup = 2): JmxBenchResult {
  const { text, threadGroups, samplers } = generateJmx(targetBytes);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-bench-jmx-"));
  const file = path.join(dir, "generated.jmx");
  try {
    fs.writeFileSync(file, text);
    let plan = readJmeterFile(file);
    const timed = timeInterleaved({ read: () => (plan = readJmeterFile(file)), model: () => modelPlan(plan, 1) }, warmup, reps);
    const mb = Buffer.byteLength(text) / 1e6;
    const readMs = timed.read.median;
    const pass = readMs < JMX_TARGET_MS;
    const summary = `${pass ? "PASS" : "FAIL"}  read a ${mb.toFixed(1)} MB .jmx (${threadGroups} thread groups, ${samplers} samplers) in ${ms(readMs)} ms (target < ${JMX_TARGET_MS} ms; median of ${reps}); rate model ${ms(timed.model.median)} ms`;
    return { mb, threadGroups, samplers, readMs, modelMs: timed.model.median, reps, pass, summary };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  console.log(`genesys-recording-guard jmx bench: node ${process.version}, ${os.cpus().length} cpu(s)`);
  console.log(benchJmx().summary);
}
