import type OpenAI from "openai";
import { toFile } from "openai";
import { z } from "zod";
import { OPENAI_SDK_ERRORS } from "../adapters/openai-adapter";
import { completionFromOpenAiBody, openAiChatBody, type MaxTokensField } from "../adapters/openai-request";
import { isRetryableStatus, normalizeSdkError } from "../adapters/normalize-error";
import { ModelCallError } from "../types";
import type { Completion } from "../types";
import type { BatchBackend, BatchItem, BatchStatus } from "./batch-types";

const ENDPOINT = "/v1/chat/completions";
const ENDED = new Set(["completed", "failed", "expired", "cancelled"]);

const outputLineSchema = z.object({
  custom_id: z.string(),
  response: z.object({ status_code: z.number(), body: z.unknown() }).nullable().optional(),
  error: z.object({ code: z.string().nullable().optional(), message: z.string().nullable().optional() }).nullable().optional(),
});

/** OpenAI Batch API: a JSONL file of chat completion requests, one batch per file, results in output and error files. */
export function openAiBatchBackend(client: OpenAI, secrets: string[], provider = "openai", maxTokensField?: MaxTokensField): BatchBackend {
  const fail = (error: unknown) => normalizeSdkError(error, provider, OPENAI_SDK_ERRORS, secrets);

  async function readFile(fileId: string, signal?: AbortSignal): Promise<string> {
    const response = await client.files.content(fileId, { signal });
    return response.text();
  }

  return {
    provider,
    maxRequestsPerBatch: 50_000,

    async cancel(batchId: string, signal?: AbortSignal) {
      try {
        return (await client.batches.cancel(batchId, { signal })).status;
      } catch (error) {
        throw fail(error);
      }
    },

    async submit(items: BatchItem[], signal?: AbortSignal) {
      const lines = items.map((item) => JSON.stringify({ custom_id: item.customId, method: "POST", url: ENDPOINT, body: openAiChatBody(item.request, maxTokensField) }));
      try {
        const file = await client.files.create(
          { file: await toFile(Buffer.from(lines.join("\n") + "\n", "utf8"), "persona-talks-batch.jsonl"), purpose: "batch" },
          { signal },
        );
        const batch = await client.batches.create({ input_file_id: file.id, endpoint: ENDPOINT, completion_window: "24h" }, { signal });
        return { batchId: batch.id, inputFileId: file.id };
      } catch (error) {
        throw fail(error);
      }
    },

    async status(batchId: string, signal?: AbortSignal): Promise<BatchStatus> {
      try {
        const batch = await client.batches.retrieve(batchId, { signal });
        const counts = batch.request_counts ? { done: batch.request_counts.completed, failed: batch.request_counts.failed, total: batch.request_counts.total } : undefined;
        // A batch that failed validation says why in errors.data: code, message and the input line.
        const reasons = (batch.errors?.data ?? []).map((error) => `${error.line ? `line ${error.line}: ` : ""}${error.code ?? "error"}: ${error.message ?? "no detail"}`);
        return { state: ENDED.has(batch.status) ? "ended" : "pending", providerStatus: batch.status, ...(counts ? { counts } : {}), ...(reasons.length ? { reasons } : {}) };
      } catch (error) {
        throw fail(error);
      }
    },

    async collect(batchId: string, items: Map<string, BatchItem>, submittedAt: string, signal?: AbortSignal) {
      const results = new Map<string, Completion | ModelCallError>();
      let batch;
      try {
        batch = await client.batches.retrieve(batchId, { signal });
      } catch (error) {
        throw fail(error);
      }
      const latencyMs = Math.max(0, Date.now() - Date.parse(submittedAt));
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (!fileId) continue;
        let text: string;
        try {
          text = await readFile(fileId, signal);
        } catch (error) {
          throw fail(error);
        }
        for (const [lineNumber, line] of text.split("\n").entries()) {
          if (line.trim() === "") continue;
          let parsed;
          try {
            parsed = outputLineSchema.safeParse(JSON.parse(line));
          } catch {
            parsed = undefined;
          }
          if (!parsed?.success) {
            throw new ModelCallError(`${provider} batch ${batchId}: file ${fileId} line ${lineNumber + 1} is not a batch result`, { retryable: true });
          }
          const item = items.get(parsed.data.custom_id);
          if (!item) continue;
          const response = parsed.data.response;
          if (response && response.status_code === 200) {
            try {
              results.set(item.customId, completionFromOpenAiBody(provider, item.request, response.body, latencyMs));
            } catch (error) {
              results.set(item.customId, fail(error));
            }
          } else {
            const status = response?.status_code;
            const body = response?.body as { error?: { message?: string } } | undefined;
            const message = body?.error?.message ?? parsed.data.error?.message ?? "no detail";
            results.set(
              item.customId,
              new ModelCallError(`${provider} batch ${batchId}: request failed${status ? ` with HTTP ${status}` : ""}: ${message}`, {
                status,
                retryable: status === undefined || isRetryableStatus(status),
              }),
            );
          }
        }
      }
      return results;
    },
  };
}
