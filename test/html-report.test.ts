// The HTML evidence page: escaped, deterministic, self-contained, and rendered in a real headless
// Chromium (Debian package `chromium`, driven by playwright-core) without errors or network.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { chromium, type Browser } from "playwright-core";
import { attachLines } from "../cli/attach-lines";
import { loadIntents, parseIntents } from "../readers/intents";
import { auditWithAcknowledgements } from "../engine/engine";
import type { AcknowledgementStatus } from "../engine/acknowledge";
import { buildAccessMatrix } from "../reporters/access-matrix";
import { causalChains, escapeHtml, formatHtml } from "../reporters/html";
import type { ReportContext } from "../reporters/report-context";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { useTempDirs } from "./helpers";

// Debian's chromium by default; CHROMIUM_PATH points elsewhere (e.g. google-chrome on GitHub runners).
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const FIXTURES = path.join(__dirname, "..", "rules", "fixtures");
const tempDir = useTempDirs();

/** The broken GRG003 fixture (read granted in home only, intended in sales), audited as the CLI does. */
function brokenContext(acknowledgements?: AcknowledgementStatus[]): ReportContext {
  const file = path.relative(process.cwd(), path.join(FIXTURES, "GRG003", "fail.tf.json"));
  const intentsFile = path.relative(process.cwd(), path.join(FIXTURES, "GRG003", "intents.json"));
  const text = fs.readFileSync(file, "utf8");
  const config = readTerraformJson(JSON.parse(text), file);
  const { intents } = loadIntents(intentsFile);
  const inputs = [{ file, kind: "terraform-json" as const, sha256: createHash("sha256").update(text).digest("hex") }];
  const result = auditWithAcknowledgements({ config, intents, intentsFile, today: "2026-11-21" });
  return { findings: attachLines(result.findings, inputs), inputs, config, intents, acknowledgements: acknowledgements ?? result.acknowledgements };
}

