// Builds dist/ when a source is newer than it (scripts/run.js --ensure), once before all tests:
// the tests that spawn the npm scripts' commands must not each rebuild it, or see a build message.
const { spawnSync } = require("child_process");
const path = require("path");

module.exports = () => {
  const result = spawnSync(process.execPath, [path.join(__dirname, "..", "scripts", "run.js"), "--ensure"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("building dist/ failed (see tsc's errors above)");
};
