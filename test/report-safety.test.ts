// Hostile values reaching reports and the terminal (issue #12, item 6). Each test here but the
// redactor's unit test (written with its fix) failed before its fix: 1 MB values became a 112 MB
// HTML page (a role id copied into every cell of the access matrix), error messages echoed values
// of any length and let newlines and ANSI escapes reach the terminal, control characters made
// junit.xml invalid XML, a path with spaces made SARIF invalid, Markdown let images, links and
// @mentions through into a PR comment, and values a plan marks sensitive were echoed.
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { XMLValidator } from "fast-xml-parser";
import { SaxesParser } from "saxes";
import { runAudit } from "../cli/run-audit";
import { InputError } from "../model/input-error";
import { capText, capValue, escapeControl, redactor } from "../model/safe-text";
import { FORMAT_NAMES } from "../reporters/formats";
import { useTempDirs } from "./helpers";

const FIX = path.join(__dirname, "..", "rules", "fixtures");
const SARIF_SCHEMA = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const tempDir = useTempDirs();

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAudit(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Every output of the audit for these arguments: each --format, and each file of --bundle. */
async function everyOutput(args: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const format of FORMAT_NAMES) {
    const r = await cli(...args, "--format", format);
    expect(r.stderr).toBe("");
    expect([0, 1]).toContain(r.code);
    out.set(`--format ${format}`, r.stdout);
  }
  const bundle = path.join(tempDir(), "bundle");
  const r = await cli(...args, "--bundle", bundle, "--format", "json");
  expect(r.stderr).toBe("");
  for (const f of fs.readdirSync(bundle)) out.set(`bundle ${f}`, fs.readFileSync(path.join(bundle, f), "utf8"));
  return out;
}

const readFixture = (rule: string, file: string) => JSON.parse(fs.readFileSync(path.join(FIX, rule, file), "utf8"));

/**
 * A configuration with a hostile value in every place a report shows one: names, a grant's role
 * and division, the client's state and token lifetime, a permission condition's queue, a trunk
 * property key, a retention period, scopes; intents naming a huge division, queue and principal;
 * an acknowledgement whose reason is huge. Each place gets its own letter, so a report that copies
 * one value whole shows a run of that letter longer than the cap.
 */
function hostileWorkspace(fill: (letter: string) => string, letters: string) {
  const want = (l: string) => letters.includes(l);
  const tf = readFixture("GRG011", "fail.tf.json");
  const role = tf.resource.genesyscloud_auth_role.reader;
  const client = tf.resource.genesyscloud_oauth_client.loadtest;
  const policy = Object.values(tf.resource.genesyscloud_recording_media_retention_policy)[0] as any;
  if (want("N")) role.name = fill("N");
  if (want("Q")) {
    role.permission_policies[0].conditions = {
      conjunction: "AND",
      terms: [{ variable_name: "Conversation.queues", operator: "IN", operands: [{ type: "QUEUE", queue_id: fill("Q") }] }],
    };
  }
  if (want("C")) client.name = fill("C");
  if (want("S")) client.state = fill("S");
  if (want("T")) client.access_token_validity_seconds = fill("T");
  if (want("O")) client.scopes = [fill("O")];
  client.roles = [
    { role_id: "${genesyscloud_auth_role.reader.id}", division_id: want("D") ? fill("D") : "*" },
    ...(want("R") ? [{ role_id: fill("R"), division_id: "*" }] : []),
  ];
  if (want("P")) policy.name = fill("P");
  if (want("Y")) policy.media_policies[0].call_policy[0].actions[0].retention_duration[0].delete_retention[0].days = fill("Y");
  if (want("K") || want("B")) {
    tf.resource.genesyscloud_telephony_providers_edges_trunkbasesettings = {
      carrier: {
        name: want("B") ? fill("B") : "carrier",
        trunk_type: "EXTERNAL",
        trunk_meta_base_id: "external_sip_pcv_byoc_carrier.json",
        properties: JSON.stringify({
          trunk_recording_enabled: { value: { instance: true } },
          ...(want("K") ? { [fill("K")]: { value: { instance: true } } } : {}),
        }),
      },
    };
  }
  if (want("L")) tf.resource.genesyscloud_oauth_client[`c${fill("L")}`] = { name: "long address", authorized_grant_type: "CLIENT-CREDENTIALS", roles: [] };

  const intents = readFixture("GRG011", "intents.json");
  const intent = intents.principals["genesyscloud_oauth_client.loadtest"];
  intent.divisions = ["home", ...(want("V") ? [fill("V")] : [])];
  if (want("U")) intent.queues = [fill("U")];
  if (want("A")) intents.principals[`genesyscloud_oauth_client.a${fill("A")}`] = { capabilities: ["recordings:read"] };
  if (want("W") || want("X") || want("I")) {
    intents.acknowledgements = [
      {
        ruleId: "GRG011",
        target: "genesyscloud_recording_media_retention_policy.calls_30_days",
        reason: want("W") ? fill("W") : "Kept short on purpose while the archive is migrated",
        owner: want("X") ? fill("X") : "records-team",
        expires: "2099-12-31",
        ...(want("I") ? { ticket: fill("I") } : {}),
      },
    ];
  }
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(tf));
  fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(intents));
  return [path.join(dir, "main.tf.json"), "--intents", path.join(dir, "intents.json"), "--today", "2026-11-21"];
}

