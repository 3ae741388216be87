#!/usr/bin/env node
// Runs the prebuilt command line (dist/cli.mjs, made by scripts/build-cli.mjs at install and by `npm run build`)
// when it was built from the lib/ that is here now; otherwise the TypeScript sources through tsx, with one line
// saying so. PERSONA_TALKS_SOURCE=1 always runs the sources, silently (tests, development).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(root, "dist", "cli.mjs");

async function builtIsCurrent() {
  if (!existsSync(bundle)) return "missing";
  const { libFingerprint } = await import("../scripts/cli-fingerprint.mjs");
  let stamp = "";
  try {
    stamp = readFileSync(join(root, "dist", "cli.stamp"), "utf8").trim();
  } catch {
    return "stale";
  }
  return stamp === libFingerprint(root) ? "current" : "stale";
}

const fromSource = process.env.PERSONA_TALKS_SOURCE === "1";
const state = fromSource ? "source" : await builtIsCurrent();
let main;
if (state === "current") {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  if (!fromSource) {
    process.stderr.write(`persona-talks: the built CLI is ${state === "missing" ? "missing" : "older than lib/"}; running the sources through tsx (slower start; \`npm run build\` rebuilds it)\n`);
  }
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../lib/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
