import { createAnthropicAdapter } from "../llm/adapters/anthropic-adapter";
import { anthropicBatchBackend } from "../llm/batch/anthropic-batch";
import { providerDeclarationSchema, type ProviderDefinition } from "../llm/provider-definition";
import declaration from "./anthropic.json";
import { parseDeclaration } from "./parse-declaration";

const data = parseDeclaration(providerDeclarationSchema, declaration, "lib/providers/anthropic.json");

/** Anthropic's Messages API (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL) and Message Batches. No log-probabilities. */
export const anthropicProvider: ProviderDefinition = {
  ...data,
  createAdapter: ({ connection, timeoutMs }) => createAnthropicAdapter({ provider: data, connection, timeoutMs }),
  createBatchClient: ({ connection }) => {
    const adapter = createAnthropicAdapter({ provider: data, connection });
    return anthropicBatchBackend(adapter.client(), adapter.secrets(), data.name);
  },
};
