export { executeBatch } from "./execute-batch";
export type { ExecuteBatchOptions } from "./execute-batch";
export { BatchStore } from "./batch-store";
export type { StoredBatch } from "./batch-store";
export { openAiBatchBackend } from "./openai-batch";
export { anthropicBatchBackend } from "./anthropic-batch";
export type { BatchBackend, BatchItem, BatchProgress, BatchState, BatchStatus } from "./batch-types";
export { cancelBatch } from "./cancel-batch";
