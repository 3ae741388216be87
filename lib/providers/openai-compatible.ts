import { readFileSync } from "node:fs";
import { z } from "zod";
import { DataError } from "../errors";
import { createOpenAiAdapter } from "../llm/adapters/openai-adapter";
import { openAiBatchBackend } from "../llm/batch/openai-batch";
import { providerDeclarationSchema, type ProviderDefinition } from "../llm/provider-definition";
import { parseDeclaration } from "./parse-declaration";

/**
 * A provider that speaks the OpenAI Chat Completions format (vLLM, Ollama, llama.cpp, hosted gateways), declared
 * by data alone: the declaration fields plus `"wire": "openai-compatible"` and the token-limit field its server reads.
 */
export const openAiCompatibleSchema = providerDeclarationSchema
  .extend({
    wire: z.literal("openai-compatible"),
    /** Default "max_tokens" (what vLLM, Ollama and llama.cpp read); "max_completion_tokens" for OpenAI itself. */
    maxTokensField: z.enum(["max_tokens", "max_completion_tokens"]).default("max_tokens"),
  })
  .strict();

export type OpenAiCompatibleDeclaration = z.input<typeof openAiCompatibleSchema>;

/** The ProviderDefinition for a declaration (checked; a DataError names `file` and the field). */
export function openAiCompatibleProvider(declaration: unknown, file = "(provider declaration)"): ProviderDefinition {
  const { wire: _wire, maxTokensField, ...data } = parseDeclaration(openAiCompatibleSchema, declaration, file);
  return {
    ...data,
    createAdapter: ({ connection, timeoutMs }) => createOpenAiAdapter({ provider: data, connection, timeoutMs, maxTokensField }),
    // An OpenAI-compatible gateway may offer OpenAI's Batch endpoints; it says so with capabilities.batch.
    createBatchClient: data.capabilities.batch
      ? ({ connection }) => {
          const adapter = createOpenAiAdapter({ provider: data, connection, maxTokensField });
          return openAiBatchBackend(adapter.client(), adapter.secrets(), data.name, maxTokensField);
        }
      : undefined,
  };
}

/** Reads an OpenAI-compatible provider from a JSON file (e.g. test/fixtures/providers/*.json, or your own). */
export function readOpenAiCompatibleProvider(file: string): ProviderDefinition {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DataError(`cannot read the provider declaration: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, { file });
  }
  return openAiCompatibleProvider(value, file);
}
