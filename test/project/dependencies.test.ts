import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { projectRoot } from "../../lib/paths";

// package.json and the code agree: every runtime dependency is used by the product (lib/, bin/, scripts/,
// notebooks/), and every package the code imports is declared (runtime code in `dependencies`, tests and benches
// may use `devDependencies`).
const root = projectRoot();
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const PRODUCT = ["lib", "bin", "scripts", "notebooks"];
const DEVELOPMENT = ["test", "bench"];
const SOURCE = /\.(ts|js|cjs|mjs|ipynb)$/;

function filesUnder(folder: string): string[] {
  const path = join(root, folder);
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const child = join(folder, entry);
    if (entry === "node_modules" || entry === "fixtures" || entry.startsWith(".")) return [];
    return statSync(join(root, child)).isDirectory() ? filesUnder(child) : SOURCE.test(entry) ? [child] : [];
  });
}

/** The package part of a module specifier ("@scope/name/sub" -> "@scope/name"), or undefined for built-ins and paths. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return builtinModules.includes(name) ? undefined : name;
}

// Static imports and re-exports (import/export ... from PKG, import PKG), import(PKG), require(PKG),
// require.resolve(PKG), createRequire(...)(PKG), and --import PKG in command lines. Package names are lower case (npm's rule), which
// keeps prose in comments ("from (0, 5)") out.
const NAME = "([a-z@][a-z0-9@/._-]*)";
const SPECIFIERS = [
  new RegExp(`\\b(?:from|import)\\s+["']${NAME}["']`, "g"),
  new RegExp(`\\b(?:import|require|require\\.resolve)\\s*\\(\\s*["']${NAME}["']`, "g"),
  new RegExp(`\\)\\s*\\(\\s*["']${NAME}["']\\s*\\)`, "g"),
  new RegExp(`--import[= ]${NAME}`, "g"),
];
// A package named in a string literal is loaded by name somewhere (e.g. a list of bundles to resolve).
const DECLARED = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]);

function importsOf(file: string): Set<string> {
  let text = readFileSync(join(root, file), "utf8");
  if (file.endsWith(".ipynb")) {
    const notebook = JSON.parse(text) as { cells: Array<{ cell_type: string; source: string | string[] }> };
    text = notebook.cells.filter((cell) => cell.cell_type === "code").map((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source)).join("\n");
  }
  const found = new Set<string>();
  for (const match of text.matchAll(/["']([a-z@][a-z0-9@/._-]*)["']/g)) if (DECLARED.has(match[1])) found.add(match[1]);
  for (const pattern of SPECIFIERS) {
    for (const match of text.matchAll(pattern)) {
      const name = packageOf(match[1]);
      if (name) found.add(name);
    }
  }
  return found;
}

function usedBy(folders: readonly string[]): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of folders.flatMap(filesUnder)) {
    for (const name of importsOf(file)) used.set(name, [...(used.get(name) ?? []), relative(root, join(root, file))]);
  }
  return used;
}

test("packageOf: scoped names, subpaths, built-ins and relative paths", () => {
  assert.equal(packageOf("@stdlib/stats-base-dists-t/lib/index.js"), "@stdlib/stats-base-dists-t");
  assert.equal(packageOf("csv-parse/sync"), "csv-parse");
  assert.equal(packageOf("node:fs"), undefined);
  assert.equal(packageOf("fs"), undefined);
  assert.equal(packageOf("../lib/paths"), undefined);
});

/** Packages the inventory catalog's `package` sources name (lib/inventory/package-inventory.ts loads them by name). */
function catalogPackages(): string[] {
  const catalog = JSON.parse(readFileSync(join(root, "lib/inventory/catalog.json"), "utf8")) as { inventories: Record<string, { package?: { package: string; facets?: string } }> };
  return Object.values(catalog.inventories).flatMap((entry) => (entry.package ? [entry.package.package, ...(entry.package.facets ? [entry.package.facets] : [])] : []));
}

test("every package in dependencies is imported by lib/, bin/, scripts/ or notebooks/ (or named by the inventory catalog)", () => {
  const used = usedBy(PRODUCT);
  for (const name of catalogPackages()) used.set(name, [...(used.get(name) ?? []), "lib/inventory/catalog.json"]);
  const unused = Object.keys(manifest.dependencies).filter((name) => !used.has(name));
  assert.deepEqual(unused, [], `dependencies nothing imports (remove them, or move them to devDependencies if only tests use them): ${unused.join(", ")}`);
});

test("every package the code imports is declared; product code needs it in dependencies", () => {
  const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]);
  // Types-only packages of dependencies come with them (e.g. @types/node is a devDependency, "node" no package).
  const product = usedBy(PRODUCT);
  const missingAtRuntime = [...product].filter(([name]) => !(name in manifest.dependencies) && !(name in manifest.devDependencies && isDevelopmentOnly(name)));
  assert.deepEqual(missingAtRuntime.map(([name, files]) => `${name} (${files[0]})`), [], "imported by the product but not in dependencies");
  const development = usedBy(DEVELOPMENT);
  const undeclared = [...development].filter(([name]) => !declared.has(name));
  assert.deepEqual(undeclared.map(([name, files]) => `${name} (${files[0]})`), [], "imported by tests or benches but not in package.json");
});

// Development tools the product's scripts may call without being runtime dependencies (the notebooks' kernel,
// the type checker): installed by `npm ci`, never needed by `persona-talks` itself.
function isDevelopmentOnly(name: string): boolean {
  return ["tslab", "typescript"].includes(name);
}
