import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildApp } from "../app/build-app";
import { validateAgainstSchema } from "../analyses/schema-validation";
import { readTerraformJson } from "../readers/terraform/tf-json";

const validate = (doc: unknown) => validateAgainstSchema(readTerraformJson(doc, "test.tf.json"));
const resource = (type: string, name: string, body: unknown) => ({ resource: { [type]: { [name]: body } } });
const role = { name: "Reader", permission_policies: [{ domain: "recording", entity_name: "recording", action_set: ["view"] }] };

describe("validateAgainstSchema on the app's stacks", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-schema-"));
    const { app } = buildApp(path.join(__dirname, "..", "config", "environments"), outdir);
    app.synth();
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it.each(["test", "prod"])("finds no problem in the synthesized %s stack", (stack) => {
    const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
    const config = readTerraformJson(JSON.parse(fs.readFileSync(file, "utf8")), file);
    expect(config.resources.length).toBeGreaterThan(0);
    expect(validateAgainstSchema(config)).toEqual([]);
  });
});

describe("validateAgainstSchema", () => {
  it("accepts a valid configuration, with blocks as objects or arrays and interpolations anywhere", () => {
    expect(
      validate({
        provider: { genesyscloud: { aws_region: "us-east-1", token_pool_size: 10, alias: "second" } },
        data: { genesyscloud_auth_division_home: { home: {} } },
        resource: {
          genesyscloud_auth_role: { reader: role },
          genesyscloud_oauth_client: {
            c: {
              name: "c",
              authorized_grant_type: "CLIENT-CREDENTIALS",
              access_token_validity_seconds: "${var.ttl}",
              depends_on: ["genesyscloud_auth_role.reader"],
              roles: { role_id: "${genesyscloud_auth_role.reader.id}", division_id: "${data.genesyscloud_auth_division_home.home.id}" },
            },
          },
          genesyscloud_recording_media_retention_policy: {
            p: {
              name: "p",
              order: "1",
              enabled: "true",
              media_policies: [{ call_policy: [{ actions: [{ retain_recording: true, retention_duration: { delete_retention: { days: 30 } } }] }] }],
            },
          },
        },
      }),
    ).toEqual([]);
  });

  it("ignores types of other providers", () => {
    expect(validate(resource("aws_s3_bucket", "b", { whatever: 1 }))).toEqual([]);
  });

  it("reports an unknown resource type, suggesting the close one", () => {
    const [p] = validate(resource("genesyscloud_recording_media_retention_polcy", "p", { name: "p" }));
    expect(p).toMatchObject({
      address: "genesyscloud_recording_media_retention_polcy.p",
      path: "",
      suggestion: "did you mean genesyscloud_recording_media_retention_policy?",
    });
    expect(p.problem).toMatch(/unknown resource type/);
    expect(p.outsideVendoredSchema).toBeUndefined();
  });

  it("explains the invented genesyscloud_organization_settings data source", () => {
    const [p] = validate({ data: { genesyscloud_organization_settings: { org: {} } } });
    expect(p.address).toBe("data.genesyscloud_organization_settings.org");
    expect(p.problem).toMatch(/no data source for org limits or org settings/);
    expect(p.suggestion).toMatch(/\/api\/v2\/organizations\/limits\/namespaces\/\{ns\}/);
  });

  it("marks a genesyscloud type far from every vendored one as outside the vendored schema, not as non-existent", () => {
    const [p] = validate(resource("genesyscloud_quantum_recorder", "q", { name: "q" }));
    expect(p.outsideVendoredSchema).toBe(true);
  });

  it("reports an unknown nested attribute with its path and a suggestion", () => {
    const problems = validate(
      resource("genesyscloud_recording_media_retention_policy", "p", { name: "p", media_policies: { call_policy: { actions: { retain_recordng: true } } } }),
    );
    expect(problems).toEqual([
      {
        address: "genesyscloud_recording_media_retention_policy.p",
        path: "media_policies[0].call_policy[0].actions[0].retain_recordng",
        problem: "unknown attribute or block",
        suggestion: "did you mean retain_recording?",
      },
    ]);
  });

  it("suggests the snake_case name for a camelCase attribute", () => {
    const [p] = validate(resource("genesyscloud_oauth_client", "c", { name: "c", authorized_grant_type: "CODE", accessTokenValiditySeconds: 300 }));
    expect(p.suggestion).toBe("did you mean access_token_validity_seconds?");
  });

  it("explains the invented recording_max_rps attribute, in resources and in the provider block", () => {
    const problems = validate({
      provider: { genesyscloud: [{ aws_region: "us-east-1", recording_max_rps: 50 }] },
      ...resource("genesyscloud_oauth_client", "c", { name: "c", authorized_grant_type: "CODE", recording_max_rps: 50 }),
    });
    expect(problems.map((p) => [p.address, p.path])).toEqual([
      ["genesyscloud_oauth_client.c", "recording_max_rps"],
      ["provider.genesyscloud", "recording_max_rps"],
    ]);
    for (const p of problems) {
      expect(p.problem).toMatch(/no recording rate setting/);
      expect(p.suggestion).toMatch(/limits\/namespaces/);
    }
    expect(problems[1].file).toBe("test.tf.json");
  });

  it.each([
    ["a bool", { enabled: "yes" }, "enabled", /expected bool, got the string "yes"/],
    ["a number", { order: "first" }, "order", /expected number/],
    ["a string", { description: ["a"] }, "description", /expected string, got an array/],
  ])("reports the wrong type for %s", (_kind, extra, attr, problem) => {
    const [p] = validate(resource("genesyscloud_recording_media_retention_policy", "p", { name: "p", ...extra }));
    expect(p.path).toBe(attr);
    expect(p.problem).toMatch(problem);
  });

  it("checks list elements", () => {
    const [p] = validate(
      resource("genesyscloud_auth_role", "r", {
        name: "r",
        permission_policies: [{ domain: "recording", entity_name: "recording", action_set: ["view", { a: 1 }] }],
      }),
    );
    expect(p.path).toBe("permission_policies[0].action_set");
    expect(p.problem).toMatch(/element \[1\] got an object/);
  });

  it("reports a missing required attribute, also in nested blocks", () => {
    const problems = validate(resource("genesyscloud_auth_role", "r", { permission_policies: [{ domain: "recording", action_set: ["view"] }] }));
    expect(problems.map((p) => `${p.path}: ${p.problem}`).sort()).toEqual([
      "name: missing required attribute",
      "permission_policies[0].entity_name: missing required attribute",
    ]);
  });

  it("reports a missing required block", () => {
    const problems = validate(
      resource("genesyscloud_auth_role", "r", {
        name: "r",
        permission_policies: [{ domain: "routing", entity_name: "queue", action_set: ["view"], conditions: { conjunction: "AND" } }],
      }),
    );
    expect(problems).toEqual([
      { address: "genesyscloud_auth_role.r", path: "permission_policies[0].conditions[0].terms", problem: "missing required block (at least 1)" },
    ]);
  });

  it("reports too many blocks", () => {
    const [p] = validate(resource("genesyscloud_recording_media_retention_policy", "p", { name: "p", media_policies: [{}, {}] }));
    expect(p).toMatchObject({ path: "media_policies", problem: "block may appear at most 1 time(s), found 2" });
  });

  it("reports a computed-only attribute that is set", () => {
    const [p] = validate(resource("genesyscloud_oauth_client", "c", { name: "c", authorized_grant_type: "CODE", client_id: "abc" }));
    expect(p).toMatchObject({ path: "client_id", problem: "computed by the provider: it cannot be set" });
  });

  it("accepts dynamic blocks and checks their content", () => {
    const problems = validate(
      resource("genesyscloud_oauth_client", "c", {
        name: "c",
        authorized_grant_type: "CLIENT-CREDENTIALS",
        dynamic: { roles: { for_each: "${var.roles}", content: { role_id: "${roles.value}", divison_id: "*" } }, rolez: { for_each: "${var.x}", content: {} } },
      }),
    );
    expect(problems.map((p) => `${p.path}: ${p.suggestion}`)).toEqual([
      "dynamic.roles.content.divison_id: did you mean division_id?",
      "dynamic.rolez: did you mean roles?",
    ]);
  });

  it("is linear: 50k resources validate quickly", () => {
    const clients: Record<string, unknown> = {};
    for (let i = 0; i < 50_000; i++) {
      clients[`c${i}`] = {
        name: `c${i}`,
        authorized_grant_type: "CLIENT-CREDENTIALS",
        roles: [{ role_id: "${genesyscloud_auth_role.reader.id}", division_id: "*" }],
        typo_attr: true,
      };
    }
    const config = readTerraformJson({ resource: { genesyscloud_oauth_client: clients } }, "big.tf.json");
    const started = Date.now();
    const problems = validateAgainstSchema(config);
    expect(problems).toHaveLength(50_000);
    expect(Date.now() - started).toBeLessThan(10_000); // ~0.1 s in plain node; generous for loaded CI machines
  });
});
