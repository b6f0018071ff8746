// Reads an Apache JMeter test plan (.jmx) into what the load-test rules need: thread groups
// (standard, setUp/tearDown and the bzm Concurrency Thread Group), HTTP samplers with the timers,
// header managers and request defaults in their scope, and the loop controllers around them.
//
// A .jmx is XML in which every test element is followed by a <hashTree> holding its children;
// scope follows that tree (a timer or header manager applies to the samplers below its parent).
// Elements with enabled="false" are skipped with everything below them. Numbers that JMeter
// resolves at run time (${__P(...)}, ${var}) stay unknown (model/quantity.ts).
// Parsed in one strict SAX pass with saxes (well-formedness checked while the tree is built, entities
// decoded); malformed XML is an InputError naming the file, the line and the column.
import { SaxesParser } from "saxes";
import { InputError } from "../../model/input-error";
import { displayPath, readTextFile } from "../validate";
import { known, type Quantity, readQuantity, unknown } from "../../model/quantity";
import { capValue } from "../../model/safe-text";
import {
  CALC_MODES,
  CONCURRENCY_THREAD_GROUP,
  type CalcMode,
  type ControllerFrame,
  type Extraction,
  type PlanElementRef,
  type PlanTimer,
  type HeaderValue,
  type HttpSampler,
  type ThreadGroupKind,
  type ThreadGroupSpec,
  type JmeterTestPlan,
} from "../../model/jmeter-plan";

// ---------------------------------------------------------------------------------------------
// XML -> test element tree

type Props = Map<string, Prop>;
type Prop = { kind: "value"; text: string } | { kind: "element"; props: Props } | { kind: "collection"; items: Prop[] };

interface JmxNode {
  tag: string;
  testclass: string;
  guiclass: string;
  name: string;
  line: number;
  props: Props;
  children: JmxNode[];
}

/** An XML element as the SAX pass builds it: name, attributes, text, children and the line it starts on. */
interface XElement {
  name: string;
  attrs: Record<string, string>;
  children: XElement[];
  text: string;
  line: number;
}

/** Reads and parses a .jmx file; unreadable or malformed files are InputErrors. */
export function readJmeterFile(file: string): JmeterTestPlan {
  return parseJmeterPlan(readTextFile(file), displayPath(file));
}

export function parseJmeterPlan(text: string, file: string): JmeterTestPlan {
  const root = parseXml(text, file);
  if (root.name !== "jmeterTestPlan") {
    throw new InputError(file, undefined, `not a JMeter test plan: the root element is <${capValue(root.name)}>, expected <jmeterTestPlan>`);
  }
  const topTree = root.children.find((n) => n.name === "hashTree");
  const counter = { disabled: 0 };
  const elements = topTree ? readHashTree(topTree, counter) : [];
  const testPlan = elements.find((e) => e.testclass === "TestPlan");
  if (!testPlan) throw new InputError(file, undefined, "not a JMeter test plan: no <TestPlan> element");
  return interpret(testPlan, file, Buffer.byteLength(text), counter.disabled);
}

/**
 * One strict pass with saxes: well-formedness is checked while the tree is built (a mismatched or
 * unclosed tag, a bad entity), and the first error becomes an InputError with its line and column.
 * Entities and character references (&quot;, &#xd;) are decoded.
 */