/** The longest run of `letter` in `text`. */
function longestRun(text: string, letter: string): number {
  let best = 0;
  for (const m of text.matchAll(new RegExp(`${letter}+`, "g"))) best = Math.max(best, m[0].length);
  return best;
}

describe("capValue and escapeControl", () => {
  it("caps a value at 200 characters, saying how long it was; short values pass unchanged", () => {
    expect(capValue("short")).toBe("short");
    const capped = capValue("x".repeat(1048576));
    expect(capped.length).toBeLessThanOrEqual(200);
    expect(capped).toMatch(/^x+…\(1048576 chars\)$/);
    expect(capValue(capped)).toBe(capped); // capping twice changes nothing
    // A surrogate pair is never cut in half.
    const emoji = capValue("😀".repeat(300));
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(capText("y".repeat(100_000)).length).toBeLessThanOrEqual(4000);
  });

  it("makes control characters and bidi overrides visible as escapes", () => {
    expect(escapeControl("a\nb\r\tc\u001b[31m\u0000\u007f\u0085\u202e\u2066z")).toBe("a\\nb\\r\\tc\\u001b[31m\\u0000\\u007f\\u0085\\u202e\\u2066z");
    expect(escapeControl("plain: ü, 中文, 😀")).toBe("plain: ü, 中文, 😀");
  });
});

describe("a 1 MB or 10 MB value gives a small report in every format", () => {
  const MB = 1 << 20;
  // Values are capped at 200 characters; addresses at 1000 (they identify a resource: real ones are never cut).
  const CAP: Record<string, number> = { L: 1000, A: 1000 };

  it("1 MB in every place a report shows a value: each format and bundle file is small, each value capped", async () => {
    const letters = "NQCSTORDPYKBLVUAWXI";
    const outputs = await everyOutput(hostileWorkspace((l) => l.repeat(MB), letters));
    expect([...outputs.keys()]).toEqual(expect.arrayContaining(FORMAT_NAMES.map((f) => `--format ${f}`)));
    for (const [name, text] of outputs) {
      expect({ name, size: text.length, small: text.length < (name.endsWith("html") ? 1_000_000 : 512 * 1024) }).toEqual({
        name,
        size: text.length,
        small: true,
      });
      for (const letter of letters) expect({ name, letter, run: longestRun(text, letter) <= (CAP[letter] ?? 200) }).toEqual({ name, letter, run: true });
    }
    // The cap says how long the value was.
    expect(outputs.get("--format html")).toContain(`…(${MB} chars)`);
    expect(outputs.get("--format text")).toContain(`…(${MB} chars)`);
  });

  it("10 MB values render in every format without error", async () => {
    const letters = "RSQW";
    const outputs = await everyOutput(hostileWorkspace((l) => l.repeat(10 * MB), letters));
    for (const [name, text] of outputs) {
      expect({ name, small: text.length < 1_000_000 }).toEqual({ name, small: true });
      for (const letter of letters) expect({ name, letter, run: longestRun(text, letter) <= 200 }).toEqual({ name, letter, run: true });
    }
  });
});

