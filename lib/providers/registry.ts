import { UsageError } from "../errors";
import { isConfigured, type EnvironmentOptions } from "../llm/environment";
import { PROVIDER_NAME, type ProviderDefinition } from "../llm/provider-definition";
import { installProviderLookup } from "../llm/provider-lookup";
import { simProvider } from "../sim/sim-provider";
import { anthropicProvider } from "./anthropic";
import localDeclaration from "./local.json";
import { openAiProvider } from "./openai";
import { openAiCompatibleProvider } from "./openai-compatible";

/**
 * Every provider the library knows, in the order the default provider is chosen (the first one configured in the
 * environment, else the simulator). Adding a provider is one module (or one JSON file for an OpenAI-compatible
 * server) plus one line here, or `registerProvider(definition)` at run time (notebooks, tests, plug-ins).
 */
const providers = new Map<string, ProviderDefinition>();

/** Adds a provider (or replaces one of the same name); from then on the CLI, cache, estimates and notebooks accept it. */
export function registerProvider(definition: ProviderDefinition): ProviderDefinition {
  if (!PROVIDER_NAME.test(definition.name)) {
    throw new UsageError(`provider name "${definition.name}" must be lower case letters, digits and dashes, starting with a letter`);
  }
  if (definition.capabilities.batch && !definition.createBatchClient) {
    throw new UsageError(`provider ${definition.name} declares capabilities.batch but has no createBatchClient`);
  }
  providers.set(definition.name, definition);
  return definition;
}

/** Removes a provider registered at run time (tests); true when there was one. */
export function unregisterProvider(name: string): boolean {
  return providers.delete(name);
}

export function hasProvider(name: string): boolean {
  return providers.has(name);
}

/** The provider of this name; a one-line UsageError (exit 2) listing the known names otherwise. */
export function getProvider(name: string, source = "provider"): ProviderDefinition {
  const provider = providers.get(name);
  if (!provider) throw new UsageError(`unknown ${source} "${name}"; use one of ${[...providers.keys()].join(", ")}`);
  return provider;
}

/** Every registered provider, in registration order. */
export function listProviders(): ProviderDefinition[] {
  return [...providers.values()];
}

/** The provider to use when none is named: the first one configured in the environment, else the first simulated one. */
export function defaultProvider(options: EnvironmentOptions = {}): string {
  const all = listProviders();
  const chosen = all.find((provider) => isConfigured(provider, options)) ?? all.find((provider) => provider.simulated);
  if (!chosen) throw new UsageError("no provider is configured and no simulator is registered; name one with --provider");
  return chosen.name;
}

registerProvider(openAiProvider);
registerProvider(anthropicProvider);
registerProvider(openAiCompatibleProvider(localDeclaration, "lib/providers/local.json"));
registerProvider(simProvider);
installProviderLookup((name) => providers.get(name));
