/**
 * The notebook loop (issue 25, item 7), measured in a real tslab kernel through jupyter_client, in a scratch copy of
 * the project (the checkout's lib/ is never edited):
 *
 * - reload: re-running the load cell after a one-line lib/ edit: of a function body, of a declaration one file
 *   imports, and of a type much of the library imports (goal <= 5 s), with the compiler kept warm in the kernel
 *   (declarations-worker.cjs); and,
 *   for comparison, the same body edit with PERSONA_TALKS_TYPES_WORKER=off (tsc once per reload, as before);
 * - export: `pt.exportFigure` three times in one kernel: the first starts the session's browser, the later ones
 *   reuse it (goal <= 1 s).
 *
 * `npm run bench -- --only notebook` runs this entry alone.
 */
import { join } from "node:path";
import { findChromium } from "../lib/export/index";
import { findNbconvert, prepareNotebookLibrary, registerTslabKernel } from "../lib/notebook/jupyter";
import { runKernelSteps } from "../test/support/kernel-cells";
import { BODY_EDIT, DECLARATION_EDIT, editCell, LOAD_CELL, TIMINGS_CELL, WIDE_DECLARATION_EDIT } from "../test/support/reload-cells";
import { scratchProject } from "../test/support/scratch-project";

export const RELOAD_GOAL_SECONDS = 5;
export const EXPORT_GOAL_SECONDS = 1;

export interface NotebookLoopFigures {
  /** Why nothing was measured (no Jupyter), else undefined. */
  skipped?: string;
  reloadBodySeconds?: number;
  reloadDeclarationSeconds?: number;
  /** After a field added to lib/llm/types.ts's ModelRequest (~25 importers, all checked again). */
  reloadWideDeclarationSeconds?: number;
  /** The body edit's reload with tsc run once per reload (PERSONA_TALKS_TYPES_WORKER=off): the loop before. */
  reloadTscSeconds?: number;
  firstExportSeconds?: number;
  /** The slowest export after the first. */
  laterExportSeconds?: number;
  /** Why export was not measured (no Chromium). */
  exportSkipped?: string;
}

function timingsOf(text: string | undefined): number {
  const match = /timings (\{.*\})/.exec(text ?? "");
  if (!match) throw new Error(`no timings in the cell's output:\n${text}`);
  return (JSON.parse(match[1]) as { loadSeconds: number }).loadSeconds;
}

function checkCells(cells: { status: string; text?: string }[], steps: string[]): void {
  cells.forEach((cell, index) => {
    if (cell.status !== "ok") throw new Error(`notebook bench: cell ${index} (${steps[index].slice(0, 60)}) ended ${cell.status}: ${cell.text}`);
  });
}

