import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { join } from "node:path";
import { inTslabKernel } from "../llm/runner/notebook-progress";
import { activeRunCount, setRunGate, stopActiveRuns, type StopReason } from "../llm/runner/stop-runs";
import { projectRoot } from "../paths";

// Stop means stop, in a tslab kernel. Jupyter's Interrupt sends the kernel SIGINT; tslab alone only ends the cell's
// wait ("Interrupted asynchronously") while the library goes on calling the model in the background. Here, when
// the library is loaded in a kernel, SIGINT first stops every model run in progress (no new call, calls in flight
// aborted through their AbortSignal): the stage throws one line, "stopped: N done, M from cache, K not run; re-run
// the cell to continue", and that ends the cell. What was answered is in the cache, so a re-run resumes there.
// Runs the interrupted cell would start afterwards are refused (each cell runs in its own async context, marked by
// wrapping tslab's per-cell handler). With no run in progress, or when the runs have not ended within STOP_GRACE_MS,
// tslab's own interrupt ends the cell as before.

const STOP: StopReason = { hint: "re-run the cell to continue" };
/** After this long with runs still going, tslab's own interrupt ends the cell anyway (the goal is 2 s). */
const STOP_GRACE_MS = 1_500;
const INSTALLED = Symbol.for("persona-talks.kernel-interrupt");

interface CellState {
  cells: AsyncLocalStorage<object>;
  /** The cell being executed (its token), if known. */
  current?: object;
  stopped: WeakSet<object>;
}

type Handler = (signal: NodeJS.Signals) => void;

/** Marks each cell tslab executes with a token in an AsyncLocalStorage (tslab is pinned; see tslab-executor.ts). */
function trackCells(state: CellState): boolean {
  try {
    const load = createRequire(join(projectRoot(), "package.json"));
    const jupyter = load("tslab/dist/jupyter.js") as { JupyterHandlerImpl?: { prototype: Record<string, unknown> } };
    const prototype = jupyter.JupyterHandlerImpl?.prototype;
    const original = prototype?.handleExecuteImpl as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (!prototype || typeof original !== "function") return false;
    prototype.handleExecuteImpl = function (this: unknown, ...args: unknown[]) {
      const token = {};
      state.current = token;
      return state.cells.run(token, () => original.apply(this, args)).finally(() => {
        if (state.current === token) state.current = undefined;
      });
    };
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes over SIGINT in a tslab kernel (idempotent, process-wide: every copy of the library shares it). Returns
 * false outside a kernel, where nothing changes.
 */
export function installKernelInterrupt(): boolean {
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (holder[INSTALLED]) return true;
  if (!inTslabKernel()) return false;
  const tslab = process.listeners("SIGINT") as Handler[];
  if (tslab.length === 0) return false;
  holder[INSTALLED] = true;
  const state: CellState = { cells: new AsyncLocalStorage<object>(), stopped: new WeakSet() };
  if (trackCells(state)) {
    setRunGate(() => {
      const cell = state.cells.getStore();
      return cell && state.stopped.has(cell) ? STOP : undefined;
    });
  }
  const passOn = () => {
    for (const listener of tslab) listener("SIGINT");
  };
  for (const listener of tslab) process.off("SIGINT", listener);
  let stopping = false;
  process.on("SIGINT", () => {
    if (state.current) state.stopped.add(state.current);
    // A second interrupt while runs are still stopping: end the cell at once.
    if (stopping) return passOn();
    if (stopActiveRuns(STOP) === 0) return passOn();
    stopping = true;
    const cell = state.current;
    setTimeout(() => {
      stopping = false;
      if (activeRunCount() > 0 && (cell === undefined || state.current === cell)) passOn();
    }, STOP_GRACE_MS).unref();
  });
  return true;
}

// Not at once: tslab runs a cell's synchronous code with vm's breakOnSigint, which takes the SIGINT listeners away
// until that code returns. The cell that loads the library has returned by the next turn of the event loop.
if (inTslabKernel()) setImmediate(installKernelInterrupt).unref();
