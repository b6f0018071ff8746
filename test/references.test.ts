// The one-scan reading of `${type.name.attr}` (analyses/references.ts) must split exactly where the
// regular expression does, and only where it would resolve to a resource reference.
import { Rng } from "../bench/prng";
import { ReferenceResolver, simpleReferenceSplit } from "../analyses/references";

// The resolver's grammar, written out as the specification.
const WHOLE_REFERENCE = /^\$\{\s*((?:module\.[A-Za-z0-9_-]+\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\s*\}$/;
const SEGMENTS = ["a", "b1", "x_y", "x-y", "data", "var", "local", "module", "count", "id", "_", "-", "9"];
const NOISE = ["", "", "", "", " ", "$", "{", "}", "é", ".", "-"];

it("splits every generated template where the regular expression does", () => {
  const rng = new Rng(11);
  let fast = 0;
  for (let i = 0; i < 50_000; i++) {
    const pick = (xs: string[]) => xs[rng.int(0, xs.length - 1)];
    const inner = Array.from({ length: rng.int(1, 5) }, () => pick(SEGMENTS) + pick(NOISE)).join(".");
    const text = rng.chance(0.9) ? `\${${inner}}` : inner;
    const split = simpleReferenceSplit(text);
    if (split === 0) continue;
    fast++;
    const m = WHOLE_REFERENCE.exec(text);
    expect({ text, address: m?.[1], attribute: m?.[2] }).toEqual({ text, address: text.slice(2, split), attribute: text.slice(split + 1, -1) });
    expect(/^(var|local|module)\./.test(m![1])).toBe(false);
  }
  expect(fast).toBeGreaterThan(300);
});

it("resolves the usual shapes and leaves the rest to the regular expressions", () => {
  const role = {
    address: "genesyscloud_auth_role.r",
    mode: "managed" as const,
    type: "genesyscloud_auth_role",
    name: "r",
    values: {},
    location: { file: "x" },
  };
  const home = {
    address: "data.genesyscloud_auth_division_home.home",
    mode: "data" as const,
    type: "genesyscloud_auth_division_home",
    name: "home",
    values: {},
    location: { file: "x" },
  };
  const resolver = new ReferenceResolver({ resources: [role, home], providers: [], variables: { region: "eu" }, locals: {}, moduleCalls: [] });
  expect(resolver.resolve("${genesyscloud_auth_role.r.id}")).toEqual({ kind: "ref", address: "genesyscloud_auth_role.r", attribute: "id", resource: role });
  expect(resolver.resolve("${data.genesyscloud_auth_division_home.home.id}")).toEqual({
    kind: "ref",
    address: "data.genesyscloud_auth_division_home.home",
    attribute: "id",
    resource: home,
  });
  expect(resolver.resolve("${ genesyscloud_auth_role.r.id }")).toEqual({ kind: "ref", address: "genesyscloud_auth_role.r", attribute: "id", resource: role });
  expect(resolver.resolve("${module.m.genesyscloud_auth_role.r.id}")).toEqual({
    kind: "ref",
    address: "module.m.genesyscloud_auth_role.r",
    attribute: "id",
    resource: undefined,
  });
  expect(resolver.resolve("${var.region}")).toEqual({ kind: "literal", value: "eu" });
  expect(resolver.resolve("${local.x.id}")).toEqual({ kind: "unknown", text: "${local.x.id}" });
  expect(resolver.resolve("${genesyscloud_auth_role.r.id}-x")).toEqual({ kind: "unknown", text: "${genesyscloud_auth_role.r.id}-x" });
});

it("resolves instance references, module instance paths and locals; indexes into variables are not resources", () => {
  const mk = (address: string) => ({ address, mode: "managed" as const, type: "genesyscloud_auth_role", name: "r", values: {}, location: { file: "x" } });
  const block = mk("genesyscloud_auth_role.r");
  const planned = mk('genesyscloud_auth_role.p["a"]');
  const inModule = mk('module.m["a"].genesyscloud_auth_role.r');
  const resolver = new ReferenceResolver({
    resources: [block, planned, inModule],
    providers: [],
    variables: { ttl: 900 },
    locals: { division: "d-1", ttl: "${var.ttl}", loop: "${local.loop}", built: "${upper(var.x)}" },
    moduleCalls: [],
  });
  // Configuration: every instance of a block is the block; plan JSON: the instance itself.
  for (const key of ["0", '"a"', "count.index", "each.key"])
    expect(resolver.resolve(`\${genesyscloud_auth_role.r[${key}].id}`)).toMatchObject({ kind: "ref", resource: block });
  expect(resolver.resolve('${genesyscloud_auth_role.p["a"].id}')).toMatchObject({ kind: "ref", address: 'genesyscloud_auth_role.p["a"]', resource: planned });
  expect(resolver.resolve('${module.m["a"].genesyscloud_auth_role.r.id}')).toMatchObject({ kind: "ref", resource: inModule });
  for (const text of ["${var.roles[0].id}", '${local.roles["a"].id}', '${module.roles["x"].id}', "${each.value[0].id}"])
    expect(resolver.resolve(text)).toEqual({ kind: "unknown", text });
  expect(resolver.resolve("${local.division}")).toEqual({ kind: "literal", value: "d-1" });
  expect(resolver.resolveNumber("${local.ttl}")).toEqual({ kind: "number", value: 900 }); // a local that is a variable
  expect(resolver.resolve("${local.loop}")).toEqual({ kind: "unknown", text: "${local.loop}" }); // a cycle ends
  expect(resolver.resolve("${local.built}")).toEqual({ kind: "unknown", text: "${local.built}" }); // functions are not evaluated
  expect(resolver.resolve("${local.missing}")).toEqual({ kind: "unknown", text: "${local.missing}" });
});
