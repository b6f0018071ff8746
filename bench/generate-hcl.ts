// The bench's configuration written as people write HCL: the same resources as generate.ts (so the
// same intents apply), printed as blocks where the provider schema has blocks, with the rest of
// the syntax real configurations use: comments of all three kinds, heredocs (plain and indented,
// with interpolations), variables, locals with for expressions, functions, conditionals, template
// directives, escapes, one-line blocks, dynamic blocks, jsonencode'd trunk properties, outputs
// with splats. Deterministic: the layout choices come from a seeded Rng. Used by the bench (HCL vs
// hcl2json's JSON for it) and the differential test (test/hcl-differential.test.ts).
import { resourceSchema, type SchemaBlock } from "../genesys/provider";
import type { Intents } from "../model/intents";
import { generateConfig } from "./generate";
import { Rng } from "./prng";

type Json = Record<string, unknown>;

export interface GeneratedHcl {
  text: string;
  intents: Intents;
  resourceCount: number;
}

const WHOLE_REFERENCE = /^\$\{([A-Za-z0-9_.-]+)\}$/;

/** A JSON string as an HCL quoted string (interpolations in it stay interpolations). */
function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

class Printer {
  readonly lines: string[] = [];
  constructor(private readonly rng: Rng) {}

  value(v: unknown, indent: string): string {
    if (typeof v === "string") {
      const ref = WHOLE_REFERENCE.exec(v);
      return ref ? ref[1] : quote(v);
    }
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (v === null) return "null";
    if (Array.isArray(v)) {
      const items = v.map((x) => this.value(x, `${indent}  `));
      const one = `[${items.join(", ")}]`;
      if (one.length < 100) return one;
      return `[\n${items.map((x) => `${indent}  ${x},`).join("\n")}\n${indent}]`;
    }
    const obj = v as Json;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (!keys.length) return "{}";
    const width = Math.max(...keys.map((k) => k.length));
    const sep = this.rng.chance(0.1) ? ":" : "=";
    return `{\n${keys.map((k) => `${indent}  ${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k.padEnd(width) : quote(k)} ${sep} ${this.value(obj[k], `${indent}  `)}`).join("\n")}\n${indent}}`;
  }

  /** A block body: attributes (aligned, as terraform fmt writes them) then nested blocks from the schema. */
  body(values: Json, schema: SchemaBlock | undefined, indent: string): void {
    const blockTypes = schema?.block_types ?? {};
    const attrs = Object.keys(values).filter((k) => k !== "//" && values[k] !== undefined && !(k in blockTypes));
    const width = attrs.length ? Math.max(...attrs.map((k) => k.length)) : 0;
    for (const k of attrs) {
      const v = values[k];
      const roll = this.rng.next();
      if (k === "description" && typeof v === "string" && roll < 0.15) {
        // An indented heredoc with an interpolation; hcl2json strips the indentation.
        this.lines.push(
          `${indent}${k.padEnd(width)} = <<-EOT`,
          `${indent}  ${v.replace(/\$\{/g, () => "$${")}`,
          `${indent}    (environment \${var.environment})`,
          `${indent}  EOT`,
        );
        continue;
      }
      if (k === "description" && typeof v === "string" && roll < 0.2) {
        this.lines.push(
          `${indent}${k.padEnd(width)} = <<EOT`,
          `${v} for %{ if var.environment == "prod" }production%{ else }\${var.environment}%{ endif }`,
          "EOT",
        );
        continue;
      }
      if (k === "name" && typeof v === "string" && roll < 0.05) {
        this.lines.push(`${indent}${k.padEnd(width)} = format("%s", ${quote(v)}) // formatted`);
        continue;
      }
      if (k === "properties" && typeof v === "string") {
        this.lines.push(`${indent}${k.padEnd(width)} = jsonencode(${this.value(JSON.parse(v), indent)})`);
        continue;
      }
      const comment = roll > 0.97 ? " # reviewed" : roll > 0.95 ? " /* kept */" : "";
      this.lines.push(`${indent}${k.padEnd(width)} = ${this.value(v, indent)}${comment}`);
    }
    for (const [k, type] of Object.entries(blockTypes)) {
      const v = values[k];
      if (v === undefined) continue;
      const entries = (Array.isArray(v) ? v : [v]) as Json[];
      for (const entry of entries) {
        const nested = Object.keys(entry).filter((x) => entry[x] !== undefined);
        // One-line blocks for a single short attribute, as people write them.
        if (nested.length === 1 && !(nested[0] in (type.block.block_types ?? {})) && typeof entry[nested[0]] !== "object" && this.rng.chance(0.5)) {
          this.lines.push(`${indent}${k} { ${nested[0]} = ${this.value(entry[nested[0]], indent)} }`);
          continue;
        }
        this.lines.push(`${indent}${k} {`);
        this.body(entry, type.block, `${indent}  `);
        this.lines.push(`${indent}}`);
      }
    }
  }
}

