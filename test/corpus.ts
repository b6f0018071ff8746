// What the tests that compare two implementations run them on: every Terraform JSON fixture of
// the project, and seeded mutations of realistic bodies.
import * as fs from "fs";
import * as path from "path";
import type { Rng } from "../bench/prng";

/** Every *.tf.json under the rule fixtures and the test fixtures, in a stable order. */
export function fixtureTfJsonFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".tf.json") ? [path.join(dir, e.name)] : []));
  return [...walk("rules/fixtures"), ...walk("test/fixtures")];
}

// Small edits of the kinds a hand-written configuration gets wrong, applied at any depth.
const VALUES: unknown[] = [null, 0, 12, "12", "", "x", "true", true, "${var.x}", "%{ if x }y%{ endif }", [], ["a"], [1, null], [{}], {}, { a: 1 }, { a: "b" }];

export function mutate(value: unknown, rng: Rng, depth = 0): unknown {
  if (Array.isArray(value)) {
    const copy = value.map((v) => (rng.chance(0.5) ? mutate(v, rng, depth + 1) : v));
    if (rng.chance(0.15)) copy.push(copy[0] ?? {});
    if (rng.chance(0.1)) copy.pop();
    return copy;
  }
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys[rng.int(0, Math.max(0, keys.length - 1))];
    const roll = rng.next();
    if (key === undefined || roll < 0.1) copy[rng.chance(0.5) ? "unknown_key" : "dynamic"] = rng.chance(0.5) ? {} : "x";
    else if (roll < 0.3) delete copy[key];
    else if (roll < 0.6) copy[key] = VALUES[rng.int(0, VALUES.length - 1)];
    else if (depth < 4) copy[key] = mutate(copy[key], rng, depth + 1);
    if (rng.chance(0.1)) copy.count = 2;
    if (rng.chance(0.1)) copy["//"] = { metadata: { path: "x" } };
    // JSON.parse makes "__proto__" an own key; plain assignment would set the prototype instead.
    if (rng.chance(0.05))
      Object.defineProperty(copy, "__proto__", { value: rng.chance(0.5) ? { bogus: 1 } : "x", enumerable: true, writable: true, configurable: true });
    return copy;
  }
  return VALUES[rng.int(0, VALUES.length - 1)];
}
