import { createHash } from "node:crypto";

// The nbformat 4.5 shape that the project's notebooks use, and the pure operations on it.

export interface NotebookCell {
  id: string;
  cell_type: "markdown" | "code";
  metadata: Record<string, unknown>;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** The tslab kernel as `tslab install` registers it. */
export const TSLAB_KERNELSPEC = { name: "tslab", display_name: "TypeScript", language: "typescript" };

function lines(text: string): string[] {
  const parts = text.split("\n");
  return parts.map((line, index) => (index < parts.length - 1 ? `${line}\n` : line)).filter((line, index, all) => !(index === all.length - 1 && line === ""));
}

/** A cell id stable across rebuilds (nbformat 4.5 wants one per cell): a hash of the notebook name and position. */
function cellId(notebookName: string, index: number): string {
  return createHash("sha256").update(`${notebookName}#${index}`).digest("hex").slice(0, 12);
}

/** A notebook from cell texts: `md` for markdown cells, `code` for code cells, no outputs. */
export function buildNotebook(name: string, cells: readonly { md?: string; code?: string }[]): Notebook {
  return {
    cells: cells.map((cell, index): NotebookCell =>
      cell.md !== undefined
        ? { id: cellId(name, index), cell_type: "markdown", metadata: {}, source: lines(cell.md.trim()) }
        : { id: cellId(name, index), cell_type: "code", metadata: {}, source: lines((cell.code ?? "").trim()), outputs: [], execution_count: null },
    ),
    metadata: {
      kernelspec: TSLAB_KERNELSPEC,
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Serialized as Jupyter writes it (one-space indent, trailing newline), so a saved notebook diffs cleanly. */
export function serializeNotebook(notebook: Notebook): string {
  return JSON.stringify(notebook, null, 1) + "\n";
}

/** A copy without outputs and execution counts (what is committed). */
export function stripOutputs(notebook: Notebook): Notebook {
  return {
    ...notebook,
    cells: notebook.cells.map((cell) => {
      if (cell.cell_type !== "code") return { ...cell };
      const { metadata } = cell;
      const kept = Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== "execution" && key !== "collapsed" && key !== "scrolled"));
      return { ...cell, metadata: kept, outputs: [], execution_count: null };
    }),
  };
}

/** Bytes of all outputs of a notebook (to keep committed notebooks small). */
export function outputBytes(notebook: Notebook): number {
  return notebook.cells.reduce((total, cell) => total + (cell.outputs?.length ? Buffer.byteLength(JSON.stringify(cell.outputs)) : 0), 0);
}

/**
 * Bytes of a saved notebook's outputs per kind, as the file holds them (one-space indented JSON): each MIME type of
 * display outputs ("image/png", "text/html", "application/vnd.plotly.v1+json", "text/plain", ...), "stream" and
 * "error" outputs, and "metadata" (output metadata such as an image's size). Largest first: where a notebook's
 * weight is.
 */
export function outputBytesByType(notebook: Notebook): [kind: string, bytes: number][] {
  const totals = new Map<string, number>();
  const add = (kind: string, value: unknown) => totals.set(kind, (totals.get(kind) ?? 0) + Buffer.byteLength(JSON.stringify(value, null, 1)));
  for (const cell of notebook.cells) {
    for (const output of (cell.outputs ?? []) as { output_type?: string; data?: Record<string, unknown>; metadata?: Record<string, unknown> }[]) {
      if (output.data) for (const [type, value] of Object.entries(output.data)) add(type, value);
      else add(output.output_type ?? "unknown", output);
      if (output.metadata && Object.keys(output.metadata).length) add("metadata", output.metadata);
    }
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

/** Every error output of an executed notebook: the cell index, the error name and message. */
export function cellErrors(notebook: Notebook): { cell: number; name: string; message: string }[] {
  const errors: { cell: number; name: string; message: string }[] = [];
  notebook.cells.forEach((cell, index) => {
    for (const output of (cell.outputs ?? []) as { output_type?: string; ename?: string; evalue?: string }[]) {
      if (output.output_type === "error") errors.push({ cell: index, name: output.ename ?? "Error", message: output.evalue ?? "" });
    }
  });
  return errors;
}

export function parseNotebook(text: string, file: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const notebook = parsed as Notebook;
  if (!notebook || !Array.isArray(notebook.cells) || typeof notebook.nbformat !== "number") throw new Error(`${file}: not a Jupyter notebook (no cells/nbformat)`);
  return notebook;
}
