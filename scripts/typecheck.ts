// npm run typecheck: tsc over lib/, test/, bench/, scripts/ and the notebooks' code cells, in one program
// (lib/notebook/cell-check.ts). A cell that misuses `pt` fails here, named by notebook, cell and line.
import { checkNotebookCells } from "../lib/notebook/cell-check";
import { projectNotebooks } from "../lib/notebook/notebook-list";

const result = checkNotebookCells(projectNotebooks(), { include: true });
for (const line of result.errors) console.error(line);
process.exitCode = result.ok ? 0 : 1;
