import { InterruptedError } from "../../errors";
import type { RunSummary } from "./run-types";

// Every runRequests call in this process registers here while it runs, so something outside the run (a notebook
// kernel's interrupt) can stop all of them at once: no new call is scheduled, calls in flight are aborted (the
// abort signal reaches the SDK call), and the run then throws a RunStoppedError saying what was done and what
// was not. A gate can refuse new runs (the rest of an interrupted notebook cell). The state lives on globalThis:
// a notebook kernel may hold several copies of the library (the load cell re-bundles it after an edit).

/** Why runs are stopped, and the hint their error ends with ("re-run the cell to continue"). */
export interface StopReason {
  hint: string;
}

interface RunHandle {
  stop(reason: StopReason): void;
}

interface StopState {
  runs: Set<RunHandle>;
  /** Consulted when a run starts: a reason refuses it (nothing is sent). */
  gate?: () => StopReason | undefined;
}

const KEY = Symbol.for("persona-talks.active-runs");

function state(): StopState {
  const holder = globalThis as unknown as Record<symbol, StopState | undefined>;
  return (holder[KEY] ??= { runs: new Set() });
}

/** A run stopped from outside: its one line says how many calls were done, came from the cache and were not run. */
export class RunStoppedError extends InterruptedError {
  constructor(
    readonly counts: { done: number; cached: number; failed: number; notRun: number; stage?: string },
    hint: string,
  ) {
    const failed = counts.failed ? `, ${counts.failed} failed` : "";
    const stage = counts.stage ? ` (${counts.stage})` : "";
    super(`stopped: ${counts.done} done, ${counts.cached} from cache${failed}, ${counts.notRun} not run${stage}; ${hint}`);
    this.name = "RunStoppedError";
    // No frames: where the run was is not the user's concern, and a kernel that prints the stack prints one line.
    this.stack = `${this.name}: ${this.message}`;
    Object.defineProperty(this, "counts", { enumerable: false });
  }

  /** One line wherever it is inspected (a notebook cell prints the error it ends with): no stack below it. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.message;
  }

  /** From a stopped run's summary. */
  static of(summary: RunSummary, reason: StopReason, stage?: string): RunStoppedError {
    return new RunStoppedError({ done: summary.paid, cached: summary.cached, failed: summary.failed, notRun: summary.skipped, stage }, reason.hint);
  }
}

/** Registers a starting run; throws (nothing sent) when the gate refuses it. Returns the function that unregisters it. */
export function registerRun(total: number, stage: string | undefined, stop: (reason: StopReason) => void): () => void {
  const refused = state().gate?.();
  if (refused) throw new RunStoppedError({ done: 0, cached: 0, failed: 0, notRun: total, stage }, refused.hint);
  const handle: RunHandle = { stop };
  state().runs.add(handle);
  return () => state().runs.delete(handle);
}

/** Stops every run in progress (each then throws its RunStoppedError); returns how many were stopped. */
export function stopActiveRuns(reason: StopReason): number {
  const runs = [...state().runs];
  for (const run of runs) run.stop(reason);
  return runs.length;
}

/** Runs in progress in this process. */
export function activeRunCount(): number {
  return state().runs.size;
}

/** Sets (or with undefined, removes) the gate every new run asks first. */
export function setRunGate(gate: (() => StopReason | undefined) | undefined): void {
  state().gate = gate;
}
