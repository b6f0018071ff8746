// Terraform override files (override.tf, *_override.tf, *_override.tf.json): the audit must check
// the configuration Terraform would plan after the merge, and refuse what Terraform refuses.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../model/input-error";
import { audit } from "../engine/engine";
import { loadInputs } from "../readers/terraform/load-inputs";

const GRG014_FAIL = "rules/fixtures/GRG014/fail.tf.json";
const GRG016_FAIL = "rules/fixtures/GRG016/fail.tf.json";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-override-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

async function ruleIds(paths: string[]): Promise<string[]> {
  const { config } = await loadInputs(paths);
  return audit({ config }).map((f) => `${f.ruleId} ${f.address}`);
}

async function loadError(paths: string[]): Promise<string> {
  const err = await loadInputs(paths).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  const message = (err as InputError).message;
  expect(message).not.toContain("\n");
  return message;
}

it("applies an argument from a JSON override file: the secret is no longer exposed", async () => {
  write("main.tf.json", fs.readFileSync(GRG016_FAIL, "utf8"));
  expect(await ruleIds([dir])).toContain("GRG016 genesyscloud_oauth_client.loadtest");
  write("secret_override.tf.json", { resource: { genesyscloud_oauth_client: { loadtest: { expose_client_secret: false } } } });
  expect(await ruleIds([dir])).not.toContain("GRG016 genesyscloud_oauth_client.loadtest");
});

it("replaces every nested block of a type, as Terraform does, from an HCL override.tf", async () => {
  write("main.tf.json", fs.readFileSync(GRG014_FAIL, "utf8")); // two policies with made-up actions
  expect((await ruleIds([dir])).filter((id) => id.startsWith("GRG014"))).not.toEqual([]);
  write(
    "override.tf",
    'resource "genesyscloud_auth_role" "reader" {\n  permission_policies {\n    domain      = "recording"\n    entity_name = "recording"\n    action_set  = ["view"]\n  }\n}\n',
  );
  const { config } = await loadInputs([dir]);
  const role = config.resources.find((r) => r.address === "genesyscloud_auth_role.reader")!;
  expect(role.values.permission_policies).toEqual([{ domain: "recording", entity_name: "recording", action_set: ["view"] }]);
  expect(role.values.name).toBe("Recording reader"); // arguments the override does not set stay
  expect(role.location.file).toBe(path.join(dir, "main.tf.json")); // findings point at the primary block
  expect((await ruleIds([dir])).filter((id) => id.startsWith("GRG014"))).toEqual([]);
});

it("applies several override files in name order: the last one wins", async () => {
  write("main.tf.json", fs.readFileSync(GRG016_FAIL, "utf8"));
  write("a_override.tf.json", { resource: { genesyscloud_oauth_client: { loadtest: { expose_client_secret: false } } } });
  write("b_override.tf.json", { resource: { genesyscloud_oauth_client: { loadtest: { expose_client_secret: true } } } });
  expect(await ruleIds([dir])).toContain("GRG016 genesyscloud_oauth_client.loadtest");
});

it("refuses an override of a resource no primary file declares (Terraform: Missing resource to override)", async () => {
  write("main.tf.json", fs.readFileSync(GRG016_FAIL, "utf8"));
  const override = write("extra_override.tf.json", { resource: { genesyscloud_auth_division: { sales: { name: "Sales" } } } });
  const message = await loadError([dir]);
  expect(message).toBe(
    `${override}: genesyscloud_auth_division.sales: overrides a resource that no primary (non-override) file in its directory declares: Terraform refuses this ("Missing resource to override")`,
  );
});

it("refuses an override of a data source no primary file declares", async () => {
  write("main.tf.json", fs.readFileSync(GRG016_FAIL, "utf8"));
  write("override.tf.json", { data: { genesyscloud_auth_division_home: { home: {} } } });
  expect(await loadError([dir])).toContain(
    'data.genesyscloud_auth_division_home.home: overrides a data source that no primary (non-override) file in its directory declares: Terraform refuses this ("Missing data resource to override")',
  );
});

it("does not let an override in one directory change a resource in another (each directory is a module)", async () => {
  write("a/main.tf.json", fs.readFileSync(GRG016_FAIL, "utf8"));
  write("b/secret_override.tf.json", { resource: { genesyscloud_oauth_client: { loadtest: { expose_client_secret: false } } } });
  const message = await loadError([dir]);
  expect(message).toContain("genesyscloud_oauth_client.loadtest: overrides a resource that no primary (non-override) file in its directory declares");
});

it("lets an override introduce the default provider block but not an aliased one", async () => {
  write("main.tf.json", { resource: { genesyscloud_auth_division: { sales: { name: "Sales" } } } });
  write("provider_override.tf.json", { provider: { genesyscloud: { aws_region: "eu-west-1" } } });
  const { config } = await loadInputs([dir]);
  expect(config.providers.map((p) => p.values)).toEqual([{ aws_region: "eu-west-1" }]);

  write("z_override.tf.json", { provider: { genesyscloud: { alias: "east", aws_region: "us-east-1" } } });
  expect(await loadError([dir])).toContain(
    "provider.genesyscloud.east: overrides an aliased provider block that no primary file declares: Terraform refuses this (an override file may add only the default provider block)",
  );
});
