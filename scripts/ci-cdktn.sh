#!/usr/bin/env bash
# CI's second run: the suite on cdktn 0.24 ("CDK Terrain", the maintained fork of the archived
# cdktf) instead of cdktf 0.21. A copy of the committed tree gets npm aliases, so that the code's
# `import ... from "cdktf"` loads cdktn (one copy of the library) and the bindings are regenerated
# with cdktn's generator (scripts/generate-bindings.js reads either); constructs in cdktn's range.
# This is also how a user switches (README: "cdktf or cdktn").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$root" archive HEAD | tar -x -C "$work"
cd "$work"
npm pkg set \
  "devDependencies.cdktf=npm:cdktn@0.24.0" "peerDependencies.cdktf=npm:cdktn@0.24.0" \
  "devDependencies.constructs=10.7.0" "peerDependencies.constructs=10.7.0" \
  "devDependencies.@cdktf/provider-generator=npm:@cdktn/provider-generator@0.24.0"
npm install --no-audit --no-fund --loglevel error
node -e 'const p = require("cdktf/package.json"); if (p.name !== "cdktn") { console.error(`expected cdktn, got ${p.name}`); process.exit(1); } console.log(`suite on ${p.name} ${p.version}, constructs ${require("constructs/package.json").version}`)'
npm test
