import { ProviderError, UsageError } from "../../errors";
import { createAnthropicAdapter } from "../adapters/anthropic-adapter";
import { normalizeSdkError } from "../adapters/normalize-error";
import { createOpenAiAdapter, OPENAI_SDK_ERRORS } from "../adapters/openai-adapter";
import { ANTHROPIC_SDK_ERRORS } from "../adapters/anthropic-adapter";
import { connectionSettings, type EnvironmentOptions } from "../environment";

/** Asks the provider to cancel a batch; returns the status it reports. Errors are one-line ProviderErrors. */
export async function cancelBatch(provider: string, batchId: string, environment: EnvironmentOptions = {}): Promise<string> {
  if (provider !== "openai" && provider !== "anthropic") throw new UsageError(`batch ${batchId} is for ${provider}, which has no Batch API`);
  const connection = () => connectionSettings(provider, environment);
  try {
    if (provider === "openai") {
      const adapter = createOpenAiAdapter({ provider: "openai", connection });
      return (await adapter.client().batches.cancel(batchId)).status;
    }
    const adapter = createAnthropicAdapter({ connection });
    return (await adapter.client().messages.batches.cancel(batchId)).processing_status;
  } catch (error) {
    const normalized = normalizeSdkError(error, provider, provider === "openai" ? OPENAI_SDK_ERRORS : ANTHROPIC_SDK_ERRORS);
    throw new ProviderError(`cancelling ${provider} batch ${batchId} failed: ${normalized.message.split("\n")[0]}`, { cause: error });
  }
}
