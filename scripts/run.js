#!/usr/bin/env node
// Runs an entry point of the project (`main`, `cli/audit`, `scripts/org-snapshot`) from dist/, the
// JavaScript that `tsc -p tsconfig.build.json` compiles. Under ts-node every run transpiled every
// module again: `npm run audit -- --help` took about 4 s, most of it transpiling; from dist/ it
// takes about 0.5 s, which every PR check and every synth pays.
//
// dist/ is built by `npm ci` (postinstall) and rebuilt here, before the entry point runs, when it
// is missing or when a source file, tsconfig.json or tsconfig.build.json is newer than the last
// build: an edited checkout never runs stale code. A build that fails (a type error) prints tsc's
// errors and exits 3, as the CLI does for internal errors; nothing runs.
//
//   node scripts/run.js <entry> [args...]   run dist/<entry>.js with args
//   node scripts/run.js --build             build dist/ now
//   node scripts/run.js --ensure            build dist/ only if it is stale (the tests' global setup)
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const BUILD_CONFIG = path.join(ROOT, "tsconfig.build.json");
const DIST = path.join(ROOT, "dist");
const STAMP = path.join(DIST, ".built");

/** Newest modification time (ms) of the inputs the build reads: tsconfig.build.json's include. */
function newestSource() {
  const config = JSON.parse(fs.readFileSync(BUILD_CONFIG, "utf8"));
  let newest = Math.max(fs.statSync(BUILD_CONFIG).mtimeMs, fs.statSync(path.join(ROOT, "tsconfig.json")).mtimeMs);
  const visit = (file, filter) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return; // an include that does not exist (yet): tsc decides whether that is an error
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file)) if (name !== "node_modules") visit(path.join(file, name), filter);
    } else if (filter(file)) newest = Math.max(newest, stat.mtimeMs);
  };
  const isSource = (f) => /\.(ts|json)$/.test(f) && !f.endsWith(".d.ts");
  for (const include of config.include) {
    // The include list holds files, directories and "dir/*.ext" patterns only.
    const star = include.indexOf("*");
    if (star < 0) visit(path.join(ROOT, include), isSource);
    else {
      const dir = path.join(ROOT, path.dirname(include));
      const ext = include.slice(star + 1);
      for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) if (name.endsWith(ext)) visit(path.join(dir, name), isSource);
    }
  }
  return newest;
}

function isStale() {
  try {
    return fs.statSync(STAMP).mtimeMs < newestSource();
  } catch {
    return true; // never built
  }
}

function build() {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
  const result = spawnSync(process.execPath, [tsc, "-p", BUILD_CONFIG], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  if (result.status !== 0) {
    process.stderr.write("build of dist/ failed (tsc -p tsconfig.build.json): fix the errors above\n");
    process.exit(3);
  }
  fs.writeFileSync(STAMP, "");
}

const [entry, ...args] = process.argv.slice(2);
if (entry === "--build") {
  build();
} else if (entry === "--ensure") {
  if (isStale()) build();
} else if (!entry || entry.startsWith("-")) {
  process.stderr.write("usage: node scripts/run.js <entry, e.g. cli/audit> [args...] | --build\n");
  process.exit(2);
} else {
  if (isStale()) {
    process.stderr.write("building dist/ (sources changed since the last build) ...\n");
    build();
  }
  const file = path.join(DIST, `${entry}.js`);
  process.argv = [process.argv[0], file, ...args];
  require(file);
}