describe("the terminal: one line per error, no control sequences from the input", () => {
  const nasty = "c\n\u001b[2J\u001b[31mred\r\u0000\u0007\u202egnp.exe";

  function clientNamed(name: string) {
    return { resource: { genesyscloud_oauth_client: { [name]: { name: "N", authorized_grant_type: "CLIENT-CREDENTIALS", roles: [] } } } };
  }

  it("a resource name with a newline and ANSI escapes: the text report shows it escaped on one line", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(clientNamed(nasty)));
    let stdout = "";
    const code = await runAudit([dir], { stdout: (t) => (stdout += t), stderr: () => undefined, color: true });
    expect(code).toBe(1);
    // Colour codes are the report's own; none comes from the input.
    expect(stdout.replace(/\u001b\[(?:0|1|3[1356])m/g, "")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(stdout).not.toContain("\u001b[2J");
    const lines = stdout.split("\n");
    expect(lines.filter((l) => l.includes("red"))).toHaveLength(2); // the group header and the finding
    expect(stdout).toContain("genesyscloud_oauth_client.c\\n\\u001b[2J\\u001b[31mred\\r\\u0000\\u0007\\u202egnp.exe");
  });

  it("an InputError naming that resource (declared twice) is one line on stderr, with no ESC byte", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "a.tf.json"), JSON.stringify(clientNamed(nasty)));
    fs.writeFileSync(path.join(dir, "b.tf.json"), JSON.stringify(clientNamed(nasty)));
    const r = await cli(dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(r.stderr).toContain("c\\n\\u001b[2J");
  });

  it("an InputError whose field is a key with a newline and ANSI escapes (intents) is one line, with no ESC byte", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(clientNamed("c")));
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify({ principals: { [`x${nasty}`]: { capabilities: ["recordings:read"] } } }));
    const r = await cli(path.join(dir, "main.tf.json"), "--intents", path.join(dir, "intents.json"));
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
  });

  it("a 10 MB value or key in an InputError: stderr stays short", async () => {
    const dir = tempDir();
    const key = `k${"Z".repeat(10 << 20)}`;
    // A repeated key is refused with the key in the message; an unknown key names it as the field.
    fs.writeFileSync(path.join(dir, "intents.json"), `{"principals": {}, ${JSON.stringify(key)}: 1, ${JSON.stringify(key)}: 2}`);
    fs.writeFileSync(path.join(dir, "unknown.json"), JSON.stringify({ principals: {}, [key]: 1 }));
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(clientNamed("c")));
    for (const intents of ["intents.json", "unknown.json"]) {
      const r = await cli(path.join(dir, "main.tf.json"), "--intents", path.join(dir, intents));
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr.length).toBeLessThan(2000);
      expect(r.stderr).toContain(`chars)`);
    }
  });

  it("InputError itself caps and escapes what it is given", () => {
    const err = new InputError(`f\u001b[1m${"F".repeat(5000)}`, `a\nb${"G".repeat(5000)}`, `bad\r\u0007 ${"H".repeat(1 << 20)} end`);
    expect(err.message.split("\n")).toHaveLength(1);
    expect(err.message).not.toMatch(/[\u0000-\u001f]/);
    expect(err.message.length).toBeLessThan(3000);
    expect(err.message).toMatch(/ end$/); // the end of the problem stays: it says what is wrong
  });
});

