import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { ANTHROPIC_SDK_ERRORS } from "../adapters/anthropic-adapter";
import { anthropicMessagesBody, completionFromAnthropicBody } from "../adapters/anthropic-request";
import { normalizeSdkError } from "../adapters/normalize-error";
import { ModelCallError } from "../types";
import type { Completion } from "../types";
import type { BatchBackend, BatchItem, BatchStatus } from "./batch-types";

const resultLineSchema = z.object({
  custom_id: z.string(),
  result: z.union([
    z.object({ type: z.literal("succeeded"), message: z.unknown() }),
    z.object({
      type: z.literal("errored"),
      error: z.object({ error: z.object({ type: z.string(), message: z.string() }).optional() }).passthrough().optional(),
    }),
    z.object({ type: z.enum(["canceled", "expired"]) }),
  ]),
});

/** Anthropic Message Batches: requests inline, results streamed as JSONL from results_url. */
export function anthropicBatchBackend(client: Anthropic, secrets: string[], provider = "anthropic"): BatchBackend {
  const fail = (error: unknown) => normalizeSdkError(error, provider, ANTHROPIC_SDK_ERRORS, secrets);

  return {
    provider,
    maxRequestsPerBatch: 100_000,

    async cancel(batchId: string, signal?: AbortSignal) {
      try {
        return (await client.messages.batches.cancel(batchId, {}, { signal })).processing_status;
      } catch (error) {
        throw fail(error);
      }
    },

    async submit(items: BatchItem[], signal?: AbortSignal) {
      try {
        const batch = await client.messages.batches.create(
          { requests: items.map((item) => ({ custom_id: item.customId, params: anthropicMessagesBody(item.request).body })) },
          { signal },
        );
        return { batchId: batch.id };
      } catch (error) {
        throw fail(error);
      }
    },

    async status(batchId: string, signal?: AbortSignal): Promise<BatchStatus> {
      try {
        const batch = await client.messages.batches.retrieve(batchId, {}, { signal });
        const counts = batch.request_counts;
        const failed = counts ? counts.errored + counts.canceled + counts.expired : 0;
        return {
          state: batch.processing_status === "ended" ? "ended" : "pending",
          providerStatus: batch.processing_status,
          ...(counts ? { counts: { done: counts.succeeded, failed, total: counts.processing + counts.succeeded + failed } } : {}),
        };
      } catch (error) {
        throw fail(error);
      }
    },

    async collect(batchId: string, items: Map<string, BatchItem>, submittedAt: string, signal?: AbortSignal) {
      const results = new Map<string, Completion | ModelCallError>();
      const latencyMs = Math.max(0, Date.now() - Date.parse(submittedAt));
      try {
        const stream = await client.messages.batches.results(batchId, {}, { signal });
        for await (const line of stream) {
          const parsed = resultLineSchema.safeParse(line);
          if (!parsed.success) throw new ModelCallError(`${provider} batch ${batchId}: a results line is not a batch result`, { retryable: true });
          const item = items.get(parsed.data.custom_id);
          if (!item) continue;
          const result = parsed.data.result;
          if (result.type === "succeeded") {
            try {
              results.set(item.customId, completionFromAnthropicBody(item.request, result.message, latencyMs, anthropicMessagesBody(item.request).warnings));
            } catch (error) {
              results.set(item.customId, fail(error));
            }
          } else if (result.type === "errored") {
            const detail = result.error?.error;
            const retryable = !detail || !/invalid_request|authentication|permission|not_found/.test(detail.type);
            const kind = detail?.type.includes("invalid_request") ? ("rejected" as const) : undefined;
            results.set(item.customId, new ModelCallError(`${provider} batch ${batchId}: request errored: ${detail ? `${detail.type}: ${detail.message}` : "no detail"}`, { retryable, ...(kind ? { kind } : {}) }));
          } else {
            results.set(item.customId, new ModelCallError(`${provider} batch ${batchId}: request ${result.type}`, { retryable: true }));
          }
        }
      } catch (error) {
        throw fail(error);
      }
      return results;
    },
  };
}
