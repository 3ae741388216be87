import type { CallFailureKind } from "../types";

/** Why a call was retried, as the closing summary and progress lines name it. */
export type RetryCause = "429" | "5xx" | "timeout" | "dropped connection" | "malformed body" | "unreachable" | "batch follow-up" | "other";

/** "batch follow-up": a Batch line that failed transiently, sent again in a follow-up batch of the same run. */
export const RETRY_CAUSES: readonly RetryCause[] = ["429", "5xx", "timeout", "dropped connection", "malformed body", "unreachable", "batch follow-up", "other"];

export function retryCauseOf(kind: CallFailureKind | undefined): RetryCause {
  switch (kind) {
    case "rate-limit":
      return "429";
    case "server-error":
      return "5xx";
    case "timeout":
      return "timeout";
    case "dropped-connection":
      return "dropped connection";
    case "malformed-body":
      return "malformed body";
    case "unreachable":
      return "unreachable";
    default:
      return "other";
  }
}

/** Failed requests that share a reason, with one of them as the example. */
export interface FailureGroup {
  reason: string;
  count: number;
  /** The item id of the first request that failed this way. */
  exampleItem: string;
  /** That request's full error message. */
  exampleMessage: string;
}

/** A request that failed after its retries, as the runner reports it. */
export interface FailureRecord {
  reason: string;
  itemId: string;
  message: string;
}

/**
 * What the runs of a context did beyond tokens and dollars: retries by cause, failures grouped by reason and
 * requests not run (interrupted). Kept by the Ledger, so everything one ledger spans (a CLI command, a
 * notebook) has one closing summary.
 */
export class RunReport {
  readonly retries: Record<RetryCause, number> = Object.fromEntries(RETRY_CAUSES.map((cause) => [cause, 0])) as Record<RetryCause, number>;
  private readonly groups = new Map<string, FailureGroup>();
  notRun = 0;

  recordRetry(cause: RetryCause): void {
    this.retries[cause] += 1;
  }

  recordFailure(failure: FailureRecord): void {
    const group = this.groups.get(failure.reason);
    if (group) group.count += 1;
    else this.groups.set(failure.reason, { reason: failure.reason, count: 1, exampleItem: failure.itemId, exampleMessage: failure.message });
  }

  recordNotRun(count = 1): void {
    this.notRun += count;
  }

  /** Most frequent reason first. */
  failures(): FailureGroup[] {
    return [...this.groups.values()].map((group) => ({ ...group })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }

  totalRetries(): number {
    return RETRY_CAUSES.reduce((total, cause) => total + this.retries[cause], 0);
  }
}

/** "3 retries (429: 2, 5xx: 1)", or "" when there were none. */
export function formatRetries(retries: Partial<Record<RetryCause, number>>): string {
  const parts = RETRY_CAUSES.filter((cause) => (retries[cause] ?? 0) > 0).map((cause) => `${cause}: ${retries[cause]}`);
  const total = RETRY_CAUSES.reduce((sum, cause) => sum + (retries[cause] ?? 0), 0);
  return total ? `${total} ${total === 1 ? "retry" : "retries"} (${parts.join(", ")})` : "";
}
