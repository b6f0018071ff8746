#!/usr/bin/env node
// Runs an entry point of the project (`main`, `cli/audit`, `scripts/org-snapshot`) from dist/, the
// JavaScript that `tsc -p tsconfig.build.json` compiles. Under ts-node every run transpiled every
// module again: `npm run audit -- --help` took about 4 s, most of it transpiling; from dist/ it
// takes about 0.5 s, which every PR check and every synth pays.
//
// dist/ is built by `npm ci` (the prepare script) and rebuilt here, before the entry point runs, when it
// is missing or stale: a source file, package.json (compiled in for the tool version),
// tsconfig.json or tsconfig.build.json changed since the build started, or a source file was
// added or deleted. A build that fails (a type error) prints tsc's errors and exits 3, as the CLI
// does for internal errors; nothing runs. Two runs that find dist/ stale at once build one at a
// time (a lock directory), the second finding the first's build fresh.
//
//   node scripts/run.js <entry> [args...]   run dist/<entry>.js with args
//   node scripts/run.js --build             build dist/ from scratch (npm ci, npm run build)
//   node scripts/run.js --ensure            build dist/ only if it is stale (the tests' global setup)
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const BUILD_CONFIG = path.join(ROOT, "tsconfig.build.json");
const DIST = path.join(ROOT, "dist");
/** Written after a successful build: its mtime is the build's start, its content the source list. */
const STAMP = path.join(DIST, ".built");
const LOCK = path.join(ROOT, ".dist-build.lock");

/** The inputs of the build (tsconfig.build.json's include, plus the configs) and the newest mtime. */
function sources() {
  const config = JSON.parse(fs.readFileSync(BUILD_CONFIG, "utf8"));
  const files = [BUILD_CONFIG, path.join(ROOT, "tsconfig.json"), path.join(ROOT, "package.json")];
  const visit = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return; // an include that does not exist (yet): tsc decides whether that is an error
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) if (name !== "node_modules") visit(path.join(file, name));
    } else if (/\.(ts|json)$/.test(file) && !file.endsWith(".d.ts")) files.push(file);
  };
  for (const include of config.include) {
    // The include list holds files, directories and "dir/*.ext" patterns only.
    const star = include.indexOf("*");
    if (star < 0) visit(path.join(ROOT, include));
    else {
      const dir = path.join(ROOT, path.dirname(include));
      const ext = include.slice(star + 1);
      for (const name of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) if (name.endsWith(ext)) visit(path.join(dir, name));
    }
  }
  let newest = 0;
  for (const f of files) newest = Math.max(newest, fs.statSync(f).mtimeMs);
  return { list: files.map((f) => path.relative(ROOT, f)).join("\n"), newest };
}

function isStale() {
  let stamp;
  try {
    stamp = { mtime: fs.statSync(STAMP).mtimeMs, list: fs.readFileSync(STAMP, "utf8") };
  } catch {
    return true; // never built, or a build did not finish
  }
  const now = sources();
  return now.newest > stamp.mtime || now.list !== stamp.list;
}

function isDirectory(dir) {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function withLock(fn) {
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      // Another run is building. A lock older than 10 minutes is left over from a killed build.
      let age = 0;
      try {
        age = Date.now() - fs.statSync(LOCK).mtimeMs;
      } catch {
        continue;
      }
      if (age > 600_000 || Date.now() - started > 600_000) fs.rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds dist/ (incrementally unless `clean`); on failure prints why and exits 3. */
function build(clean) {
  const start = new Date();
  const { list } = sources();
  fs.rmSync(STAMP, { force: true });
  // A clean build repairs a dist/ whose files were deleted: tsc's incremental state would call it up to date.
  if (clean) fs.rmSync(DIST, { recursive: true, force: true });
  const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
  const result = spawnSync(process.execPath, [tsc, "-p", BUILD_CONFIG], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  if (result.status !== 0) {
    process.stderr.write("build of dist/ failed (tsc -p tsconfig.build.json): fix the errors above\n");
    process.exit(3);
  }
  fs.writeFileSync(STAMP, list);
  // Dated at the start: a source saved while tsc ran is newer than the stamp, so the next run rebuilds.
  fs.utimesSync(STAMP, start, start);
}

const [entry, ...args] = process.argv.slice(2);
if (entry === "--build") {
  withLock(() => build(true));
} else if (entry === "--ensure") {
  if (isStale()) withLock(() => isStale() && build(false));
} else if (!entry || entry.startsWith("-")) {
  process.stderr.write("usage: node scripts/run.js <entry, e.g. cli/audit> [args...] | --build | --ensure\n");
  process.exit(2);
} else {
  if (isStale()) {
    withLock(() => {
      if (!isStale()) return; // built by the run that held the lock
      process.stderr.write("building dist/ (sources changed since the last build) ...\n");
      build(false);
    });
  }
  const file = path.join(DIST, `${entry}.js`);
  // npm runs scripts in the project root; the audit's paths are the user's, relative to where they
  // typed the command (npm --prefix, or a subdirectory): npm passes that directory as INIT_CWD.
  // Only when npm started this very script: an INIT_CWD inherited from an outer npm script (npm
  // test spawning the CLI) names that script's directory, not this command's.
  const initCwd = process.env.INIT_CWD;
  if (entry === "cli/audit" && process.env.npm_lifecycle_event === "audit" && initCwd && isDirectory(initCwd)) process.chdir(initCwd);
  process.argv = [process.argv[0], file, ...args];
  try {
    require(file);
  } catch (err) {
    // A dist/ file missing (deleted by hand, or a build interrupted): one line, not a stack trace.
    if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes(DIST)) {
      process.stderr.write(`dist/ is incomplete (${String(err.message).split("\n")[0]}): run npm run build\n`);
      process.exit(3);
    }
    throw err;
  }
}