function parseXml(text: string, file: string): XElement {
  const parser = new SaxesParser({ position: true });
  const doc: XElement = { name: "#document", attrs: {}, children: [], text: "", line: 0 };
  const stack: XElement[] = [doc];
  let startLine = 1;
  parser.on("opentagstart", () => {
    startLine = parser.line;
  });
  parser.on("opentag", (tag) => {
    const el: XElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: "", line: startLine };
    stack[stack.length - 1].children.push(el);
    if (!tag.isSelfClosing) stack.push(el);
  });
  let lastClosed: XElement | undefined;
  parser.on("closetag", (tag) => {
    // On a mismatched close tag saxes closes the open element, then reports the error.
    if (!tag.isSelfClosing) lastClosed = stack.pop();
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    if (top.children.length === 0) top.text += t; // only leaf text matters (property values)
  });
  try {
    parser.write(text).close();
  } catch (err) {
    const m = /^(\d+):(\d+): ([\s\S]*)$/.exec((err as Error).message);
    if (m) {
      const open = /unexpected close tag/.test(m[3]) ? lastClosed : /unclosed/.test(m[3]) && stack.length > 1 ? stack[stack.length - 1] : undefined;
      const hint = open ? ` (</${open.name}> expected: <${open.name}> opened on line ${open.line})` : "";
      throw new InputError(file, `line ${m[1]}, column ${m[2]}`, `not well-formed XML: ${m[3].split("\n")[0].replace(/\.$/, "")}${hint}`);
    }
    throw new InputError(file, undefined, `not well-formed XML: ${(err as Error).message.split("\n")[0]}`);
  }
  const root = doc.children[0];
  if (!root) throw new InputError(file, undefined, "not well-formed XML: no root element");
  return root;
}

/** Pairs each test element in a hashTree with the hashTree that follows it (its children). */
function readHashTree(tree: XElement, counter: { disabled: number }): JmxNode[] {
  const out: JmxNode[] = [];
  const items = tree.children;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.name === "hashTree") continue; // a stray tree without an element: nothing to attach it to
    const next = items[i + 1];
    const subtree = next && next.name === "hashTree" ? next : undefined;
    if (subtree) i++;
    if (item.attrs.enabled === "false") {
      counter.disabled += 1 + countElements(subtree);
      continue;
    }
    out.push({
      tag: item.name,
      testclass: item.attrs.testclass ?? item.name,
      guiclass: item.attrs.guiclass ?? "",
      name: item.attrs.testname ?? item.name,
      line: item.line,
      props: readProps(item.children),
      children: subtree ? readHashTree(subtree, counter) : [],
    });
  }
  return out;
}

function countElements(tree: XElement | undefined): number {
  if (!tree) return 0;
  let n = 0;
  for (const child of tree.children) n += child.name === "hashTree" ? countElements(child) : 1;
  return n;
}

function readProps(nodes: readonly XElement[]): Props {
  const props: Props = new Map();
  for (const node of nodes) {
    const read = readProp(node);
    if (!read) continue;
    const name = node.attrs.name ?? read.name;
    if (name !== undefined) props.set(name, read.prop);
  }
  return props;
}

