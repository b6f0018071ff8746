// The import boundaries (npm run boundaries, part of npm test). docs/architecture.md explains the
// layers; a test checks that its list equals LAYERS below.
//
// Each layer may import only the layers before it and itself. Entry points and tooling (main.ts,
// scripts/, bench/, test/) stand outside the layers and may import anything.
const LAYERS = [
  "genesys", // facts: provider schema, recording endpoints and permissions, capabilities, limits, trunk keys
  "model", // the types: Terraform model, intents, org settings, environment files, load plans; input errors, display
  "readers", // files -> model: Terraform JSON, HCL, plan JSON, intents, org settings, environment files, .jmx, nginx
  "analyses", // facts derived from the model: references, roles, principals, access, trunk recording, retention, schema, load-plan arithmetic
  "core", // the Rule and Finding contracts, the tool's identity
  "rules", // one rule per file, its fixtures beside it; rules/index.ts is the catalogue
  "engine", // runs the rules; enforcement levels and acknowledgements
  "reporters", // findings -> text, JSON, SARIF, Markdown, JUnit, access matrix, HTML, bundle
  "constructs", // cdktf constructs (adapters from here on)
  "stacks", // one EnvironmentStack per environment file
  "app", // the cdktf app and the synth gate (RecordingGuard, for any cdktf app)
  "cli", // npm run audit
  "org", // npm run org:snapshot (the Genesys API)
];

const later = (i) => LAYERS.slice(i + 1);

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle: split the shared part out into the earlier layer.",
      from: {},
      to: { circular: true },
    },
    ...LAYERS.slice(0, -1).map((layer, i) => ({
      name: `${layer}-imports-only-earlier-layers`,
      severity: "error",
      comment: `${layer}/ may import only ${LAYERS.slice(0, i).join(", ") || "nothing of the project"} and itself; not ${later(i).join(", ")}.`,
      from: { path: `^${layer}/` },
      to: { path: `^(${later(i).join("|")})/` },
    })),
    {
      name: "rules-import-no-readers",
      severity: "error",
      comment: "A rule decides from the model and analyses, never from files: readers are the adapters' business.",
      from: { path: "^rules/" },
      to: { path: "^readers/" },
    },
    {
      name: "outside-rules-only-the-catalogue",
      severity: "error",
      comment: "Outside rules/, rules are read through the catalogue (rules/index.ts), never one rule file.",
      from: { path: "^(engine|reporters|constructs|stacks|app|cli|org)/" },
      to: { path: "^rules/", pathNot: "^rules/index\\.ts$" },
    },
    {
      name: "bindings-only-in-constructs-and-stacks",
      severity: "error",
      comment: "The generated provider bindings (.gen/) are cdktf's: only constructs and stacks use them, so the engine stays independent of cdktf.",
      from: { path: "^(genesys|model|readers|analyses|core|rules|engine|reporters)/" },
      to: { path: "^(\\.gen/|node_modules/(cdktf|constructs)/)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|cdktf\\.out|node_modules)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};

// Not part of dependency-cruiser's schema (it refuses unknown keys): for the test that compares it
// with docs/architecture.md.
Object.defineProperty(module.exports, "LAYERS", { value: LAYERS, enumerable: false });
