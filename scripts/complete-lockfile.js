#!/usr/bin/env node
// Adds package-lock entries for other platforms' optional native bindings that the registry
// this lock was made against does not serve (here: @unrs/resolver-binding-* for Android, macOS,
// Windows and others, optional dependencies of jest's resolver).
//
// Why: npm >= 11.16 omits an optional dependency it cannot fetch from the lock and then
// `npm ci` rejects that same lock ("Missing: <pkg>@ from lock file"; npm/cli#9846). Each entry
// added here carries the os/cpu/libc its name encodes, so npm skips it on every other platform
// and never downloads it. Run after `npm install` changed the lock:  node scripts/complete-lockfile.js
"use strict";
const fs = require("fs");
const path = require("path");

const LOCK = path.join(__dirname, "..", "package-lock.json");
const OS = { android: "android", darwin: "darwin", freebsd: "freebsd", linux: "linux", openharmony: "openharmony", win32: "win32" };
const CPU = ["arm64", "arm", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x"];

/** `<os>-<cpu>[-<abi>]` at the end of a binding's name -> its platform, or undefined. */
function platformOf(name) {
  const m = /-(android|darwin|freebsd|linux|openharmony|win32)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name);
  if (!m || !CPU.includes(m[2])) return undefined;
  const abi = m[3] ?? "";
  const libc = m[1] === "linux" ? (abi.startsWith("musl") ? "musl" : abi.startsWith("gnu") ? "glibc" : undefined) : undefined;
  return { os: OS[m[1]], cpu: m[2], libc };
}

const lock = JSON.parse(fs.readFileSync(LOCK, "utf8"));
const added = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${dep}`;
    if (lock.packages[at] || !/^\d+\.\d+\.\d+$/.test(spec)) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[at] = {
      version: spec,
      cpu: [platform.cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      optional: true,
      os: [platform.os],
    };
    added.push(`${dep}@${spec} (for ${key || "the project"})`);
  }
}
// npm keeps packages sorted by path; so do we, for a stable diff.
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} placeholder(s):\n  ${added.join("\n  ")}` : "package-lock.json already complete");
