// Cells of a reload in a real kernel (test/notebooks/kernel-reload.test.ts, bench/notebook-loop-bench.ts): the load
// cell, a one-line edit of lib/ in a scratch project (test/support/scratch-project.ts), the load's timings.

export const LOAD_CELL = 'const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();';

/** A cell that makes a one-line edit in the scratch project's lib/ (replaces `from` by `to` in `file`). */
export function editCell(file: string, from: string, to: string): string {
  return [
    `{ const fs = require("fs"); const file = process.env.PERSONA_TALKS_ROOT + ${JSON.stringify(`/lib/${file}`)};`,
    `  const text = fs.readFileSync(file, "utf8"); if (!text.includes(${JSON.stringify(from)})) throw new Error("edit: text not found");`,
    `  fs.writeFileSync(file, text.replace(${JSON.stringify(from)}, ${JSON.stringify(to)})); }`,
  ].join("\n");
}

export const TIMINGS_CELL = 'console.log("timings " + JSON.stringify(require("./persona-talks.cjs").timings));';

export const BODY_EDIT = ["stats/descriptive.ts", "simple.mean([...values]);", "simple.mean([...values]) + 1000;"] as const;
/** A field added to a type that much of the library uses (lib/llm/types.ts's ModelRequest: ~25 importers). */
export const WIDE_DECLARATION_EDIT = ["llm/types.ts", "export interface ModelRequest {", "export interface ModelRequest {\n  benchNote?: string;"] as const;
export const DECLARATION_EDIT = ["notebook/api/stats.ts", "export { mean,", "export const reloadProbe = (value: number): string => `probe ${value}`;\nexport { mean,"] as const;
