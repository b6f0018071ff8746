// The input adapters: HCL, Terraform JSON and plan JSON must give the engine the same view of
// one configuration (test/fixtures/equivalence), bad input is one InputError line naming the
// file, directories are walked deterministically, and findings can be given lines.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../model/input-error";
import { loadIntents } from "../readers/intents";
import { audit } from "../engine/engine";
import { ReferenceResolver } from "../analyses/references";
import { readHcl } from "../readers/terraform/hcl";
import { createLineFinder, findLine } from "../readers/terraform/line-finder";
import { loadConfigurations, loadInputs } from "../readers/terraform/load-inputs";
import { readPlanJson } from "../readers/terraform/plan-json";

const EQ = "test/fixtures/equivalence";
const INPUTS = "test/fixtures/inputs";

// Paths are relative to the repository root, jest's working directory (files show as given).
beforeAll(() => expect(path.resolve(EQ)).toBe(path.join(__dirname, "fixtures", "equivalence")));

async function findingsOf(file: string) {
  const { config } = await loadInputs([file]);
  return audit({ config, ...loadIntents(`${EQ}/intents.json`) }).map((f) => ({
    ruleId: f.ruleId,
    address: f.address,
    severity: f.severity,
    httpStatus: f.httpStatus,
    message: f.message,
  }));
}

async function inputError(paths: string[]): Promise<InputError> {
  const err = await loadInputs(paths).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).message).not.toContain("\n");
  return err as InputError;
}

