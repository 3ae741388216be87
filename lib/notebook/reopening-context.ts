import type { PipelineContext } from "../pipeline/pipeline-context";

/**
 * A pipeline context that opens on first use and opens again after close(): a notebook's export cell may close
 * it, and a stage cell re-run afterwards (cells run in any order) still works instead of failing with "The
 * database connection is not open". The ledger starts afresh after a reopen.
 */
export function reopeningContext(open: () => PipelineContext): PipelineContext & { readonly isOpen: boolean } {
  let current: PipelineContext | undefined;
  const get = () => (current ??= open());
  return {
    get model() {
      return get().model;
    },
    get simulated() {
      return get().simulated;
    },
    get cache() {
      return get().cache;
    },
    get adapter() {
      return get().adapter;
    },
    get ledger() {
      return get().ledger;
    },
    get seed() {
      return get().seed;
    },
    get concurrency() {
      return get().concurrency;
    },
    get limits() {
      return get().limits;
    },
    get mode() {
      return get().mode;
    },
    get notes() {
      return get().notes;
    },
    get isOpen() {
      return current !== undefined;
    },
    batchOptions: () => get().batchOptions(),
    close: () => {
      current?.close();
      current = undefined;
    },
  };
}
