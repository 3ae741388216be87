import { createOpenAiAdapter } from "../llm/adapters/openai-adapter";
import { openAiBatchBackend } from "../llm/batch/openai-batch";
import { providerDeclarationSchema, type ProviderDefinition } from "../llm/provider-definition";
import declaration from "./openai.json";
import { parseDeclaration } from "./parse-declaration";

const data = parseDeclaration(providerDeclarationSchema, declaration, "lib/providers/openai.json");

/** OpenAI's Chat Completions API (keys from OPENAI_API_KEY, or a compatible proxy at OPENAI_BASE_URL) and its Batch API. */
export const openAiProvider: ProviderDefinition = {
  ...data,
  createAdapter: ({ connection, timeoutMs }) => createOpenAiAdapter({ provider: data, connection, timeoutMs }),
  createBatchClient: ({ connection }) => {
    const adapter = createOpenAiAdapter({ provider: data, connection });
    return openAiBatchBackend(adapter.client(), adapter.secrets(), data.name);
  },
};
