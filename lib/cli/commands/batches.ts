import { parseArgs } from "node:util";
import type { CliCommand } from "../command";
import { UsageError } from "../../errors";
import { BatchStore } from "../../llm/batch/batch-store";
import { cancelBatch } from "../../llm/batch/cancel-batch";
import { ResponseCache } from "../../llm/cache/response-cache";

const ACTIONS = ["list", "cancel", "forget"] as const;

const HELP = `usage: persona-talks batches list [--json] | cancel ID | forget ID

Batches submitted with --batch are stored in the response cache file ($PERSONA_TALKS_CACHE), so a re-run polls
them instead of paying again.

  list        every stored batch: id, provider, status, requests, submitted, finished
  cancel ID   ask the provider to cancel the batch; the next run collects what it finished and resubmits the rest
  forget ID   drop the batch from the cache file: a re-run submits its requests again (the provider may still
              run and bill it; cancel it first)

options:
  --cache PATH   the cache file (default: $PERSONA_TALKS_CACHE/llm-cache.sqlite)`;

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, cache: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
    allowPositionals: true,
  });
  if (values.help) return undefined;
  const [action, id, ...extra] = positionals;
  if (!action || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`name what to do: ${ACTIONS.join(", ")}${action ? `, not "${action}"` : ""}`);
  if (action !== "list" && !id) throw new UsageError(`batches ${action} needs a batch id (see persona-talks batches list)`);
  if (action === "list" && id) throw new UsageError(`unexpected argument: ${id}`);
  if (extra.length) throw new UsageError(`unexpected argument(s): ${extra.join(" ")}`);
  return { action: action as (typeof ACTIONS)[number], id, json: values.json ?? false, cachePath: values.cache };
}

export const command: CliCommand = {
  summary: "Stored Batch API batches: list, cancel ID, forget ID",
  subcommands: ACTIONS,
  async run(args) {
    const options = parse(args);
    if (!options) {
      console.log(HELP);
      return 0;
    }
    const cache = new ResponseCache({ path: options.cachePath, mode: "read-write" });
    try {
      const store = new BatchStore(cache.database!);
      if (options.action === "list") {
        const batches = store.all().map((batch) => ({ ...batch, requests: store.itemCount(batch.batchId) }));
        if (options.json) console.log(JSON.stringify(batches, null, 2));
        else if (!batches.length) console.log(`no batches stored in ${cache.path}`);
        else {
          for (const batch of batches) {
            console.log(`${batch.batchId}  ${batch.provider}  ${batch.status}  ${batch.requests} requests  submitted ${batch.submittedAt}  ${batch.finishedAt ? `finished ${batch.finishedAt}` : "unfinished"}`);
          }
        }
        return 0;
      }
      const batch = store.find(options.id!);
      if (!batch) throw new UsageError(`no batch ${options.id} in ${cache.path} (see persona-talks batches list)`);
      if (options.action === "forget") {
        store.forget(batch.batchId);
        console.log(`forgot ${batch.batchId} (${batch.provider}, ${batch.status}); a re-run submits its requests again`);
        return 0;
      }
      const status = await cancelBatch(batch.provider, batch.batchId);
      // Left unfinished on purpose: the next run polls it once more and collects what it answered before the cancel.
      store.updateStatus(batch.batchId, status);
      console.log(`asked ${batch.provider} to cancel ${batch.batchId} (now ${status}); the next run collects what it finished and submits the rest again`);
      return 0;
    } finally {
      cache.close();
    }
  },
};
