import { createRequire } from "node:module";
import { join } from "node:path";
import { projectRoot } from "../../paths";
import { escapeHtml } from "../../text/escape-html";
import { cliProgress, formatProgressLine, type ProgressReporter, type ProgressSnapshot } from "./progress";
import { formatProgressSummary } from "./progress-summary";

/**
 * The part of tslab's Display we use. `tslab.newDisplay()` returns one whose every call replaces the same
 * output (Jupyter `display_data` then `update_display_data` with one display_id), which is what makes an
 * in-place progress bar possible; plain `tslab.display.html` would append a new output each time.
 */
export interface UpdatableDisplay {
  html(html: string): void;
  /** Replaces the output with plain text: the finished bar becomes its one-line summary. */
  text(text: string): void;
}

export interface NotebookProgressOptions {
  /** Default: `require("tslab").newDisplay()`, available inside a tslab kernel. */
  display?: UpdatableDisplay;
  /** Redraw at most this often (default 500 ms): each redraw is a message to the notebook front end. */
  intervalMs?: number;
  /** Used when no display is available (not in a kernel): compact lines, throttled to `fallbackIntervalMs`. */
  log?: (line: string) => void;
  fallbackIntervalMs?: number;
  now?: () => number;
}

/** Whether this process is a tslab Jupyter kernel. */
export function inTslabKernel(): boolean {
  return process.argv.some((argument) => /(^|[\\/])tslab([\\/]|$)/.test(argument));
}

/**
 * Loads tslab lazily (it pulls in a whole TypeScript compiler, too heavy for CLI runs). Inside a notebook this
 * module is compiled to CommonJS and `require` is tslab's hooked one, which hands back the kernel's own tslab
 * instance; elsewhere it is resolved from the project.
 */
function newTslabDisplay(): UpdatableDisplay | undefined {
  try {
    const load: NodeJS.Require =
      typeof require === "function" ? require : createRequire(join(projectRoot(), "package.json"));
    const tslab = load("tslab") as { newDisplay?: () => UpdatableDisplay };
    return tslab.newDisplay?.();
  } catch {
    return undefined;
  }
}

export function progressHtml(snapshot: ProgressSnapshot, finished = false): string {
  const settled = snapshot.done + snapshot.failed + snapshot.skipped;
  const colour = snapshot.failed > 0 ? "#c0392b" : finished ? "#27ae60" : "#2c7be5";
  return (
    `<div style="font-family:monospace;font-size:12px">` +
    `<progress value="${settled}" max="${Math.max(snapshot.total, 1)}" style="width:260px;accent-color:${colour}"></progress> ` +
    `<span>${escapeHtml(formatProgressLine(snapshot))}${finished ? " (finished)" : ""}</span></div>`
  );
}

/**
 * A progress bar in a tslab notebook, updated in place and replaced by a one-line summary when done. Outside a kernel (or if the display refuses),
 * falls back to compact lines at most every few seconds so a cell's output stays short.
 */
export function notebookProgress(options: NotebookProgressOptions = {}): ProgressReporter {
  let display = options.display ?? newTslabDisplay();
  const interval = options.intervalMs ?? 500;
  const fallbackInterval = options.fallbackIntervalMs ?? 10_000;
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => performance.now());
  let last = -Infinity;

  const show = (snapshot: ProgressSnapshot, finished: boolean): void => {
    if (display) {
      try {
        // Finished, the bar (an HTML block re-sent every half second) is replaced in place by one line of text:
        // that line, not the bar, is what a saved notebook keeps.
        if (finished) display.text(formatProgressSummary(snapshot));
        else display.html(progressHtml(snapshot, finished));
        return;
      } catch {
        display = undefined; // "Not ready": not inside a running cell
      }
    }
    log(formatProgressLine(snapshot));
  };

  return {
    update(snapshot) {
      const time = now();
      if (time - last < (display ? interval : fallbackInterval)) return;
      last = time;
      show(snapshot, false);
    },
    finish(snapshot) {
      show(snapshot, true);
    },
  };
}

/** The notebook bar inside a tslab kernel, the stderr bar anywhere else. */
export function defaultProgress(): ProgressReporter {
  return inTslabKernel() ? notebookProgress() : cliProgress();
}