function readProp(node: XElement): { name?: string; prop: Prop } | undefined {
  switch (node.name) {
    case "stringProp":
    case "boolProp":
    case "intProp":
    case "longProp":
    case "floatProp":
      return { prop: { kind: "value", text: node.text } };
    case "doubleProp": {
      // <doubleProp><name>throughput</name><value>2940.0</value><savedValue>0.0</savedValue></doubleProp>
      const name = node.children.find((k) => k.name === "name");
      const value = node.children.find((k) => k.name === "value");
      return { name: name?.text, prop: { kind: "value", text: value?.text ?? "" } };
    }
    case "elementProp":
      return { prop: { kind: "element", props: readProps(node.children) } };
    case "collectionProp":
      return { prop: { kind: "collection", items: node.children.map((k) => readProp(k)?.prop).filter((p): p is Prop => p !== undefined) } };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Props helpers

function str(props: Props, name: string): string | undefined {
  const p = props.get(name);
  return p?.kind === "value" ? p.text : undefined;
}

function element(props: Props, name: string): Props | undefined {
  const p = props.get(name);
  return p?.kind === "element" ? p.props : undefined;
}

function collection(props: Props, name: string): Prop[] {
  const p = props.get(name);
  return p?.kind === "collection" ? p.items : [];
}

/** Name/value pairs of an Arguments element (User Defined Variables, HTTP arguments). */
function argumentsOf(props: Props | undefined): { name: string; value: string }[] {
  if (!props) return [];
  return collection(props, "Arguments.arguments")
    .filter((p): p is { kind: "element"; props: Props } => p.kind === "element")
    .map((p) => ({ name: str(p.props, "Argument.name") ?? "", value: str(p.props, "Argument.value") ?? "" }));
}

// ---------------------------------------------------------------------------------------------
// Test element tree -> plan

const SAMPLER = "HTTPSamplerProxy";
const SAMPLER_CLASSES = new Set([SAMPLER, "HTTPSampler", "HTTPSampler2"]);
const THREAD_GROUPS: Record<string, ThreadGroupKind> = {
  ThreadGroup: "thread-group",
  SetupThreadGroup: "setup",
  PostThreadGroup: "teardown",
  [CONCURRENCY_THREAD_GROUP]: "concurrency",
};
const DELAY_TIMERS = new Set(["ConstantTimer", "UniformRandomTimer", "GaussianRandomTimer", "PoissonRandomTimer"]);
/** Controllers that run their children a number of times decided at run time. */
const REPEATING = new Set(["WhileController", "ForeachController", "RunTime"]);
/** Controllers that run their children at most once per pass, depending on run-time state. */
const CONDITIONAL = new Set(["IfController", "ThroughputController", "RandomController", "InterleaveControl", "SwitchController"]);
/** Controllers that run one of their children per pass. */
const EXCLUSIVE = new Set(["RandomController", "InterleaveControl", "SwitchController"]);
const NOT_FOLLOWED = new Set(["IncludeController", "ModuleController"]);

interface Scope {
  path: string[];
  timers: PlanTimer[];
  extracts: Extraction[];
  frames: ControllerFrame[];
  headerLayers: HeaderValue[][];
  defaults: Props[];
  perIteration: number;
  perIterationUnknown?: string;
  onceOnly: boolean;
  conditional?: string;
}

interface Builder {
  variables: Map<string, string>;
  notes: Set<string>;
  nextId: number;
}

function interpret(testPlan: JmxNode, file: string, bytes: number, disabledElements: number): JmeterTestPlan {
  const variables = new Map<string, string>();
  for (const a of argumentsOf(element(testPlan.props, "TestPlan.user_defined_variables"))) if (a.name) variables.set(a.name, a.value);
  collectVariables(testPlan.children, variables);
  const b: Builder = { variables, notes: new Set(), nextId: 1 };
  const planScope = scopeFor(
    testPlan.children,
    { path: [testPlan.name], timers: [], extracts: [], frames: [], headerLayers: [], defaults: [], perIteration: 1, onceOnly: false },
    b,
  );
  const threadGroups: ThreadGroupSpec[] = [];
  for (const child of testPlan.children) {
    const kind = THREAD_GROUPS[child.testclass] ?? (/ThreadGroup$/.test(child.testclass) ? "unsupported" : undefined);
    if (kind) threadGroups.push(threadGroup(child, kind, planScope, b));
    else if (SAMPLER_CLASSES.has(child.testclass))
      b.notes.add(`sampler "${capValue(child.name)}" (line ${child.line}) is outside any thread group and never runs`);
  }
  return {
    file,
    name: testPlan.name,
    bytes,
    serializeThreadGroups: str(testPlan.props, "TestPlan.serialize_threadgroups") === "true",
    variables: Object.fromEntries(variables),
    threadGroups,
    disabledElements,
    notes: [...b.notes].sort(),
  };
}

/** User Defined Variables elements anywhere in the plan are all processed when the test starts. */
function collectVariables(nodes: readonly JmxNode[], into: Map<string, string>): void {
  for (const n of nodes) {
    if (n.testclass === "Arguments") for (const a of argumentsOf(n.props)) if (a.name && !into.has(a.name)) into.set(a.name, a.value);
    collectVariables(n.children, into);
  }
}

function threadGroup(node: JmxNode, kind: ThreadGroupKind, planScope: Scope, b: Builder): ThreadGroupSpec {
  const v = b.variables;
  const ref = { name: node.name, line: node.line, treePath: [...planScope.path, node.name].join(" > ") };
  let spec: ThreadGroupSpec;
  if (kind === "concurrency") {
    const unit = (str(node.props, "Unit") ?? "S").trim().toUpperCase() === "M" ? "M" : "S";
    const factor = unit === "M" ? 60 : 1;
    const ramp = scale(readQuantity(str(node.props, "RampUp"), v, 0), factor);
    const hold = scale(readQuantity(str(node.props, "Hold"), v), factor);
    const iterations = readQuantity(str(node.props, "Iterations"), v, -1);
    spec = {
      ...ref,
      kind,
      testclass: node.testclass,
      threads: readQuantity(str(node.props, "TargetLevel"), v),
      rampUpSeconds: ramp,
      holdSeconds: hold,
      durationSeconds: sum(ramp, hold),
      loops: iterations.known && iterations.value <= 0 ? known(-1, iterations.text) : iterations,
      steps: readQuantity(str(node.props, "Steps"), v, 0),
      unit,
      samplers: [],
      timers: [],
    };
  } else if (kind === "unsupported") {
    b.notes.add(`thread group "${capValue(node.name)}" (${node.testclass}, line ${node.line}) is not modelled: its thread count is unknown`);
    spec = {
      ...ref,
      kind,
      testclass: node.testclass,
      threads: unknown(node.testclass, "this thread group type is not modelled"),
      rampUpSeconds: known(0),
      loops: known(-1),
      samplers: [],
      timers: [],
    };
  } else {
    const main = element(node.props, "ThreadGroup.main_controller");
    const forever = main && str(main, "LoopController.continue_forever") === "true" && (str(main, "LoopController.loops") ?? "-1").trim() === "-1";
    const loops = forever ? known(-1, "infinite") : readQuantity(main ? str(main, "LoopController.loops") : undefined, v, 1);
    const scheduler = str(node.props, "ThreadGroup.scheduler") === "true";
    spec = {
      ...ref,
      kind,
      testclass: node.testclass,
      threads: readQuantity(str(node.props, "ThreadGroup.num_threads"), v, 1),
      rampUpSeconds: readQuantity(str(node.props, "ThreadGroup.ramp_time"), v, 0),
      loops,
      ...(scheduler
        ? {
            durationSeconds: readQuantity(str(node.props, "ThreadGroup.duration"), v),
            startDelaySeconds: readQuantity(str(node.props, "ThreadGroup.delay"), v, 0),
          }
        : {}),
      samplers: [],
      timers: [],
    };
  }
  const scope = scopeFor(node.children, { ...planScope, path: [...planScope.path, node.name] }, b);
  spec.timers = [...scope.timers];
  walk(node.children, scope, spec, b);
  return spec;
}

function sum(a: Quantity, b: Quantity): Quantity {
  if (a.known && b.known) return known(a.value + b.value, `${a.text} + ${b.text}`);
  const missing = (!a.known ? a : b) as Extract<Quantity, { known: false }>;
  return unknown(`${a.text} + ${b.text}`, missing.why);
}

function scale(q: Quantity, factor: number): Quantity {
  if (factor === 1 || !q.known) return q;
  return known(q.value * factor, `${q.text} min`);
}

/** The scope a level of the tree gives to the samplers below it: its timers, header managers and request defaults. */
function scopeFor(nodes: readonly JmxNode[], parent: Scope, b: Builder): Scope {
  const timers = [...parent.timers];
  const extracts = [...parent.extracts];
  const headers: HeaderValue[] = [];
  const defaults = [...parent.defaults];
  for (const n of nodes) {
    const ref = { name: n.name, line: n.line, treePath: [...parent.path, n.name].join(" > ") };
    const timer = readTimer(n, ref, b);
    const extraction = timer ? undefined : readExtraction(n, ref);
    if (timer) timers.push(timer);
    else if (extraction) extracts.push(extraction);
    else if (n.testclass === "HeaderManager") {
      for (const h of collection(n.props, "HeaderManager.headers")) {
        if (h.kind !== "element") continue;
        const name = str(h.props, "Header.name")?.trim();
        if (name) headers.push({ name, value: str(h.props, "Header.value") ?? "", manager: ref });
      }
    } else if (n.testclass === "ConfigTestElement" && (n.guiclass === "HttpDefaultsGui" || [...n.props.keys()].some((k) => k.startsWith("HTTPSampler.")))) {
      defaults.push(n.props);
    }
  }
  return { ...parent, timers, extracts, headerLayers: headers.length ? [...parent.headerLayers, headers] : parent.headerLayers, defaults };
}

/** Where each extractor keeps its variable names and its expression (JMeter's property names). */
const EXTRACTORS: Record<string, { names: string; expression: string[] }> = {
  JSONPostProcessor: { names: "JSONPostProcessor.referenceNames", expression: ["JSONPostProcessor.jsonPathExprs"] },
  RegexExtractor: { names: "RegexExtractor.refname", expression: ["RegexExtractor.regex"] },
  BoundaryExtractor: { names: "BoundaryExtractor.refname", expression: ["BoundaryExtractor.lboundary", "BoundaryExtractor.rboundary"] },
  XPathExtractor: { names: "XPathExtractor.refname", expression: ["XPathExtractor.xpathQuery"] },
  XPath2Extractor: { names: "XPathExtractor2.refname", expression: ["XPathExtractor2.xpathQuery"] },
  HtmlExtractor: { names: "HtmlExtractor.refname", expression: ["HtmlExtractor.expr"] },
  "com.atlantbh.jmeter.plugins.jsonutils.jsonpathextractor.JSONPathExtractor": { names: "VAR", expression: ["JSONPATH"] },
};

/** An extractor's variables (a JSON Extractor lists several, separated by ';'); scripts set variables the reader cannot see. */
function readExtraction(n: JmxNode, ref: PlanElementRef): Extraction | undefined {
  const known = EXTRACTORS[n.testclass];
  if (known) {
    const variables = (str(n.props, known.names) ?? "")
      .split(";")
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
    const expression = known.expression.map((k) => str(n.props, k) ?? "").join(" … ");
    return { ...ref, testclass: n.testclass, variables, expression };
  }
  if (n.testclass === "JSR223PostProcessor" || n.testclass === "BeanShellPostProcessor")
    return { ...ref, testclass: n.testclass, variables: [], expression: "(a script)" };
  return undefined;
}

function readTimer(n: JmxNode, ref: PlanElementRef, b: Builder): PlanTimer | undefined {
  if (n.testclass === "ConstantThroughputTimer") {
    const modeText = (str(n.props, "calcMode") ?? "0").trim();
    return {
      ...ref,
      kind: "constant-throughput",
      id: b.nextId++,
      perMinute: readQuantity(str(n.props, "throughput"), b.variables),
      mode: calcMode(modeText),
      modeText,
    };
  }
  if (DELAY_TIMERS.has(n.testclass)) {
    const minDelayMs = readQuantity(str(n.props, "ConstantTimer.delay"), b.variables, 0);
    // A Uniform Random Timer adds up to RandomTimer.range; Gaussian and Poisson draws have no upper bound.
    const maxDelayMs =
      n.testclass === "ConstantTimer"
        ? minDelayMs
        : n.testclass === "UniformRandomTimer"
          ? sum(minDelayMs, readQuantity(str(n.props, "RandomTimer.range"), b.variables, 0))
          : undefined;
    return { ...ref, kind: "delay", id: b.nextId++, testclass: n.testclass, minDelayMs, ...(maxDelayMs ? { maxDelayMs } : {}) };
  }
  if (/Timer$/.test(n.testclass)) {
    b.notes.add(`timer "${capValue(n.name)}" (${n.testclass}, line ${n.line}) is not modelled: the rates below ignore it`);
    return { ...ref, kind: "other", id: b.nextId++, testclass: n.testclass };
  }
  return undefined;
}

function calcMode(text: string): CalcMode | undefined {
  if (/^[0-4]$/.test(text)) return Number(text) as CalcMode;
  // Old plans saved the (English) display name instead of the number.
  const i = (CALC_MODES as readonly string[]).indexOf(text.toLowerCase());
  return i >= 0 ? (i as CalcMode) : undefined;
}

function walk(nodes: readonly JmxNode[], scope: Scope, group: ThreadGroupSpec, b: Builder): void {
  for (const n of nodes) {
    const path = [...scope.path, n.name];
    if (SAMPLER_CLASSES.has(n.testclass)) {
      group.samplers.push(sampler(n, scopeFor(n.children, { ...scope, path }, b), b));
      continue;
    }
    if (NOT_FOLLOWED.has(n.testclass)) {
      b.notes.add(`${n.testclass} "${capValue(n.name)}" (line ${n.line}) is not followed: samplers it includes are not modelled`);
      continue;
    }
    if (!n.children.length || THREAD_GROUPS[n.testclass]) continue;
    // A controller: its children run within the same thread-group iteration.
    let child: Scope = { ...scope, path };
    const frame: ControllerFrame = { name: n.name, line: n.line, treePath: path.join(" > "), id: b.nextId++, kind: "loop" };
    if (n.testclass === "LoopController") {
      const loops = readQuantity(str(n.props, "LoopController.loops"), b.variables, 1);
      if (loops.known && loops.value >= 0) {
        child.perIteration = scope.perIteration * loops.value;
        frame.count = loops.value;
      } else {
        child.perIterationUnknown = `loop controller "${capValue(n.name)}" repeats ${loops.known ? "forever" : loops.text}`;
        frame.kind = "repeat";
      }
    } else if (n.testclass === "OnceOnlyController") {
      child.onceOnly = true;
      frame.kind = "once-only";
    } else if (REPEATING.has(n.testclass)) {
      child.perIterationUnknown = `${n.testclass} "${capValue(n.name)}" repeats its children a number of times decided at run time`;
      frame.kind = "repeat";
      if (n.testclass === "ForeachController") {
        const input = (str(n.props, "ForeachController.inputVal") ?? "").trim();
        const output = (str(n.props, "ForeachController.returnVal") ?? "").trim();
        if (input && output) {
          frame.kind = "foreach";
          frame.foreach = { input, output };
        }
      }
    } else if (CONDITIONAL.has(n.testclass)) {
      child.conditional = `${n.testclass} "${capValue(n.name)}"`;
      frame.kind = "conditional";
      if (EXCLUSIVE.has(n.testclass)) frame.exclusive = true;
    } else frame.count = 1; // a Simple or Transaction Controller: its children once per pass
    child.frames = [...scope.frames, frame];
    child = scopeFor(n.children, child, b);
    walk(n.children, child, group, b);
  }
}

function sampler(n: JmxNode, scope: Scope, b: Builder): HttpSampler {
  const field = (name: string) => {
    const own = str(n.props, name)?.trim();
    if (own) return own;
    for (let i = scope.defaults.length - 1; i >= 0; i--) {
      const d = str(scope.defaults[i], name)?.trim();
      if (d) return d;
    }
    return "";
  };
  const headers: Record<string, HeaderValue> = {};
  for (const layer of scope.headerLayers) for (const h of layer) headers[h.name.toLowerCase()] = h;
  const raw = str(n.props, "HTTPSampler.postBodyRaw") === "true";
  const body = raw
    ? argumentsOf(element(n.props, "HTTPsampler.Arguments"))
        .map((a) => a.value)
        .join("")
    : undefined;
  return {
    name: n.name,
    line: n.line,
    treePath: scope.path.join(" > "),
    id: b.nextId++,
    method: (str(n.props, "HTTPSampler.method")?.trim() || "GET").toUpperCase(),
    path: field("HTTPSampler.path"),
    domain: field("HTTPSampler.domain"),
    protocol: field("HTTPSampler.protocol") || "https",
    port: field("HTTPSampler.port"),
    ...(body !== undefined ? { body } : {}),
    perIteration: scope.perIteration,
    ...(scope.perIterationUnknown ? { perIterationUnknown: scope.perIterationUnknown } : {}),
    onceOnly: scope.onceOnly,
    ...(scope.conditional ? { conditional: scope.conditional } : {}),
    timers: scope.timers,
    frames: scope.frames,
    extracts: scope.extracts,
    headers,
  };
}