describe("JUnit and SARIF stay valid for any name", () => {
  const names = ["c\u0000\u0001\u0008\u000b\u000c\u001b[0m\u007f\u0085", "lone\ud800surrogate", "nonchar\uffff\ufffe", 'quote"amp&lt<gt>'];

  function strictXmlProblem(xml: string): string | undefined {
    const parser = new SaxesParser();
    let problem: string | undefined;
    parser.on("error", (e) => (problem ??= e.message));
    parser.write(xml).close();
    return problem;
  }

  it("control characters, lone surrogates and non-characters in names: junit.xml is well-formed XML 1.0 and SARIF validates", async () => {
    const dir = tempDir();
    const tf = {
      resource: { genesyscloud_oauth_client: Object.fromEntries(names.map((n) => [n, { name: n, authorized_grant_type: "CLIENT-CREDENTIALS", roles: [] }])) },
    };
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(tf));
    const intents = {
      principals: {},
      acknowledgements: [
        { ruleId: "GRG002", target: names[0], reason: `reason with \u0001 and \u001b[31m ${names[1]}`, owner: names[2], expires: "2099-01-01" },
      ],
    };
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(intents));
    const args = [path.join(dir, "main.tf.json"), "--intents", path.join(dir, "intents.json"), "--today", "2026-11-21"];

    const junit = (await cli(...args, "--format", "junit")).stdout;
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(strictXmlProblem(junit)).toBeUndefined();
    // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    expect(junit).not.toMatch(
      /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\ud800-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    );
    expect(junit).toContain("GRG001");

    const sarifText = (await cli(...args, "--format", "sarif")).stdout;
    expect(sarifText).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i); // no lone surrogate escapes
    const sarif = JSON.parse(sarifText);
    const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(names.length);
  });

  it("a file path with spaces, '#' and non-ASCII letters: the SARIF artifact URI is valid", async () => {
    const dir = path.join(tempDir(), "my dir #1 ü");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({ resource: { genesyscloud_oauth_client: { c: { name: "N", authorized_grant_type: "CLIENT-CREDENTIALS", roles: [] } } } }),
    );
    const sarif = JSON.parse((await cli(dir, "--format", "sarif")).stdout);
    const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;
    expect(decodeURIComponent(uri)).toBe(path.join(dir, "main.tf.json"));
  });
});

describe("Markdown: no image, link or @mention from user text", () => {
  const hostile = "see ![x](https://evil.example/x.png) and [click](https://evil.example) cc @org/team and @someone";

  /** The Markdown outside code spans (where GitHub renders links, images and mentions), as CommonMark reads backslash escapes and backtick runs. */
  function outsideCode(markdown: string): string {
    const unescaped = markdown.replace(/\\[\\`]/g, "  "); // an escaped backslash or backtick is text, not a fence
    return unescaped.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, " ");
  }

  function expectInert(markdown: string) {
    const text = outsideCode(markdown);
    expect(text).not.toMatch(/(?<!\\)\[[^\]\n]*(?<!\\)\]\(/); // [..](..) and ![..](..)
    expect(text).not.toMatch(/(?<![A-Za-z0-9_])@(org|someone)\b/); // where GitHub sees a mention
    expect(text).not.toMatch(/<(img|a)\b/i);
  }

  it("an acknowledgement reason with an image, a link and mentions renders none of them", async () => {
    const dir = tempDir();
    const intents = readFixture("GRG002", "intents.json");
    intents.acknowledgements = [
      {
        ruleId: "GRG002",
        target: "genesyscloud_oauth_client.loadtest",
        reason: hostile,
        owner: "@org/owners",
        expires: "2099-01-01",
        ticket: "[T-1](https://evil.example)",
      },
    ];
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(intents));
    const r = await cli(path.join(FIX, "GRG002", "fail.tf.json"), "--intents", path.join(dir, "intents.json"), "--format", "markdown", "--today", "2026-11-21");
    expect(r.stdout).toContain("acknowledged");
    expectInert(r.stdout);
    // Still readable: the words are there, the mention is shown as code.
    expect(r.stdout).toContain("`@org/team`");
    expect(r.stdout).toContain("click");
  });

  it("values echoed in messages and in the access matrix render none of them either", async () => {
    const dir = tempDir();
    const tf = readFixture("GRG002", "fail.tf.json");
    tf.resource.genesyscloud_oauth_client.loadtest.state = hostile; // echoed by GRG012, shown in the matrix
    tf.resource.genesyscloud_oauth_client.loadtest.name = hostile;
    tf.resource.genesyscloud_auth_role.reader.name = "`@org/team` ``[x](https://evil.example)`` `";
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(tf));
    const args = [path.join(dir, "main.tf.json"), "--intents", path.join(FIX, "GRG002", "intents.json"), "--today", "2026-11-21"];
    for (const format of ["markdown", "access"]) {
      const r = await cli(...args, "--format", format);
      expect(r.stdout).toContain("click");
      expectInert(r.stdout);
    }
  });
});

