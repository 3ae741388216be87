import { formatDollars } from "./ledger";
import { formatDuration } from "./progress";
import type { RunSummary } from "./run-types";

/** The end-of-run summary as a few lines of text. */
export function formatRunSummary(summary: RunSummary): string {
  const lines = [
    `${summary.interrupted ? "Run interrupted" : "Run finished"} (${summary.mode}) in ${formatDuration(summary.elapsedMs)}: ` +
      `${summary.done}/${summary.total} done (${summary.cached} cached, ${summary.paid} paid), ` +
      `${summary.failed} failed, ${summary.skipped} not run, ${summary.retries} retries.`,
    `Paid ${summary.paidInputTokens} input + ${summary.paidOutputTokens} output tokens = ${formatDollars(summary.dollars)}` +
      (summary.unpricedCalls ? ` (+ ${summary.unpricedCalls} calls with unknown price)` : "") +
      `; the cache saved ${formatDollars(summary.savedDollars)}.`,
  ];
  if (summary.skipped > 0) lines.push("Re-run the same requests to finish: finished calls come from the cache and are not paid again.");
  return lines.join("\n");
}
