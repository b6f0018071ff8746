// `npm ci` (what CI and the README's first command run) accepts the committed lock file. npm
// >= 11.16 rejects a lock that lacks other platforms' optional bindings the registry could not
// serve; scripts/complete-lockfile.js adds them after an `npm install`.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

it("npm ci accepts package.json and package-lock.json as committed", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grg-lock-"));
  for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(__dirname, "..", f), path.join(dir, f));
  const npm = spawnSync("npm", ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8" });
  const missing = (npm.stderr.match(/Missing: .*/g) ?? []).slice(0, 3).join("; ");
  expect({ status: npm.status, hint: missing ? `${missing} -> run node scripts/complete-lockfile.js` : "" }).toEqual({ status: 0, hint: "" });
});