export async function measureNotebookLoop(options: { baseline?: boolean } = {}): Promise<NotebookLoopFigures> {
  const nbconvert = findNbconvert();
  if (!nbconvert) return { skipped: "jupyter-nbconvert (and jupyter_client) is not installed" };
  registerTslabKernel();
  prepareNotebookLibrary();
  const chromium = findChromium();
  const figures: NotebookLoopFigures = {};
  const project = scratchProject("persona-talks-bench-nb-");
  try {
    const cwd = join(project.root, "notebooks");
    // As in `npm run jupyter`'s kernels: the declarations worker on.
    const environment = { PERSONA_TALKS_ROOT: project.root, PERSONA_TALKS_QUIET_LOAD: "1", PERSONA_TALKS_TYPES_WORKER: "on" };
    const exportCell = [
      'const benchSpec = pt.charts.correlationHeatmap({ rows: ["Emotionality", "Openness"], columns: ["Expressiveness", "Preciseness"], values: [[0.1, -0.4], [0.6, 0.2]], title: "bench", simulated: false });',
      "const benchTimes: number[] = [];",
      'for (const name of ["a.pdf", "b.pdf", "c.png", "d.svg"]) { const started = performance.now(); await pt.exportFigure(benchSpec, process.env.PERSONA_TALKS_ROOT + "/" + name, pt.sizes.aclColumn); benchTimes.push((performance.now() - started) / 1000); }',
      'console.log("exports " + JSON.stringify(benchTimes));',
    ].join("\n");
    const steps = [
      LOAD_CELL,
      'console.log("warm " + require("./persona-talks.cjs").typesReady());',
      editCell(...BODY_EDIT),
      LOAD_CELL,
      TIMINGS_CELL,
      editCell(...DECLARATION_EDIT),
      LOAD_CELL,
      TIMINGS_CELL,
      editCell(...WIDE_DECLARATION_EDIT),
      LOAD_CELL,
      TIMINGS_CELL,
      ...(chromium.executablePath ? [exportCell] : []),
    ];
    const { cells } = await runKernelSteps(steps, { cwd, environment });
    checkCells(cells, steps);
    figures.reloadBodySeconds = timingsOf(cells[4].text);
    figures.reloadDeclarationSeconds = timingsOf(cells[7].text);
    figures.reloadWideDeclarationSeconds = timingsOf(cells[10].text);
    if (chromium.executablePath) {
      const times = JSON.parse(/exports (\[.*\])/.exec(cells[11].text)![1]) as number[];
      figures.firstExportSeconds = times[0];
      figures.laterExportSeconds = Math.max(...times.slice(1));
    } else figures.exportSkipped = `no Chromium (${chromium.reason})`;
    if (options.baseline !== false) {
      // The loop before: tsc once per reload. A fresh edit (the body edit again, undone) in a fresh kernel.
      const [file, from, to] = BODY_EDIT;
      const before = [LOAD_CELL, editCell(file, to, from), LOAD_CELL, TIMINGS_CELL];
      const { cells: baseline } = await runKernelSteps(before, { cwd, environment: { ...environment, PERSONA_TALKS_TYPES_WORKER: "off" } });
      checkCells(baseline, before);
      figures.reloadTscSeconds = timingsOf(baseline[3].text);
    }
    return figures;
  } finally {
    project.remove();
  }
}

/** The lines `npm run bench` prints for these figures, each with its goal. */
export function notebookLoopLines(figures: NotebookLoopFigures): string[] {
  if (figures.skipped) return [`Notebook loop: not measured (${figures.skipped})`];
  const within = (seconds: number, goal: number) => (seconds <= goal ? "within" : "OVER");
  const lines = [
    `  reload after a one-line body edit: ${figures.reloadBodySeconds!.toFixed(2)} s (goal <= ${RELOAD_GOAL_SECONDS} s: ${within(figures.reloadBodySeconds!, RELOAD_GOAL_SECONDS)})`,
    `  reload after a one-line declaration edit (pt.stats): ${figures.reloadDeclarationSeconds!.toFixed(2)} s (goal <= ${RELOAD_GOAL_SECONDS} s: ${within(figures.reloadDeclarationSeconds!, RELOAD_GOAL_SECONDS)})`,
    `  reload after a field added to ModelRequest (lib/llm/types.ts, ~25 importers): ${figures.reloadWideDeclarationSeconds!.toFixed(2)} s (goal <= ${RELOAD_GOAL_SECONDS} s: ${within(figures.reloadWideDeclarationSeconds!, RELOAD_GOAL_SECONDS)})`,
  ];
  if (figures.reloadTscSeconds !== undefined) lines.push(`  the same body edit with tsc once per reload (PERSONA_TALKS_TYPES_WORKER=off, the loop before): ${figures.reloadTscSeconds.toFixed(2)} s`);
  if (figures.exportSkipped) lines.push(`  export: not measured (${figures.exportSkipped})`);
  else {
    lines.push(
      `  export after the first: ${figures.laterExportSeconds!.toFixed(2)} s, slowest of 3 (goal <= ${EXPORT_GOAL_SECONDS} s: ${within(figures.laterExportSeconds!, EXPORT_GOAL_SECONDS)}); the first, starting the browser: ${figures.firstExportSeconds!.toFixed(2)} s`,
    );
  }
  return ["Notebook loop (a real tslab kernel, scratch copy of the project)", ...lines];
}
