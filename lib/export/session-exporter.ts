import { inTslabKernel } from "../llm/runner/notebook-progress";
import { createFigureExporter, type FigureExporter } from "./figure-exporter";

const SESSION_KEY = Symbol.for("persona-talks.session-figure-exporter");

/**
 * The figure exporter of this process: one headless Chromium per notebook session, started by the first export and
 * reused by every later one (an export then takes well under a second instead of ~3 s). Kept on globalThis so that
 * re-running the load cell, which loads a fresh copy of the library, keeps the browser. It is never closed by
 * hand: Playwright kills the browser and the exporter removes its profile when the process (the kernel) exits; a
 * browser that died is started again by the next export.
 */
export function sessionFigureExporter(): Promise<FigureExporter> {
  const holder = globalThis as unknown as Record<symbol, Promise<FigureExporter> | undefined>;
  holder[SESSION_KEY] ??= createFigureExporter({ log: () => undefined });
  return holder[SESSION_KEY];
}

/** Whether exportFigure reuses the session's browser by default: inside a notebook kernel, yes; a script or the CLI, which must exit when done, starts and closes one per call unless it passes an exporter. */
export function reusesSessionBrowser(): boolean {
  return inTslabKernel();
}
