// Loads the persona-talks library into a tslab notebook: `const pt = require("./persona-talks.cjs").load();`
//
// tslab type-checks every imported .ts file with its own fixed, non-strict compiler options, under which the
// library (written for `strict`) does not compile. So the library is bundled here with esbuild into one CommonJS
// file (npm packages stay external) and required as plain JavaScript. load() rebuilds the bundle and drops the
// old one from the require cache on every call: edit a file under lib/, re-run the cell, and the edit is used.
// Prompt templates need not even that: they are read from disk on every call.
"use strict";
const { join } = require("node:path");
const { mkdirSync } = require("node:fs");

const root = process.env.PERSONA_TALKS_ROOT || join(__dirname, "..");
const entry = join(root, "lib", "notebook", "notebook-api.ts");
// .jupyter/ is git-ignored project-local Jupyter state; the bundle is a build product, so it lives there too.
const bundle = join(root, ".jupyter", "build", "persona-talks.cjs");

function load() {
  const esbuild = require(require.resolve("esbuild", { paths: [root] }));
  mkdirSync(join(root, ".jupyter", "build"), { recursive: true });
  esbuild.buildSync({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "error",
  });
  delete require.cache[require.resolve(bundle)];
  return require(bundle);
}

module.exports = { load, bundle };
