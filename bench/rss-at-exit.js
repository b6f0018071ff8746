// Preloaded into a CLI run by bench/hcl.ts: writes the process's peak RSS (KiB) to the file
// GRG_RSS_FILE names when it exits, however it exits.
"use strict";
const fs = require("fs");
process.on("exit", () => {
  if (process.env.GRG_RSS_FILE) fs.writeFileSync(process.env.GRG_RSS_FILE, String(process.resourceUsage().maxRSS));
});
