import { findModel, priceFromDeclaration, type ModelPrice, type PriceMode, type ProviderModel } from "../llm/provider-definition";
import type { ProviderName, Usage } from "../llm/types";
import { getProvider, hasProvider, listProviders } from "./registry";

export type { ModelPrice, PriceMode };

/** Requests and tokens (input + output) per minute; an absent field is no limit. Same shape as the runner's ModelLimits. */
export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export interface ModelInfo extends ProviderModel {
  provider: ProviderName;
}

/** Every model of every registered provider (each provider's module lists its own), for the CLI and docs. */
export function allModels(): ModelInfo[] {
  return listProviders().flatMap((provider) => provider.models.map((model) => ({ ...model, provider: provider.name })));
}

/** The entry for a model id or one of its aliases (e.g. "gpt-4o-mini-2024-07-18"); undefined for an unknown provider or model. */
export function modelInfo(provider: ProviderName, model: string): ModelInfo | undefined {
  if (!hasProvider(provider)) return undefined;
  const entry = findModel(getProvider(provider), model);
  return entry ? { ...entry, provider } : undefined;
}

/** Whether every model of this provider costs nothing (self-hosted "local", the simulator "sim"). */
export function isFreeProvider(provider: ProviderName): boolean {
  return hasProvider(provider) && getProvider(provider).free;
}

/**
 * Dollars for one call's usage at list or Batch price. Undefined when the model is unknown or the
 * provider has no Batch price for it, so callers report "unknown" instead of a wrong zero.
 * Self-hosted and simulated providers cost 0 for any model id.
 */
export function priceOf(provider: ProviderName, model: string, usage: Usage, mode: PriceMode): number | undefined {
  return priceFromDeclaration(hasProvider(provider) ? getProvider(provider) : undefined, model, usage, mode);
}

/**
 * The default rate limits of a model from its provider's module (conservative tier defaults: set your account's
 * own limits instead). Undefined for free providers (local, sim), unknown models and models listed without
 * limits: the runner then paces only by concurrency and handles 429s by retrying.
 */
export function defaultRateLimits(provider: ProviderName, model: string): RateLimits | undefined {
  if (isFreeProvider(provider)) return undefined;
  const limits = modelInfo(provider, model)?.limits;
  if (!limits) return undefined;
  const result: RateLimits = {};
  if (limits.requestsPerMinute !== null) result.requestsPerMinute = limits.requestsPerMinute;
  if (limits.tokensPerMinute !== null) result.tokensPerMinute = limits.tokensPerMinute;
  return Object.keys(result).length ? result : undefined;
}
