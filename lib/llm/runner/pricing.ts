import type { ProviderName, Usage } from "../types";

/** "list" = ordinary online prices, "batch" = the providers' Batch API prices. */
export type PriceTier = "list" | "batch";

/**
 * Dollars for one call's usage, or undefined when the model's price is unknown. Must be pure (same
 * arguments, same answer): the ledger reuses an answer for repeated usages.
 */
export type PriceFunction = (provider: ProviderName, model: string, usage: Usage, tier: PriceTier) => number | undefined;

export const noPrices: PriceFunction = () => undefined;
