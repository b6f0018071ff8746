#!/usr/bin/env node
// Generates TypeScript bindings for the Genesys Cloud provider from the vendored schema
// (genesys/provider-schema.json), offline: no terraform binary, no registry, no network.
// Plain JavaScript so that `npm ci` can run it as the prepare script before anything is compiled.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const ROOT = path.resolve(__dirname, "..");
const SCHEMA = path.join(ROOT, "genesys", "provider-schema.json");
const OUT = path.join(ROOT, ".gen", "providers");
const STAMP = path.join(OUT, "genesyscloud", "schema.sha256");
const PROVIDER = { name: "genesyscloud", source: "mypurecloud/genesyscloud", version: "~> 1.84" };

async function main() {
  const schemaText = fs.readFileSync(SCHEMA, "utf8");
  const digest = crypto.createHash("sha256").update(schemaText).digest("hex");
  if (process.argv.includes("--if-stale") && readStamp() === digest) return;

  // @cdktf/commons runs `terraform version` as it loads and reports failures to HashiCorp's
  // telemetry endpoint. Generation needs neither: name a binary that does not exist (nothing is
  // spawned) and disable telemetry, so generation stays offline and silent.
  process.env.TERRAFORM_BINARY_NAME = "genesys-recording-guard-no-terraform-needed";
  process.env.CHECKPOINT_DISABLE = "1";
  // cdktf's generator (lib/, @cdktf/commons) or, installed under the same name, cdktn's (build/, @cdktn/commons).
  const generatorPath = require.resolve("@cdktf/provider-generator");
  const generatorRoot = path.dirname(require.resolve("@cdktf/provider-generator/package.json"));
  const fromGenerator = (names) => {
    for (const name of names) {
      try {
        return require(require.resolve(name, { paths: [generatorPath] }));
      } catch {
        // try the next name
      }
    }
    throw new Error(`none of ${names.join(", ")} found beside @cdktf/provider-generator`);
  };
  const commons = fromGenerator(["@cdktf/commons", "@cdktn/commons"]);
  const codemaker = fromGenerator(["codemaker"]);
  const layout = ["lib", "build"].find((dir) => fs.existsSync(path.join(generatorRoot, dir, "get", "generator", "provider-generator.js")));
  const { TerraformProviderGenerator } = require(path.join(generatorRoot, layout ?? "lib", "get", "generator", "provider-generator"));

  const code = new codemaker.CodeMaker();
  const generator = new TerraformProviderGenerator(code, bindingSchema(JSON.parse(schemaText)));
  const constraint = new commons.TerraformProviderConstraint(PROVIDER);
  generator.generate(new commons.ConstructsMakerProviderTarget(constraint, commons.LANGUAGES[0]));

  // Write next to the target and swap in, so an interrupted run never leaves half a binding set.
  const tmp = `${OUT}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await code.save(tmp); // CodeMaker writes <tmp>/providers/genesyscloud/...
  importAsCdktf(tmp);
  fs.writeFileSync(path.join(tmp, "providers", "genesyscloud", "schema.sha256"), `${digest}\n`);
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.renameSync(path.join(tmp, "providers"), OUT);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`generated Genesys Cloud provider bindings in ${path.relative(ROOT, OUT)} (schema sha256 ${digest.slice(0, 12)})`);
}

// Bindings only for the types the app declares (constructs/, stacks/): the vendored schema holds
// every type of the provider (143 resources, 114 data sources), whose bindings are about 9.6 MB of
// TypeScript that npm ci would generate and tsc compile for nothing. The audit validates against
// the whole schema; a construct that needs another type adds it here.
const BINDING_TYPES = {
  resource_schemas: [
    "genesyscloud_auth_division",
    "genesyscloud_auth_role",
    "genesyscloud_flow",
    "genesyscloud_group_roles",
    "genesyscloud_oauth_client",
    "genesyscloud_organization_authentication_settings",
    "genesyscloud_recording_media_retention_policy",
    "genesyscloud_telephony_providers_edges_site",
    "genesyscloud_telephony_providers_edges_trunk",
    "genesyscloud_telephony_providers_edges_trunkbasesettings",
    "genesyscloud_user_roles",
  ],
  data_source_schemas: [
    "genesyscloud_auth_division",
    "genesyscloud_auth_division_home",
    "genesyscloud_auth_role",
    "genesyscloud_authorization_product",
    "genesyscloud_flow",
    "genesyscloud_oauth_client",
    "genesyscloud_organizations_me",
    "genesyscloud_recording_media_retention_policy",
    "genesyscloud_telephony_providers_edges_site",
    "genesyscloud_telephony_providers_edges_trunk",
    "genesyscloud_telephony_providers_edges_trunkbasesettings",
  ],
};

function bindingSchema(schema) {
  for (const provider of Object.values(schema.provider_schemas)) {
    for (const [table, types] of Object.entries(BINDING_TYPES)) {
      const all = provider[table];
      const missing = types.filter((t) => !Object.prototype.hasOwnProperty.call(all, t));
      if (missing.length) throw new Error(`the vendored schema lacks ${missing.join(", ")}`);
      provider[table] = Object.fromEntries(types.map((t) => [t, all[t]]));
    }
  }
  return schema;
}

function readStamp() {
  try {
    return fs.readFileSync(STAMP, "utf8").trim();
  } catch {
    return undefined;
  }
}

module.exports = { BINDING_TYPES };

if (require.main === module) {
  main().catch((err) => {
    console.error(`generate-bindings: ${err.message}`);
    process.exit(1);
  });
}

/**
 * cdktn's generator writes `import * as cdktn from 'cdktn'`; this project imports the package as
 * `cdktf` (on cdktn, an npm alias `"cdktf": "npm:cdktn@..."`): one copy of the library, so that
 * resources and stacks share its classes. The bindings are made to import it by that name too.
 */
function importAsCdktf(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) importAsCdktf(file);
    else if (file.endsWith(".ts")) {
      const text = fs.readFileSync(file, "utf8");
      const renamed = text.replace(/import \* as cdktn from 'cdktn';/g, "import * as cdktn from 'cdktf';");
      if (renamed !== text) fs.writeFileSync(file, renamed);
    }
  }
}
