import type { ProviderName, Usage } from "../types";
import { defaultPricing } from "./default-pricing";
import type { PriceFunction, PriceTier } from "./pricing";
import { RunReport, type FailureRecord } from "./run-report";

/** One stage × provider × model line of the ledger. Cached calls are paid $0; their would-be cost is kept. */
export interface LedgerRow {
  stage: string;
  provider: ProviderName;
  model: string;
  /** Successful calls, paid + cached. */
  calls: number;
  paidCalls: number;
  cachedCalls: number;
  failedCalls: number;
  paidInputTokens: number;
  paidOutputTokens: number;
  cachedInputTokens: number;
  cachedOutputTokens: number;
  paidDollars: number;
  /** What the cached calls would have cost had they been paid: the cache's saving. */
  cachedWouldBeDollars: number;
  /** Calls whose price is unknown (model missing from the price file): their dollars are not counted. */
  unpricedCalls: number;
}

export interface LedgerEntry {
  /** Missing stage is shown as "(no stage)". */
  stage?: string;
  provider: ProviderName;
  model: string;
  usage: Usage;
  cached: boolean;
  /** Which price applies to this call; default "list". */
  tier?: PriceTier;
}

export interface LedgerOptions {
  /** Default: the project's price registry. */
  pricing?: PriceFunction;
}

const UNSTAGED = "(no stage)";

/**
 * The last price computed for a line. Consecutive calls of one stage and model mostly have the same usage
 * (a replay of 500,000 inventory answers has a handful of distinct token counts), so the price function
 * (a registry lookup for the default prices) runs once per distinct usage instead of once per call.
 */
interface LastPrice {
  tier: PriceTier;
  inputTokens: number;
  outputTokens: number;
  dollars: number | undefined;
}

/** Tokens and dollars per stage and model, cached vs paid; one ledger can span many runs of a notebook. */
export class Ledger {
  /** Rows in first-seen order. */
  private readonly lines: LedgerRow[] = [];
  // Nested maps (stage -> provider -> model) find a row without building a key string per call.
  private readonly index = new Map<string, Map<string, Map<string, LedgerRow>>>();
  private readonly lastPrices = new WeakMap<LedgerRow, LastPrice>();
  private readonly pricing: PriceFunction;
  /** Retries by cause, failures by reason, requests not run: the rest of the closing summary. */
  readonly report = new RunReport();

  constructor(options: LedgerOptions = {}) {
    this.pricing = options.pricing ?? defaultPricing;
  }

  private line(stage: string | undefined, provider: ProviderName, model: string): LedgerRow {
    const stageName = stage || UNSTAGED;
    let byProvider = this.index.get(stageName);
    if (!byProvider) this.index.set(stageName, (byProvider = new Map()));
    let byModel = byProvider.get(provider);
    if (!byModel) byProvider.set(provider, (byModel = new Map()));
    let row = byModel.get(model);
    if (!row) {
      row = {
        stage: stageName, provider, model,
        calls: 0, paidCalls: 0, cachedCalls: 0, failedCalls: 0,
        paidInputTokens: 0, paidOutputTokens: 0, cachedInputTokens: 0, cachedOutputTokens: 0,
        paidDollars: 0, cachedWouldBeDollars: 0, unpricedCalls: 0,
      };
      byModel.set(model, row);
      this.lines.push(row);
    }
    return row;
  }

  /** The price function's answer, reused while a line's calls keep the same usage and tier (prices are pure). */
  private priceOf(row: LedgerRow, usage: Usage, tier: PriceTier): number | undefined {
    const last = this.lastPrices.get(row);
    if (last && last.tier === tier && last.inputTokens === usage.inputTokens && last.outputTokens === usage.outputTokens) return last.dollars;
    const dollars = this.pricing(row.provider, row.model, usage, tier);
    this.lastPrices.set(row, { tier, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, dollars });
    return dollars;
  }

  /** Records a successful call and returns what it cost ($0 when cached). */
  record(entry: LedgerEntry): number {
    const row = this.line(entry.stage, entry.provider, entry.model);
    const dollars = this.priceOf(row, entry.usage, entry.tier ?? "list");
    row.calls += 1;
    if (dollars === undefined) row.unpricedCalls += 1;
    if (entry.cached) {
      row.cachedCalls += 1;
      row.cachedInputTokens += entry.usage.inputTokens;
      row.cachedOutputTokens += entry.usage.outputTokens;
      row.cachedWouldBeDollars += dollars ?? 0;
      return 0;
    }
    row.paidCalls += 1;
    row.paidInputTokens += entry.usage.inputTokens;
    row.paidOutputTokens += entry.usage.outputTokens;
    row.paidDollars += dollars ?? 0;
    return dollars ?? 0;
  }

  /** A request that failed after its retries; `failure` (reason, item, message) feeds the closing summary. */
  recordFailure(stage: string | undefined, provider: ProviderName, model: string, failure?: FailureRecord): void {
    this.line(stage, provider, model).failedCalls += 1;
    if (failure) this.report.recordFailure(failure);
  }

  /** JSON rows, sorted by stage, provider, model. */
  rows(): LedgerRow[] {
    return this.lines
      .map((row) => ({ ...row }))
      .sort((a, b) => a.stage.localeCompare(b.stage) || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
  }

  toJSON(): LedgerRow[] {
    return this.rows();
  }

  /** Sums over all rows (stage/provider/model read "(all)"). */
  totals(): LedgerRow {
    const total: LedgerRow = {
      stage: "(all)", provider: "(all)" as ProviderName, model: "(all)",
      calls: 0, paidCalls: 0, cachedCalls: 0, failedCalls: 0,
      paidInputTokens: 0, paidOutputTokens: 0, cachedInputTokens: 0, cachedOutputTokens: 0,
      paidDollars: 0, cachedWouldBeDollars: 0, unpricedCalls: 0,
    };
    for (const row of this.lines) {
      for (const field of NUMERIC_FIELDS) total[field] += row[field];
    }
    return total;
  }

  /** A fixed-width text table with a totals line, for the CLI and notebook text output. */
  formatTable(): string {
    return formatLedgerTable([...this.rows(), this.totals()]);
  }
}

const NUMERIC_FIELDS = [
  "calls", "paidCalls", "cachedCalls", "failedCalls",
  "paidInputTokens", "paidOutputTokens", "cachedInputTokens", "cachedOutputTokens",
  "paidDollars", "cachedWouldBeDollars", "unpricedCalls",
] as const;

export function formatLedgerTable(rows: LedgerRow[]): string {
  const header = ["stage", "provider", "model", "paid", "cached", "failed", "paid in tok", "paid out tok", "paid $", "cached tok", "saved $"];
  const body = rows.map((row) => [
    row.stage,
    row.provider,
    row.model,
    String(row.paidCalls),
    String(row.cachedCalls),
    String(row.failedCalls),
    String(row.paidInputTokens),
    String(row.paidOutputTokens),
    formatDollars(row.paidDollars) + (row.unpricedCalls ? "*" : ""),
    String(row.cachedInputTokens + row.cachedOutputTokens),
    formatDollars(row.cachedWouldBeDollars),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const textColumns = 3;
  const render = (cells: string[]) =>
    cells.map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
  const lines = [render(header), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(render)];
  if (rows.some((row) => row.unpricedCalls > 0)) lines.push("* some calls have no known price; their dollars are not included");
  return lines.join("\n");
}

export function formatDollars(dollars: number): string {
  if (dollars === 0) return "$0";
  if (dollars < 0.01) return `$${dollars.toFixed(4)}`;
  return `$${dollars.toFixed(2)}`;
}