describe("values a plan marks sensitive never reach a report", () => {
  const SECRETS = ["Sup3r-Secret-State-Value", "Sup3r-Secret-Token-Lifetime", "Sup3r-Secret-Client-Name", "Sup3r-Secret-Client-Secret-abcdef0123456789"];

  /** A plan whose client takes invalid (so echoed) sensitive values, from a sensitive variable and by schema. */
  function plan(markSensitive: boolean) {
    const client = {
      access_token_validity_seconds: SECRETS[1],
      authorized_grant_type: "CLIENT-CREDENTIALS",
      client_secret: SECRETS[3],
      expose_client_secret: true,
      name: SECRETS[2],
      roles: [{ division_id: "*", role_id: "role-id-1" }],
      state: SECRETS[0],
    };
    const sensitive = markSensitive ? { access_token_validity_seconds: true, client_secret: true, name: true, roles: [{}], state: true } : { roles: [{}] };
    return {
      format_version: "1.2",
      terraform_version: "1.9.0",
      variables: { client_state: { value: SECRETS[0] } },
      planned_values: {
        root_module: {
          resources: [
            {
              address: "genesyscloud_oauth_client.loadtest",
              mode: "managed",
              type: "genesyscloud_oauth_client",
              name: "loadtest",
              values: client,
              sensitive_values: sensitive,
            },
          ],
        },
      },
      resource_changes: [
        {
          address: "genesyscloud_oauth_client.loadtest",
          mode: "managed",
          type: "genesyscloud_oauth_client",
          name: "loadtest",
          change: { actions: ["create"], before: null, after: client, after_unknown: { id: true }, before_sensitive: false, after_sensitive: sensitive },
        },
      ],
      configuration: {
        root_module: {
          variables: { client_state: markSensitive ? { sensitive: true } : {} },
          resources: [
            {
              address: "genesyscloud_oauth_client.loadtest",
              mode: "managed",
              type: "genesyscloud_oauth_client",
              name: "loadtest",
              expressions: { state: { references: ["var.client_state"] }, name: { constant_value: SECRETS[2] } },
            },
          ],
        },
      },
    };
  }

  async function audit(markSensitive: boolean) {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "plan.json"), JSON.stringify(plan(markSensitive)));
    const intents = {
      principals: {
        "genesyscloud_oauth_client.loadtest": { capabilities: ["recordings:read"], divisions: ["*"], run: { durationSeconds: 7200, requestsPerSecond: 1 } },
      },
    };
    fs.writeFileSync(path.join(dir, "intents.json"), JSON.stringify(intents));
    return [path.join(dir, "plan.json"), "--intents", path.join(dir, "intents.json"), "--today", "2026-11-21"];
  }

  it("the redactor replaces a secret whole, cut by a cap, JSON-escaped, and a short one only as a word", () => {
    const long = `tok-${"s".repeat(300)}`;
    const redact = redactor(["Sup3r-Secret", long, 'quote"d-secret', "42"]);
    expect(redact("a Sup3r-Secret b")).toBe("a (sensitive) b");
    expect(redact(`got "${capValue(long)}"`)).toBe('got "(sensitive)…(304 chars)"');
    expect(redact(JSON.stringify('quote"d-secret'))).toBe('"(sensitive)"');
    expect(redact("42 requests, 420 s, x42")).toBe("(sensitive) requests, 420 s, x42");
    expect(redactor([])("unchanged")).toBe("unchanged");
  });

  it("unmarked, the invalid values are echoed (the test would see a leak)", async () => {
    const json = (await cli(...(await audit(false)), "--format", "json")).stdout;
    expect(json).toContain(SECRETS[0]);
    expect(json).toContain(SECRETS[1]);
  });

  it("marked sensitive: no format and no bundle file shows them; the findings are the same", async () => {
    const args = await audit(true);
    const outputs = await everyOutput(args);
    for (const [name, text] of outputs) for (const secret of SECRETS) expect({ name, leaks: text.includes(secret) }).toEqual({ name, leaks: false });
    expect(outputs.get("--format json")).toContain("(sensitive)");

    const decisions = (text: string) =>
      JSON.parse(text).findings.map((f: Record<string, unknown>) => [f.ruleId, f.address, f.severity, f.httpStatus, f.certainty]);
    const plain = decisions((await cli(...(await audit(false)), "--format", "json")).stdout);
    expect(decisions(outputs.get("--format json")!)).toEqual(plain);
    expect(plain.map((d: unknown[]) => d[0])).toEqual(expect.arrayContaining(["GRG012", "GRG016"]));
  });
});
