/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Type checking runs once, in `npm test` (tsc --noEmit); ts-jest only transpiles here.
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
  // Tests that run `npm run synth` / `npm run audit` as users do run dist/: build it first if stale.
  globalSetup: "<rootDir>/test/global-setup.js",
};
