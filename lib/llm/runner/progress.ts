import { formatDollars } from "./ledger";
import { formatRetries, type RetryCause } from "./run-report";

/** What a progress reporter is shown; the runner sends one on every finished call. */
export interface ProgressSnapshot {
  /** The stage label of the run, if any. */
  label?: string;
  total: number;
  /** Calls finished successfully, cached ones included. */
  done: number;
  cached: number;
  failed: number;
  /** Not run because the run was interrupted. */
  skipped: number;
  inFlight: number;
  /** Retries so far, and by cause; shown as they happen. */
  retries?: number;
  retriesByCause?: Partial<Record<RetryCause, number>>;
  elapsedMs: number;
  /** Calls answered by the model (or failed) per minute over the recent past, cache hits excluded (see RateMeter). */
  ratePerMinute: number;
  /** Estimated time to finish; undefined until a rate is known. */
  etaMs?: number;
  /** Dollars paid so far in this run (cached calls cost nothing). */
  spendDollars: number;
}

export interface ProgressReporter {
  update(snapshot: ProgressSnapshot): void;
  /** Called once at the end (also after an interruption). */
  finish(snapshot: ProgressSnapshot): void;
  /** Called instead of finish when the run stops on a fatal error: the error's one line says it all. */
  clear?(): void;
}

export const silentProgress: ProgressReporter = { update() {}, finish() {} };

/**
 * Finished-calls rate over a sliding window, so that a burst of cache hits at the start of a resumed run
 * does not make the ETA for the remaining paid calls absurdly short for long.
 */
export class RateMeter {
  private readonly samples: Array<{ time: number; count: number }> = [];
  /** Samples closer together than resolutionMs are not kept, so a 500,000-call run stays cheap. */
  constructor(
    private readonly windowMs = 30_000,
    private readonly resolutionMs = 250,
  ) {}

  /** Records that `count` calls had finished by `time` (ms); returns the rate per minute. */
  observe(time: number, count: number): number {
    const last = this.samples[this.samples.length - 1];
    if (!last || time - last.time >= this.resolutionMs) this.samples.push({ time, count });
    // Keep one sample at or before the window's start, so the rate spans the whole window.
    while (this.samples.length > 2 && this.samples[1].time <= time - this.windowMs) this.samples.shift();
    const first = this.samples[0];
    const span = time - first.time;
    return span > 0 ? ((count - first.count) * 60_000) / span : 0;
  }
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** One line: "[stage] 412/3000 done (380 cached), 2 failed | 95/min | ETA 27m10s | $0.41". */
export function formatProgressLine(snapshot: ProgressSnapshot): string {
  const finished = snapshot.done + snapshot.failed + snapshot.skipped;
  const percent = snapshot.total ? Math.floor((100 * finished) / snapshot.total) : 100;
  const parts = [
    `${snapshot.label ? `[${snapshot.label}] ` : ""}${snapshot.done}/${snapshot.total} done (${snapshot.cached} cached), ${snapshot.failed} failed` +
      (snapshot.skipped ? `, ${snapshot.skipped} skipped` : "") +
      (snapshot.retries && snapshot.retriesByCause ? `, ${formatRetries(snapshot.retriesByCause)}` : ""),
    `${percent}%`,
    `${snapshot.ratePerMinute.toFixed(snapshot.ratePerMinute < 10 ? 1 : 0)}/min`,
    `ETA ${snapshot.etaMs === undefined ? "?" : formatDuration(snapshot.etaMs)}`,
    `elapsed ${formatDuration(snapshot.elapsedMs)}`,
    formatDollars(snapshot.spendDollars),
  ];
  return parts.join(" | ");
}

export interface CliProgressOptions {
  /** Default process.stderr (stdout stays clean for results). */
  stream?: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean };
  /** Non-TTY: one line every this many ms (default 5000). TTY: redraw at most this often (default 100). */
  intervalMs?: number;
  /** Clock for throttling; default performance.now. */
  now?: () => number;
}

const BAR_WIDTH = 24;

function bar(snapshot: ProgressSnapshot): string {
  const finished = snapshot.done + snapshot.failed + snapshot.skipped;
  const filled = snapshot.total ? Math.round((BAR_WIDTH * finished) / snapshot.total) : BAR_WIDTH;
  return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
}

/**
 * A progress bar on stderr. On a terminal, one line rewritten in place with "\r"; in a log file or CI
 * (not a TTY), a plain line every few seconds so logs stay readable.
 */
export function cliProgress(options: CliProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const interval = options.intervalMs ?? (tty ? 100 : 5000);
  const now = options.now ?? (() => performance.now());
  let last = -Infinity;
  let drawn = false;
  return {
    update(snapshot) {
      const time = now();
      if (time - last < interval) return;
      last = time;
      if (tty) {
        drawn = true;
        stream.write(`\r${bar(snapshot)} ${formatProgressLine(snapshot)}\x1b[K`);
      } else {
        stream.write(formatProgressLine(snapshot) + "\n");
      }
    },
    finish(snapshot) {
      if (tty) stream.write(`\r${bar(snapshot)} ${formatProgressLine(snapshot)}\x1b[K\n`);
      else stream.write(formatProgressLine(snapshot) + "\n");
    },
    clear() {
      if (tty && drawn) stream.write("\r\x1b[K");
    },
  };
}
