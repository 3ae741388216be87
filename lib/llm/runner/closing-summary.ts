import type { Ledger } from "./ledger";
import { formatRetries, type FailureGroup, type RetryCause } from "./run-report";

/**
 * How a command's model calls went, printed at the end of every `run` and `analyze` (and stored in `run --json`
 * and analyze's summary.json under "run"). docs/runner.md describes each field.
 */
export interface ClosingSummary {
  /** Requests answered (cached included). */
  done: number;
  /** Of those, answered by the cache (nothing paid). */
  fromCache: number;
  paid: number;
  /** Requests that failed after their retries: their items are missing from the results. */
  failed: number;
  /** Requests not started because the run was interrupted. */
  notRun: number;
  retries: { total: number; byCause: Record<RetryCause, number> };
  /** Failed requests grouped by reason, most frequent first, one example each. */
  failures: FailureGroup[];
  /** What to do next, when something is missing. */
  next?: string;
}

export function closingSummary(ledger: Ledger): ClosingSummary {
  const totals = ledger.totals();
  const report = ledger.report;
  const summary: ClosingSummary = {
    done: totals.calls,
    fromCache: totals.cachedCalls,
    paid: totals.paidCalls,
    failed: totals.failedCalls,
    notRun: report.notRun,
    retries: { total: report.totalRetries(), byCause: { ...report.retries } },
    failures: report.failures(),
  };
  const missing = summary.failed + summary.notRun;
  if (missing > 0) summary.next = `re-run the same command to retry the ${missing} ${summary.failed ? "failed" : "unfinished"} item${missing === 1 ? "" : "s"} (answered ones come from the cache)`;
  return summary;
}

/** A few lines for stderr. */
export function formatClosingSummary(summary: ClosingSummary): string {
  const retries = formatRetries(summary.retries.byCause);
  const lines = [
    `Summary: ${summary.done} done (${summary.fromCache} from cache, ${summary.paid} paid), ${summary.failed} failed` +
      (summary.notRun ? `, ${summary.notRun} not run (interrupted)` : "") +
      `; ${retries || "no retries"}.`,
  ];
  for (const group of summary.failures) {
    lines.push(`  ${group.count} failed: ${group.reason} (e.g. ${group.exampleItem}: ${group.exampleMessage})`);
  }
  if (summary.next) lines.push(`  ${summary.next[0].toUpperCase()}${summary.next.slice(1)}.`);
  return lines.join("\n");
}

/** Exit code for a finished command: 130 interrupted, 1 partial (failed items), else 0. */
export function exitCodeOf(summary: ClosingSummary, interrupted: boolean): number {
  if (interrupted) return 130;
  return summary.failed > 0 ? 1 : 0;
}

