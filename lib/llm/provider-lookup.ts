import type { ProviderDefinition } from "./provider-definition";

/**
 * How code in lib/llm (prices in the ledger and estimates, the Batch executor) finds a provider by name without
 * importing lib/providers, which sits above it: lib/providers/registry.ts installs its lookup when loaded. Every
 * model is made through that registry, so by the time a request exists the lookup is there.
 */
let lookup: ((name: string) => ProviderDefinition | undefined) | undefined;

export function installProviderLookup(find: (name: string) => ProviderDefinition | undefined): void {
  lookup = find;
}

/** Whether a registry has installed its lookup (lib/providers/registry.ts is loaded). */
export function providerLookupInstalled(): boolean {
  return lookup !== undefined;
}

/** The registered provider of this name, or undefined (unknown, or no registry loaded). */
export function lookupProvider(name: string): ProviderDefinition | undefined {
  return lookup?.(name);
}
