// Lint (npm run lint, part of npm test): ESLint's and typescript-eslint's recommended rules, with
// formatting left to Prettier (eslint-config-prettier turns off every rule Prettier decides).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", ".gen/", "cdktf.out/", "node_modules/", "rules/fixtures/", "test/fixtures/", "examples/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      // Unused names are compile errors already (tsconfig noUnusedLocals/Parameters); "_" marks a deliberate one.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // `import x = require(...)` is how the Genesys SDK (CommonJS, no default export) is loaded.
      "@typescript-eslint/no-require-imports": "off",
      // The output-safety code matches control characters on purpose (model/safe-text.ts), and its tests look for them.
      "no-control-regex": "off",
    },
  },
  {
    // Tests read reports and inputs as loosely shaped JSON.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  prettier,
);