describe("one configuration, three input kinds", () => {
  it("gives the same findings from main.tf, main.tf.json and plan.json", async () => {
    const hcl = await findingsOf(`${EQ}/main.tf`);
    expect(await findingsOf(`${EQ}/main.tf.json`)).toEqual(hcl);
    expect(await findingsOf(`${EQ}/plan.json`)).toEqual(hcl);
    // Not vacuous: division (403), token lifetime (401), rate (429), trunk consent, retention (404).
    expect(hcl.map((f) => f.ruleId).sort()).toEqual(["GRG003", "GRG007", "GRG009", "GRG010", "GRG011"]);
    expect(hcl.find((f) => f.ruleId === "GRG003")?.message).toContain("only granted in the home division (data.genesyscloud_auth_division_home.home)");
    expect(hcl.every((f) => f.severity !== "unknown")).toBe(true);
  });

  it("reports the kind and a content hash of each input, shown relative to the working directory", async () => {
    for (const [file, kind] of [
      ["main.tf", "hcl"],
      ["main.tf.json", "terraform-json"],
      ["plan.json", "plan-json"],
    ]) {
      const { inputs } = await loadInputs([path.resolve(EQ, file)]);
      expect(inputs).toEqual([{ file: `${EQ}/${file}`, kind, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    }
  });
});

// The three files together declare everything twice: Terraform would refuse that, so do we.
it("refuses a resource declared twice (main.tf next to main.tf.json)", async () => {
  const err = await inputError([`${EQ}/main.tf`, `${EQ}/main.tf.json`]);
  expect(err.message).toMatch(
    /^test\/fixtures\/equivalence\/main\.tf\.json: genesyscloud_auth_division\.sales: declared again \(first in test\/fixtures\/equivalence\/main\.tf\)/,
  );
});

// cdktf.out holds one directory per stack; each is its own Terraform module, audited on its own.
it("reads each stack directory as its own root configuration (the same address in two is no conflict)", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "grg-stacks-"));
  try {
    const body = JSON.stringify({ resource: { genesyscloud_auth_division: { sales: { name: "Sales" } } } });
    for (const stack of ["prod", "test"]) {
      fs.mkdirSync(path.join(root, "stacks", stack), { recursive: true });
      fs.writeFileSync(path.join(root, "stacks", stack, "cdk.tf.json"), body);
    }
    const { configurations, failed } = await loadConfigurations([root]);
    expect(failed).toEqual([]);
    expect(configurations.map((c) => [c.name, c.config.resources.map((r) => r.address)])).toEqual([
      [path.join(root, "stacks", "prod"), ["genesyscloud_auth_division.sales"]],
      [path.join(root, "stacks", "test"), ["genesyscloud_auth_division.sales"]],
    ]);
    // One configuration is what loadInputs (the budget command, the tests) reads: it names the second.
    const err = await inputError([root]);
    expect(err.message).toBe(
      `${path.join(root, "stacks", "test")}: a second root configuration (after ${path.join(root, "stacks", "prod")}; 2 in all): files in different directories are different Terraform modules; name one directory`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

describe("HCL", () => {
  it("keeps references as whole-string interpolations the resolver understands", async () => {
    const config = await readHcl(
      [
        'variable "region" {\n  default = "eu"\n}',
        'resource "genesyscloud_oauth_client" "c" {\n  name = "c"\n  authorized_grant_type = "CLIENT-CREDENTIALS"\n  roles {\n    role_id = genesyscloud_auth_role.r.id\n  }\n}',
        'resource "genesyscloud_telephony_providers_edges_trunkbasesettings" "t" {\n  properties = jsonencode({ trunk_recording_enabled = { value = { instance = var.on } } })\n}',
      ].join("\n"),
      "inline.tf",
    );
    const client = config.resources.find((r) => r.address === "genesyscloud_oauth_client.c")!;
    expect(client.values.roles).toEqual([{ role_id: "${genesyscloud_auth_role.r.id}" }]);
    const resolved = new ReferenceResolver(config).resolve((client.values.roles as Record<string, unknown>[])[0].role_id);
    expect(resolved).toMatchObject({ kind: "ref", address: "genesyscloud_auth_role.r", attribute: "id" });
    expect(config.variables).toEqual({ region: "eu" });
    // jsonencode over a reference cannot be evaluated: it stays an expression (unknown to rules).
    const trunk = config.resources.find((r) => r.type === "genesyscloud_telephony_providers_edges_trunkbasesettings")!;
    expect(trunk.values.properties).toMatch(/^\$\{jsonencode\(/);
  });

  it("evaluates jsonencode of a literal as Terraform does (sorted keys, compact)", async () => {
    const { config } = await loadInputs([`${EQ}/main.tf`]);
    const trunk = config.resources.find((r) => r.type === "genesyscloud_telephony_providers_edges_trunkbasesettings")!;
    const { config: plan } = await loadInputs([`${EQ}/plan.json`]);
    expect(trunk.values.properties).toBe(plan.resources.find((r) => r.address === trunk.address)!.values.properties);
  });
});

describe("plan JSON", () => {
  it("fills attributes unknown at plan time from configuration references", async () => {
    const { config } = await loadInputs([`${EQ}/plan.json`]);
    const client = config.resources.find((r) => r.address === "genesyscloud_oauth_client.loadtest")!;
    expect(client.values.roles).toEqual([
      { role_id: "${genesyscloud_auth_role.recording_reader.id}", division_id: "${data.genesyscloud_auth_division_home.home.id}" },
    ]);
    // The data source read while planning comes from prior_state.
    expect(config.resources.find((r) => r.address === "data.genesyscloud_auth_division_home.home")?.values).toMatchObject({ name: "Home" });
  });

  it("pairs set blocks by known values, prefixes module references, drops computed-only outputs", () => {
    const ref = (r: string) => ({ references: [r, r.slice(0, r.lastIndexOf("."))] });
    const config = readPlanJson(
      {
        format_version: "1.2",
        terraform_version: "1.9.8",
        planned_values: {
          root_module: {
            child_modules: [
              {
                address: "module.access",
                resources: [
                  {
                    address: "module.access.data.genesyscloud_auth_division.sales",
                    mode: "data",
                    type: "genesyscloud_auth_division",
                    name: "sales",
                    values: { id: "div-sales", name: "Sales" },
                  },
                  {
                    address: "module.access.genesyscloud_oauth_client.client",
                    mode: "managed",
                    type: "genesyscloud_oauth_client",
                    name: "client",
                    // Terraform's set order, not the source order; role ids unknown.
                    values: {
                      name: "c",
                      authorized_grant_type: "CLIENT-CREDENTIALS",
                      client_id: "3f2a",
                      roles: [{ division_id: "*" }, { division_id: "div-sales" }],
                    },
                  },
                ],
              },
            ],
          },
        },
        resource_changes: [
          {
            address: "module.access.genesyscloud_oauth_client.client",
            change: { after_unknown: { id: true, description: true, roles: [{ role_id: true }, { role_id: true }] } },
          },
        ],
        configuration: {
          root_module: {
            module_calls: {
              access: {
                module: {
                  resources: [
                    {
                      address: "genesyscloud_oauth_client.client",
                      mode: "managed",
                      type: "genesyscloud_oauth_client",
                      name: "client",
                      expressions: {
                        description: { references: ["var.a", "var.b"] },
                        roles: [
                          { role_id: ref("genesyscloud_auth_role.reader.id"), division_id: ref("data.genesyscloud_auth_division.sales.id") },
                          { role_id: ref("genesyscloud_auth_role.admin.id"), division_id: { constant_value: "*" } },
                        ],
                      },
                    },
                  ],
                },
              },
            },
          },
        },
      },
      "inline-plan.json",
    );
    const client = config.resources.find((r) => r.address === "module.access.genesyscloud_oauth_client.client")!;
    expect(client.values).toEqual({
      name: "c",
      authorized_grant_type: "CLIENT-CREDENTIALS",
      description: "${known after apply: module.access.var.a, module.access.var.b}",
      roles: [
        { division_id: "*", role_id: "${module.access.genesyscloud_auth_role.admin.id}" },
        { division_id: "${module.access.data.genesyscloud_auth_division.sales.id}", role_id: "${module.access.genesyscloud_auth_role.reader.id}" },
      ],
    });
    expect(new ReferenceResolver(config).resolve((client.values.roles as Record<string, unknown>[])[1].division_id)).toMatchObject({
      kind: "ref",
      resource: { type: "genesyscloud_auth_division", mode: "data" },
    });
  });
});

describe("bad input is one line naming the file", () => {
  it("malformed JSON: the parse position", async () => {
    const err = await inputError([`${INPUTS}/malformed.json`]);
    expect(err.message).toBe(`${INPUTS}/malformed.json: line 4, column 37: not valid JSON: property name expected`);
  });

  it("HCL syntax error: the line", async () => {
    const err = await inputError([`${INPUTS}/syntax-error.tf`]);
    expect(err.message).toMatch(/^test\/fixtures\/inputs\/syntax-error\.tf: line 3, column \d+: HCL syntax error: Invalid expression/);
  });

  it("missing file", async () => {
    const err = await inputError([`${INPUTS}/nope.tf.json`]);
    expect(err.message).toBe(`${INPUTS}/nope.tf.json: file not found`);
  });

  it("JSON named explicitly that is neither Terraform JSON nor plan JSON", async () => {
    const err = await inputError([`${INPUTS}/not-terraform.json`]);
    expect(err.message).toMatch(/^test\/fixtures\/inputs\/not-terraform\.json: not Terraform JSON or plan JSON/);
  });
});

describe("directories", () => {
  const expected = [
    "data.genesyscloud_auth_division_home.home",
    "genesyscloud_auth_division.sales",
    "genesyscloud_auth_role.reader",
    "genesyscloud_oauth_client.loadtest",
  ];

  it("walks recursively in sorted order, skipping JSON that is not Terraform; each directory is a root configuration", async () => {
    const { configurations } = await loadConfigurations([`${INPUTS}/tree`]);
    expect(configurations.map((c) => [c.name, c.inputs.map((i) => `${i.kind} ${i.file}`)])).toEqual([
      [`${INPUTS}/tree`, [`hcl ${INPUTS}/tree/a.tf`, `hcl ${INPUTS}/tree/z-client.tf`]],
      [`${INPUTS}/tree/nested`, [`terraform-json ${INPUTS}/tree/nested/roles.tf.json`]],
    ]);
    expect(configurations.flatMap((c) => c.config.resources.map((r) => r.address)).sort()).toEqual(expected);
    // nested/ is a module of its own: its role is not the root's (z-client.tf's role_id does not resolve there).
    const root = configurations[0].config;
    expect(root.resources.map((r) => r.address)).not.toContain("genesyscloud_auth_role.reader");
  });

  it("skips node_modules, .terraform, .git and other dot-directories", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-walk-"));
    try {
      fs.cpSync(`${INPUTS}/tree`, dir, { recursive: true });
      const stray = 'resource "genesyscloud_auth_division" "stray" {\n  name = "x"\n}\n';
      for (const d of ["node_modules/m", ".terraform/modules/m", ".git", ".hidden"]) {
        fs.mkdirSync(path.join(dir, d), { recursive: true });
        fs.writeFileSync(path.join(dir, d, "main.tf"), stray);
      }
      const { configurations } = await loadConfigurations([dir]);
      expect(configurations.map((c) => c.name)).toEqual([dir, path.join(dir, "nested")]);
      expect(configurations.flatMap((c) => c.config.resources.map((r) => r.address)).sort()).toEqual(expected);
      // Outside the working directory, files are shown as found.
      expect(configurations[0].inputs[0].file).toBe(path.join(dir, "a.tf"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("line finder", () => {
  const text = (f: string) => fs.readFileSync(`${EQ}/${f}`, "utf8");

  it("finds declarations in HCL, Terraform JSON and pretty-printed plan JSON", () => {
    expect(findLine(text("main.tf"), "hcl", "genesyscloud_oauth_client.loadtest")).toBe(48);
    expect(findLine(text("main.tf"), "hcl", "data.genesyscloud_auth_division_home.home")).toBe(22);
    expect(findLine(text("main.tf.json"), "terraform-json", "genesyscloud_oauth_client.loadtest")).toBe(35);
    expect(findLine(text("main.tf.json"), "terraform-json", "data.genesyscloud_auth_division_home.home")).toBe(18);
    expect(findLine(text("plan.json"), "plan-json", "genesyscloud_oauth_client.loadtest")).toBe(
      lineOf(text("plan.json"), '"address": "genesyscloud_oauth_client.loadtest"'),
    );
    expect(findLine(text("main.tf"), "hcl", "genesyscloud_oauth_client.absent")).toBeUndefined();
    // Providers, under the address the schema rule reports them with.
    expect(findLine(text("main.tf"), "hcl", "provider.genesyscloud")).toBe(17);
    expect(findLine(text("main.tf.json"), "terraform-json", "provider.genesyscloud")).toBe(15);
  });

  it("handles bare HCL labels, arrays in Terraform JSON, and one-line plan JSON", () => {
    expect(findLine(fs.readFileSync(`${INPUTS}/tree/z-client.tf`, "utf8"), "hcl", "genesyscloud_oauth_client.loadtest")).toBe(1);
    expect(findLine(fs.readFileSync(`${INPUTS}/tree/nested/roles.tf.json`, "utf8"), "terraform-json", "genesyscloud_auth_role.reader")).toBe(6);
    // Braces, brackets, quotes and escapes inside strings do not confuse the scanner.
    const tricky =
      '{\n  "//": "a { [ \\" } ]",\n  "resource": {\n    "genesyscloud_auth_role": {\n      "a": { "name": "x\\\\", "description": "}}" },\n      "b\\u0062": {}\n    }\n  }\n}';
    expect(JSON.parse(tricky).resource.genesyscloud_auth_role.bb).toEqual({});
    expect(findLine(tricky, "terraform-json", "genesyscloud_auth_role.a")).toBe(5);
    expect(findLine(tricky, "terraform-json", "genesyscloud_auth_role.bb")).toBe(6);
    // As terraform writes it: one line, so no line is worth reporting.
    expect(findLine(JSON.stringify(JSON.parse(text("plan.json"))) + "\n", "plan-json", "genesyscloud_oauth_client.loadtest")).toBeUndefined();
  });

  it("reads each file once for all its findings", async () => {
    const { inputs } = await loadInputs([`${EQ}/main.tf.json`]);
    const reads: string[] = [];
    const lineOfFinding = createLineFinder(inputs, (f) => (reads.push(f), fs.readFileSync(f, "utf8")));
    expect(lineOfFinding(`${EQ}/main.tf.json`, "genesyscloud_auth_role.recording_reader")).toBe(25);
    expect(lineOfFinding(`${EQ}/main.tf.json`, "genesyscloud_auth_division.sales")).toBe(22);
    expect(lineOfFinding("elsewhere.tf", "genesyscloud_auth_division.sales")).toBeUndefined();
    expect(reads).toEqual([`${EQ}/main.tf.json`]);
  });
});

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}