/** `resources` resource and data source blocks, as HCL. */
export function generateHclConfig(resources: number, seed = 20261205): GeneratedHcl {
  const base = generateConfig(resources);
  const doc = JSON.parse(base.text) as Json;
  const rng = new Rng(seed ^ resources);
  const p = new Printer(rng);
  const out = p.lines;
  out.push(
    "/*",
    " * Recording guard bench configuration (generated).",
    " * Written the way CX-as-Code repositories write HCL.",
    " */",
    "terraform {",
    "  required_providers {",
    "    genesyscloud = {",
    '      source  = "mypurecloud/genesyscloud"',
    '      version = "1.84.1"',
    "    }",
    "  }",
    '  backend "local" {',
    '    path = "terraform.bench.tfstate"',
    "  }",
    "}",
    "",
    'provider "genesyscloud" {',
    '  aws_region = "us-east-1" # the org\'s region',
    "}",
    "",
    'variable "environment" {',
    "  type    = string",
    '  default = "bench"',
    "}",
    "",
    'variable "queue_names" {',
    "  type    = list(string)",
    '  default = ["Support", "Sales", "Billing"]',
    "}",
    "",
    "locals {",
    '  queue_keys   = [for q in var.queue_names : lower(replace(q, " ", "_"))]',
    '  queue_by_key = { for i, q in var.queue_names : lower(q) => i... if q != "" }',
    '  label        = "${upper(var.environment)}-%{ for q in var.queue_names }${q},%{ endfor }"',
    '  literal      = "$${not_interpolated} and 100%% {ok}"',
    "  banner       = <<-EOT",
    "    Recording bench for ${var.environment}",
    "      indented line",
    "",
    "    last line",
    "    EOT",
    '  retention    = var.environment == "prod" ? 365 : 30',
    "  extra_policies = [",
    '    { domain = "analytics", entity = "conversationDetail", actions = ["view"] },',
    "  ]",
    "}",
    "",
  );
  const sections: [string, "managed" | "data", Json][] = [
    ["data", "data", (doc.data ?? {}) as Json],
    ["resource", "managed", (doc.resource ?? {}) as Json],
  ];
  let n = 0;
  for (const [keyword, mode, byType] of sections) {
    for (const [type, byName] of Object.entries(byType)) {
      const schema = resourceSchema(mode, type);
      for (const [name, raw] of Object.entries(byName as Json)) {
        const values = raw as Json;
        n++;
        if (rng.chance(0.2)) out.push(`# ${type} ${name}`);
        else if (rng.chance(0.05)) out.push(`// ${name}: generated`);
        out.push(`${keyword} "${type}" "${name}" {`);
        p.body(values, schema, "  ");
        if (type === "genesyscloud_auth_role" && rng.chance(0.03)) {
          out.push(
            '  dynamic "permission_policies" {',
            "    for_each = local.extra_policies",
            "    content {",
            "      domain      = permission_policies.value.domain",
            "      entity_name = permission_policies.value.entity",
            "      action_set  = permission_policies.value.actions",
            "    }",
            "  }",
          );
        }
        if (mode === "managed" && rng.chance(0.05)) out.push("  lifecycle { create_before_destroy = true }");
        out.push("}", "");
      }
    }
  }
  out.push(
    'output "client_ids" {',
    "  value = [for c in values(genesyscloud_oauth_client) : c.id]",
    "}",
    'output "role_names" {',
    "  value = values(genesyscloud_auth_role)[*].name",
    "}",
    "",
  );
  void n;
  return { text: out.join("\n"), intents: base.intents, resourceCount: base.resourceCount };
}
