#!/usr/bin/env node
// The installed command: runs the compiled CLI (dist/cli/bin.js, built when the package is packed).
"use strict";
require("../dist/cli/bin.js");
