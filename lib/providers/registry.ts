import { delimiter } from "node:path";
import { UsageError } from "../errors";
import { isConfigured, type EnvironmentOptions } from "../llm/environment";
import { PROVIDER_NAME, type ProviderDefinition } from "../llm/provider-definition";
import { installProviderLookup } from "../llm/provider-lookup";
import { simProvider } from "../sim/sim-provider";
import { anthropicProvider } from "./anthropic";
import localDeclaration from "./local.json";
import { openAiProvider } from "./openai";
import { openAiCompatibleProvider, readOpenAiCompatibleProvider } from "./openai-compatible";

/**
 * Every provider the library knows, in the order the default provider is chosen (the first one configured in the
 * environment, else the simulator). Adding a provider is one module (or one JSON file for an OpenAI-compatible
 * server) plus one line here, or `registerProvider(definition)` at run time (notebooks, tests, plug-ins), or
 * for the CLI a JSON declaration named in $PERSONA_TALKS_PROVIDERS (files separated like PATH).
 */
const providers = new Map<string, ProviderDefinition>();

/** Variable naming OpenAI-compatible provider declarations (JSON files) to register, separated like PATH. */
export const PROVIDERS_VARIABLE = "PERSONA_TALKS_PROVIDERS";

let declaredRead = false;

/** Registers the declarations named in $PERSONA_TALKS_PROVIDERS once, on first use (a bad file is a DataError, exit 4). */
function readDeclaredProviders(): void {
  if (declaredRead) return;
  declaredRead = true;
  for (const file of (process.env[PROVIDERS_VARIABLE] ?? "").split(delimiter).filter((entry) => entry.trim() !== "")) {
    registerProvider(readOpenAiCompatibleProvider(file));
  }
}

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
  readDeclaredProviders();
  return providers.has(name);
}

/** "sim, openai, anthropic or local": the registered names, those needing no settings first. */
export function providerNames(): string {
  const names = [...listProviders()].sort((a, b) => Number(b.needs === "nothing") - Number(a.needs === "nothing")).map((provider) => provider.name);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "(none registered)");
}

/**
 * The provider of this name; otherwise a one-line UsageError (exit 2) listing the registered names, phrased for
 * the option or variable it came from (`source`, e.g. "--provider") when given.
 */
export function getProvider(name: string, source?: string): ProviderDefinition {
  readDeclaredProviders();
  const provider = providers.get(name);
  if (provider) return provider;
  throw new UsageError(source ? `${source} must be ${providerNames()}, got "${name}"` : `unknown provider "${name}"; use ${providerNames()}`);
}

/** Every registered provider, in registration order. */
export function listProviders(): ProviderDefinition[] {
  readDeclaredProviders();
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
installProviderLookup((name) => (hasProvider(name) ? providers.get(name) : undefined));
