// npm run docs: rewrites docs/rules.md from the rule metadata.
import * as fs from "fs";
import * as path from "path";
import { renderRuleDocs } from "../reporters/rule-docs";

const file = path.join(__dirname, "..", "docs", "rules.md");
fs.writeFileSync(file, renderRuleDocs());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
