// Builds the command line into dist/ (git-ignored): dist/cli.mjs and one chunk per command, with every npm
// package left external (loaded by Node from node_modules only when a command that needs it runs). Runs at
// install (`prepare`) and with `npm run build`; bin/persona-talks.js runs it when dist/cli.stamp matches lib/,
// else falls back to tsx with one line. The --help summaries are compiled in, so --help loads no command.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { register } from "tsx/esm/api";
import { libFingerprint } from "./cli-fingerprint.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, "dist");
const started = performance.now();
const fingerprint = libFingerprint(root);

// The summaries, read from the commands themselves (their one home), through tsx.
const unregister = register();
const { COMMANDS } = await import(pathToFileURL(join(root, "lib", "cli", "command-list.ts")).href);
const summaries = {};
for (const [name, load] of Object.entries(COMMANDS)) summaries[name] = (await load()).command.summary;
await unregister();

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { cli: join(root, "lib", "cli", "main.ts") },
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  define: { PERSONA_TALKS_SUMMARIES: JSON.stringify(summaries) },
  sourcemap: "linked",
  logLevel: "warning",
});
writeFileSync(join(out, "cli.stamp"), `${fingerprint}\n`);
process.stderr.write(`persona-talks: built dist/cli.mjs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(0);
