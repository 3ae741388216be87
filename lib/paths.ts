import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

// The library must not use import.meta (tslab compiles notebook imports to CommonJS and breaks on it),
// so the project root is found by walking up from the working directory and the running script.
function isProjectRoot(directory: string): boolean {
  const manifest = join(directory, "package.json");
  if (!existsSync(manifest)) return false;
  try {
    return JSON.parse(readFileSync(manifest, "utf8")).name === "persona-talks";
  } catch {
    return false;
  }
}

function walkUp(start: string): string | undefined {
  let directory = resolve(start);
  for (;;) {
    if (isProjectRoot(directory)) return directory;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

let cachedRoot: string | undefined;

/** The persona-talks checkout: PERSONA_TALKS_ROOT, else found above the working directory or the running script. */
export function projectRoot(): string {
  if (process.env.PERSONA_TALKS_ROOT) return resolve(process.env.PERSONA_TALKS_ROOT);
  if (cachedRoot) return cachedRoot;
  const found = walkUp(process.cwd()) ?? (process.argv[1] ? walkUp(dirname(process.argv[1])) : undefined);
  if (!found) {
    throw new Error(
      "Cannot find the persona-talks project folder above " + process.cwd() + "; set PERSONA_TALKS_ROOT to it.",
    );
  }
  cachedRoot = found;
  return found;
}

/** Where datasets live once fetched: PERSONA_TALKS_DATA, else <root>/data/raw (git-ignored). */
export function dataDirectory(): string {
  return process.env.PERSONA_TALKS_DATA ? resolve(process.env.PERSONA_TALKS_DATA) : join(projectRoot(), "data", "raw");
}

/** Where the LLM response cache lives: PERSONA_TALKS_CACHE, else <root>/cache. */
export function cacheDirectory(): string {
  return process.env.PERSONA_TALKS_CACHE ? resolve(process.env.PERSONA_TALKS_CACHE) : join(projectRoot(), "cache");
}

/** Library data files shipped with the project (prompts, prices, strategy definitions). */
export function libraryAsset(...parts: string[]): string {
  return join(projectRoot(), "lib", ...parts);
}
