import { formatDollars } from "./ledger";
import { formatDuration, type ProgressSnapshot } from "./progress";

/**
 * The one line a finished run leaves behind (a notebook's progress bar turns into it):
 * "[answer] 3000/3000 done (2586 cached), 0 failed | elapsed 1m12s | $0.41 (finished)". An interrupted run says how
 * many were not run; retries, rate and ETA (only of use while running) are left out.
 */
export function formatProgressSummary(snapshot: ProgressSnapshot): string {
  const counts =
    `${snapshot.label ? `[${snapshot.label}] ` : ""}${snapshot.done}/${snapshot.total} done (${snapshot.cached} cached), ${snapshot.failed} failed` +
    (snapshot.skipped ? `, ${snapshot.skipped} not run` : "");
  return `${counts} | elapsed ${formatDuration(snapshot.elapsedMs)} | ${formatDollars(snapshot.spendDollars)} (${snapshot.skipped ? "stopped" : "finished"})`;
}
