import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, relative } from "node:path";
import { projectRoot } from "../paths";
import { parseNotebook, type Notebook } from "./notebook-file";

// The notebooks' code cells, type-checked like the library (`npm run typecheck`): each notebook's code cells
// become one TypeScript module (cells in order, as tslab runs them) whose load cell takes `pt`'s types from
// lib/notebook/notebook-api.ts, and tsc checks them with the project's strict settings. A cell that misuses `pt`
// (an unknown option, a stage's wrong input) fails here, before any notebook runs; the error names the notebook,
// the cell and the line in the cell.

/** Where a line of a generated module came from. */
interface Origin {
  cell: number;
  line: number;
}

export interface CellModule {
  notebook: string;
  path: string;
  text: string;
  /** origins[i]: the cell and line of the module's line i + 1 (undefined for generated lines). */
  origins: Array<Origin | undefined>;
}

const LOAD_TYPES = /typeof import\("[^"]*\/notebook\/notebook-api"\)/g;

/** The code cells of a notebook as one module in `directory`, typed against the library's source. */
export function cellModule(notebook: Notebook, notebookPath: string, directory: string, root = projectRoot()): CellModule {
  const api = relative(directory, join(root, "lib", "notebook", "notebook-api")).split("\\").join("/");
  const lines: string[] = [`// Generated from ${relative(root, notebookPath)} (lib/notebook/cell-check.ts): its code cells in order.`, "export {};"];
  const origins: Array<Origin | undefined> = [undefined, undefined];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const source = [cell.source].flat().join("").replace(LOAD_TYPES, `typeof import("${api.startsWith(".") ? api : `./${api}`}")`);
    lines.push(`// cell ${index}`);
    origins.push(undefined);
    source.split("\n").forEach((text, line) => {
      lines.push(text);
      origins.push({ cell: index, line: line + 1 });
    });
    // A cell ends its statements: the next cell starts on a new statement, as in the kernel.
    lines.push(";");
    origins.push(undefined);
  });
  return { notebook: relative(root, notebookPath), path: join(directory, `${basename(notebookPath, ".ipynb")}.ts`), text: lines.join("\n") + "\n", origins };
}

export interface CellCheck {
  ok: boolean;
  /** tsc's messages, with locations in the notebooks' cells ("notebooks/01-rq1-traits.ipynb cell 10, line 2, col 5"). */
  errors: string[];
  /** tsc's exit status. */
  status: number | null;
}

/**
 * Type-checks notebooks' code cells together with the files tsconfig.json includes (`include: true`) or alone
 * (the library files they import are checked too). The modules are written to `.jupyter/cells/` (git-ignored).
 */
export function checkNotebookCells(notebookPaths: readonly string[], options: { include?: boolean; directory?: string; root?: string } = {}): CellCheck {
  const root = options.root ?? projectRoot();
  const directory = options.directory ?? join(root, ".jupyter", "cells");
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const modules = notebookPaths.map((path) => cellModule(parseNotebook(readFileSync(path, "utf8"), path), path, directory, root));
  for (const module of modules) writeFileSync(module.path, module.text);
  const base = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8")) as { include?: string[] };
  const config = join(directory, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: relative(directory, join(root, "tsconfig.json")).split("\\").join("/"),
      include: [...(options.include ? (base.include ?? []).map((pattern) => relative(directory, join(root, pattern)).split("\\").join("/")) : []), "*.ts"],
    }),
  );
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", config, "--pretty", "false"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  const byPath = new Map(modules.map((module) => [module.path, module]));
  const errors = `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const match = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line);
      const module = match ? byPath.get(join(root, match[1])) ?? byPath.get(match[1]) : undefined;
      if (!match || !module) return line;
      const origin = module.origins[Number(match[2]) - 1];
      return origin ? `${module.notebook} cell ${origin.cell}, line ${origin.line}, col ${match[3]}: ${match[4]}` : `${module.notebook} (${relative(root, module.path)}:${match[2]}): ${match[4]}`;
    });
  return { ok: result.status === 0, errors, status: result.status };
}
