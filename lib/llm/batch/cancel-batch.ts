import { ProviderError, UsageError } from "../../errors";
import { connectionSettings, type EnvironmentOptions } from "../environment";
import { batchProvider } from "./execute-batch";

/** Asks the provider to cancel a batch; returns the status it reports. Errors are one-line ProviderErrors. */
export async function cancelBatch(provider: string, batchId: string, environment: EnvironmentOptions = {}): Promise<string> {
  const definition = batchProvider(provider, `batch ${batchId} is for ${provider}, which`);
  const client = definition.createBatchClient({ connection: () => connectionSettings(definition, environment) });
  if (!client.cancel) throw new UsageError(`batch ${batchId} is for ${provider}, whose Batch API cannot cancel batches`);
  try {
    return await client.cancel(batchId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ProviderError(`cancelling ${provider} batch ${batchId} failed: ${message.split("\n")[0]}`, { cause: error });
  }
}
