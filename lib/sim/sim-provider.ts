import type { ModelAdapter } from "../llm/types";
import type { ProviderDefinition } from "../llm/provider-definition";
import { createSimAdapter, type SimAdapter, type SimAdapterOptions } from "./sim-adapter";

function isSimAdapter(adapter: ModelAdapter): adapter is SimAdapter {
  return typeof (adapter as Partial<SimAdapter>).modelIdFor === "function";
}

/**
 * The offline simulator as a provider like any other (registered by lib/providers/registry.ts): free, no settings,
 * no Batch API. Its adapter answers in-process (the cache takes no claims for it), and a simulated model's name
 * ("sim", "llama-like", see SIM_MODELS) becomes the simulator's versioned id (version, model, seed, truth hash), so
 * cache keys, run records and tables never mix answers of different simulator versions, models, seeds or truths.
 */
export const simProvider: ProviderDefinition = {
  name: "sim",
  displayName: "Offline simulator (SIMULATED answers, no model is called)",
  environment: {},
  needs: "nothing",
  free: true,
  simulated: true,
  capabilities: { logprobs: true, jsonSchema: true, batch: false },
  models: [
    {
      id: "sim",
      aliases: [],
      contextTokens: 1_000_000,
      maxOutputTokens: 1_000_000,
      price: { list: { inputPerMillion: 0, outputPerMillion: 0 }, batch: { inputPerMillion: 0, outputPerMillion: 0 } },
      limits: null,
      supports: { jsonSchema: true, logprobs: true, seed: true, batch: false },
    },
  ],
  // Cheap to build (its utterance bank loads on first dialogue); built now so its modelId is known.
  createAdapter: ({ options }) => Object.assign(createSimAdapter(options as SimAdapterOptions | undefined), { inProcess: true }),
  modelIdFor: (adapter, model) => (isSimAdapter(adapter) ? adapter.modelIdFor(model) : model),
};