describe("HTML evidence page (static)", () => {
  it("escapes every value, including user-controlled names and messages", () => {
    const evil = `<script>alert("x")</script>`;
    const config = readTerraformJson(
      {
        resource: {
          genesyscloud_auth_role: {
            r: { name: `role ${evil}`, permission_policies: [{ domain: "recording", entity_name: "recording", action_set: ["view"] }] },
          },
          genesyscloud_oauth_client: {
            c: { name: `client ${evil}`, authorized_grant_type: "CLIENT-CREDENTIALS", roles: [{ role_id: "${genesyscloud_auth_role.r.id}" }] },
          },
          genesyscloud_telephony_providers_edges_trunkbasesettings: { t: { name: `trunk ${evil}`, trunk_type: "EXTERNAL", properties: "{}" } },
        },
      },
      "main.tf.json",
    );
    const intents = parseIntents({ principals: { "genesyscloud_oauth_client.c": { capabilities: ["recordings:read-screen"] } } }, "intents.json");
    const { findings } = auditWithAcknowledgements({ config, intents, today: "2026-11-21" });
    const page = formatHtml({
      findings: [...findings, { ...findings[0], message: `message ${evil}`, remediation: `fix ${evil}`, file: `dir/${evil}.tf.json` }],
      inputs: [{ file: `${evil}.tf.json`, kind: "terraform-json", sha256: "0".repeat(64) }],
      config,
      intents,
      acknowledgements: [
        { ruleId: "GRG002", target: evil, reason: `reason ${evil} long enough`, owner: evil, expires: "2026-12-31", status: "orphaned", matched: 0 },
      ],
    });
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(escapeHtml(`client ${evil}`));
    expect(page).toContain("role &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).toContain(escapeHtml(`message ${evil}`));
    expect(page).toContain(escapeHtml(`trunk ${evil}`));
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("is self-contained and deterministic", () => {
    const page = formatHtml(brokenContext());
    expect(formatHtml(brokenContext())).toBe(page);
    expect(page).not.toMatch(/(?:src|href|action|srcset|poster|data)\s*=\s*["']?(?!#)[a-z]+:/i);
    expect(page).not.toMatch(/url\(/i);
    expect(page).not.toMatch(/@import/i);
    expect(page).not.toMatch(/<(?:script|link|img|iframe|object|embed)\b/i);
    expect(page).toContain(`default-src 'none'`);
    expect(page).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:/); // no timestamps
  });

  it("shows each finding with its causal chain, location and remediation", () => {
    const ctx = brokenContext();
    const f = ctx.findings.find((x) => x.ruleId === "GRG003")!;
    expect(f.line).toBeGreaterThan(0);
    const [chain] = causalChains(f, buildAccessMatrix(ctx));
    expect(chain.map((s) => s.kind)).toEqual(["principal", "role", "division", "missing permission", "endpoint", "outcome"]);
    expect(chain[0].text).toBe("genesyscloud_oauth_client.loadtest (CLIENT-CREDENTIALS)");
    expect(chain[1].text).toBe("genesyscloud_auth_role.reader (granted only in the home division (division unset))");
    expect(chain[2].text).toBe("genesyscloud_auth_division.sales");
    expect(chain[3].text).toContain("recordings:read: any one of recording:recording:view");
    expect(chain[4].text).toBe("GET /api/v2/conversations/{conversationId}/recordings");
    expect(chain[5].text).toMatch(/^HTTP 403 \(likely\)/);

    const page = formatHtml(ctx);
    expect(page).toContain(`${escapeHtml(f.file)}:${f.line}`);
    expect(page).toContain(escapeHtml(f.remediation));
    expect(page).toContain("HTTP 403");
  });

  it("lists acknowledgements with their state, input digests and versions", () => {
    const ctx = brokenContext([
      {
        ruleId: "GRG003",
        target: "genesyscloud_oauth_client.loadtest",
        reason: "Sales reads are not needed until Q1",
        owner: "team-qa",
        expires: "2026-12-31",
        ticket: "QA-12",
        status: "active",
        matched: 1,
      },
      {
        ruleId: "GRG010",
        target: "genesyscloud_telephony_providers_edges_trunkbasesettings.x",
        reason: "Trunk goes away with the migration",
        owner: "team-voice",
        expires: "2026-01-01",
        status: "expired",
        matched: 1,
      },
      {
        ruleId: "GRG011",
        target: "nowhere",
        reason: "Left over from an older configuration",
        owner: "team-qa",
        expires: "2027-01-01",
        status: "orphaned",
        matched: 0,
      },
    ]);
    const page = formatHtml(ctx);
    for (const text of ["QA-12", "team-voice", "Left over from an older configuration", ">active<", ">expired<", ">orphaned<"]) expect(page).toContain(text);
    expect(page).toContain(ctx.inputs[0].sha256);
    expect(page).toContain("registry.terraform.io/mypurecloud/genesyscloud v1.84.1");
    expect(page).toContain("genesys-recording-guard-rules@");
  });
});

describe("HTML evidence page in headless Chromium", () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install the Debian package (apt-get update && apt-get install -y chromium). This test never skips.`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders the page of a broken configuration without errors or network, and takes a screenshot", async () => {
    if (!browser) throw new Error(`headless Chromium (${CHROMIUM}) did not start`);
    const dir = tempDir("grg-html-");
    const file = path.join(dir, "evidence.html");
    fs.writeFileSync(file, formatHtml(brokenContext()));

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
    const page = await context.newPage();
    const problems: string[] = [];
    const network: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("request", (r) => {
      if (!r.url().startsWith("file://")) network.push(r.url());
    });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file://")) return route.continue();
      network.push(url);
      return route.abort();
    });

    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: "load" });

    expect(await page.title()).toBe("Genesys Recording Guard: recording access evidence");
    const finding = page.locator("article.finding").first();
    await expect(finding.isVisible()).resolves.toBe(true);
    const findingText = await finding.innerText();
    expect(findingText).toContain("GRG003");
    expect(findingText).toContain("HTTP 403");
    expect(await page.locator("ol.chain li").count()).toBeGreaterThanOrEqual(6);
    const matrix = page.locator("table.matrix").first();
    await expect(matrix.isVisible()).resolves.toBe(true);
    expect(await matrix.innerText()).toContain("recordings:read");
    expect(await page.locator("td.cell.intended.st-not-granted").count()).toBe(1);
    for (const id of ["summary", "findings", "matrix", "trunks", "retention", "acknowledgements", "inputs", "versions"]) {
      expect(await page.locator(`section#${id}`).isVisible()).toBe(true);
    }

    const shot = path.join(dir, "evidence.png");
    await page.screenshot({ path: shot, fullPage: true });
    await context.close();

    expect(fs.existsSync(shot)).toBe(true);
    const png = fs.readFileSync(shot);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.length).toBeGreaterThan(20_000);
    expect(problems).toEqual([]);
    expect(network).toEqual([]);
    expect(page.url()).toBe(url);
  });
});
