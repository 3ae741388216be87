import { priceOf } from "../model-registry";
import type { PriceFunction } from "./pricing";

/** Prices from lib/llm/models.json (undefined for a model missing there). */
export const defaultPricing: PriceFunction = (provider, model, usage, tier) => priceOf(provider, model, usage, tier);
