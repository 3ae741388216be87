// Import rules of lib/ (docs/architecture.md draws them): checked by test/project/import-rules.test.ts inside
// `npm test`, or by hand with `npx depcruise lib --config .dependency-cruiser.cjs`.
//
// LAYERS lists lib/'s folders bottom to top. A folder never imports from a higher layer (files directly under
// lib/, like errors.ts and paths.ts, are below every layer). Folders of one layer may import each other in one
// direction only (export uses charts, tables uses analysis): the rule no-folder-cycle names any cycle between
// folders. Only lib/providers (the provider registry) imports lib/sim (the simulator).

/** lib/'s folders, bottom to top. */
const LAYERS = [
  ["random", "text", "stats", "files"],
  ["data", "inventory", "prompts", "psychometrics", "llm"],
  ["sim"],
  ["providers"],
  ["pipeline", "analysis", "tables", "charts", "export", "classifier"],
  ["questions", "reports", "bundle"],
  ["notebook", "cli", "annotate"],
];

const folders = (names) => `^lib/(${names.join("|")})/`;

/** One rule per folder: it imports nothing from a higher layer. */
const layerRules = LAYERS.slice(0, -1).flatMap((layer, index) => {
  const forbidden = LAYERS.slice(index + 1).flat();
  return layer.map((folder) => {
    return {
      name: `layer-${folder}`,
      severity: "error",
      comment: `lib/${folder} (layer ${index + 1}) never imports from a higher layer: ${forbidden.join(", ")}`,
      from: { path: `^lib/${folder}/` },
      to: { path: folders(forbidden) },
    };
  });
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "sim-only-through-providers",
      severity: "error",
      comment: "Only the provider registry (lib/providers) uses the simulator; everything else asks for a provider.",
      from: { path: "^lib/", pathNot: "^lib/(sim|providers)/" },
      to: { path: "^lib/sim/" },
    },
    {
      name: "no-folder-cycle",
      severity: "error",
      comment: "lib/'s folders form no cycle (a folder that needs a higher one moves the shared part down).",
      scope: "folder",
      from: { path: "^lib/[^/]+$" },
      to: { path: "^lib/[^/]+$", circular: true },
    },
    {
      name: "folder-has-a-layer",
      severity: "error",
      comment: "Every folder of lib/ has a place in LAYERS (a new folder is added to the layer it belongs to).",
      from: { path: "^lib/[^/]+/", pathNot: folders(LAYERS.flat()) },
      to: {},
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import names a file that does not exist.",
      from: { path: "^lib/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    // Type-only imports count too: a type from a higher layer is still a dependency on it.
    moduleSystems: ["es6", "cjs"],
    // Packages' "exports" maps (csv-parse/sync), as Node resolves them.
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};

