import { priceFromDeclaration } from "../provider-definition";
import { lookupProvider } from "../provider-lookup";
import type { PriceFunction } from "./pricing";

/** Prices from each registered provider's model list (undefined for a provider or model not listed there). */
export const defaultPricing: PriceFunction = (provider, model, usage, tier) => priceFromDeclaration(lookupProvider(provider), model, usage, tier);
