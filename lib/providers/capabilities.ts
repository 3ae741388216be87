import { getProvider, listProviders } from "./registry";

/**
 * Why a log-probability pass cannot run on this provider (its capabilities.logprobs is false), naming the
 * providers that can; undefined when it can.
 */
export function logprobsRefusal(provider: string): string | undefined {
  const definition = getProvider(provider);
  if (definition.capabilities.logprobs) return undefined;
  const able = listProviders()
    .filter((candidate) => candidate.capabilities.logprobs)
    .map((candidate) => candidate.name);
  return `--logprobs: ${definition.displayName}'s API returns no log-probabilities; use ${able.join(", ")} (a self-hosted server only if it returns them)`;
}
