// What Terraform does with a key repeated in one JSON object of a *.tf.json file (HCL's JSON
// syntax keeps every definition of a property, unlike JSON.parse, which keeps the last):
//  - a block type (top-level "resource", "data", "provider", ...; a resource type under them; a
//    nested block type a resource's schema declares; "dynamic", "provisioner") names more blocks:
//    the definitions are merged;
//  - anything else is refused by Terraform: a second argument ("Duplicate argument"), a second
//    block with the same address ("Duplicate resource configuration"), a second variable, output,
//    module call or local of one name.
// Plan JSON is written by Terraform and never repeats a key: there, every repeat is refused.
// Source: HCL JSON syntax specification ("Preserve multiple definitions of the same property
// name"; bodies merge blocks, attributes are unique) and Terraform's duplicate-declaration errors.
import type { DuplicatePolicy } from "../json-text";
import { type SchemaBlock, resourceSchema } from "../../genesys/provider";

const TOP_LEVEL_BLOCK_TYPES = new Set([
  "resource",
  "data",
  "provider",
  "terraform",
  "variable",
  "output",
  "module",
  "locals",
  "moved",
  "import",
  "check",
  "removed",
]);
/** Meta-argument blocks a resource may repeat ("lifecycle" and "connection" it may not). */
const REPEATABLE_META_BLOCKS = new Set(["dynamic", "provisioner"]);

const DUPLICATE_ARGUMENT = 'Terraform refuses a repeated argument ("Duplicate argument"); write it once';

export const terraformJsonDuplicates: DuplicatePolicy = (path, key) => {
  if (path.length === 0) return TOP_LEVEL_BLOCK_TYPES.has(key) ? "merge" : "Terraform JSON has no such top-level block type to repeat";
  const [section] = path;
  if (section === "resource" || section === "data") {
    if (path.length === 1) return "merge"; // one resource type written twice: all its blocks count
    if (path.length === 2)
      return `Terraform refuses a second block with the same address ("Duplicate ${section === "data" ? "data " : ""}resource configuration")`;
    return isRepeatableBlock(section === "resource" ? "managed" : "data", path[1], path.slice(3), key) ? "merge" : DUPLICATE_ARGUMENT;
  }
  if (section === "provider" && path.length === 1) return "merge"; // aliased configurations of one provider
  if (path.length === 1 && (section === "variable" || section === "output" || section === "module")) {
    return `Terraform refuses a second ${section === "module" ? "module call" : section} of one name ("Duplicate ${section === "module" ? "module call" : `${section} declaration`}")`;
  }
  if (section === "locals" && path.length === 1) return 'Terraform refuses a second local value of one name ("Duplicate local value definition")';
  return DUPLICATE_ARGUMENT;
};

function isRepeatableBlock(mode: "managed" | "data", type: string, within: readonly string[], key: string): boolean {
  if (within.length === 0 && REPEATABLE_META_BLOCKS.has(key)) return true;
  let block: SchemaBlock | undefined = resourceSchema(mode, type);
  for (const name of within) block = block?.block_types?.[name]?.block;
  return block?.block_types !== undefined && Object.prototype.hasOwnProperty.call(block.block_types, key);
}
