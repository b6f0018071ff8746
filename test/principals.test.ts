// Principals read their grants when first asked; hasGrants answers without reading them. Both
// must agree with the grants themselves, including `dynamic "roles"` blocks and empty entries.
import * as fs from "fs";
import { generateConfig } from "../bench/generate";
import { readPrincipals } from "../analyses/principals";
import { ReferenceResolver } from "../analyses/references";
import { readTerraformJson } from "../readers/terraform/tf-json";
import { fixtureTfJsonFiles } from "./corpus";
import type { TfConfiguration } from "../model/terraform";

function configs(): TfConfiguration[] {
  const files = fixtureTfJsonFiles();
  const handWritten: TfConfiguration = readTerraformJson(
    {
      resource: {
        genesyscloud_oauth_client: {
          none: { name: "n", authorized_grant_type: "CLIENT-CREDENTIALS" },
          empty_list: { name: "e", authorized_grant_type: "CLIENT-CREDENTIALS", roles: [] },
          dynamic_only: {
            name: "d",
            authorized_grant_type: "CLIENT-CREDENTIALS",
            dynamic: { roles: { for_each: "${var.roles}", content: { role_id: "${roles.value}" } } },
          },
          dynamic_empty: { name: "d", authorized_grant_type: "CLIENT-CREDENTIALS", dynamic: { roles: { for_each: "${var.roles}" } } },
        },
        genesyscloud_user_roles: { u: { user_id: "x", roles: [{ role_id: "r", division_ids: [] }] } },
        genesyscloud_group_roles: { g: { group_id: "x", roles: [{ role_id: "r", division_ids: ["a", "b"] }] } },
      },
    },
    "hand.tf.json",
  );
  return [
    handWritten,
    readTerraformJson(JSON.parse(generateConfig(1000).text), "bench.tf.json"),
    ...files.map((f) => readTerraformJson(JSON.parse(fs.readFileSync(f, "utf8")), f)),
  ];
}

it("hasGrants agrees with the grants read, before and after they are read", () => {
  let withGrants = 0;
  let without = 0;
  for (const config of configs()) {
    const resolver = new ReferenceResolver(config);
    for (const p of readPrincipals(config, resolver, undefined)) {
      const before = p.hasGrants;
      const grants = p.grants;
      expect({ address: p.address, before, after: p.hasGrants }).toEqual({ address: p.address, before: grants.length > 0, after: grants.length > 0 });
      expect(p.grants).toBe(grants); // read once
      if (grants.length) withGrants++;
      else without++;
    }
  }
  expect(withGrants).toBeGreaterThan(100);
  expect(without).toBeGreaterThan(3);
});
