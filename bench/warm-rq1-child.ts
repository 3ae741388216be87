/**
 * One `analyze rq1` computation in its own process, for `npm run bench` (bench/paper-scale-bench.ts):
 * the pipeline (extract, filter, describe, answer, score) through the cache, the statistics and the tables,
 * as `persona-talks analyze rq1 --n N` does before writing files (figure export, which is Chromium's time,
 * is left out). With --floor, the same process then measures the floor: the answers this run read, read
 * again by key from the same SQLite file, plus sha256 of their requests.
 * Prints one JSON line. Usage: node --import tsx bench/warm-rq1-child.ts <cacheFile> <n> [--floor]
 */
import { hash } from "node:crypto";
import Database from "better-sqlite3";
import { canonicalRequestText } from "../lib/llm/cache/cache-key";
import { keyBytes } from "../lib/llm/cache/encode-answer";
import { createPipelineContext } from "../lib/pipeline/pipeline-context";
import { analyzeRq1 } from "../lib/questions/rq1/rq1-analysis";

const [cachePath, nText, ...flags] = process.argv.slice(2);
const n = Number(nText);
const context = createPipelineContext({ model: { provider: "sim" }, cachePath });
const keys: string[] = [];
const getMany = context.cache.getMany.bind(context.cache);
// Records which answers the run read (the cache's bulk read sees every key of every stage).
context.cache.getMany = (batch, chunkSize) => {
  for (const key of batch) keys.push(key);
  return getMany(batch, chunkSize);
};
const started = performance.now();
const cpu = process.cpuUsage();
const output = await analyzeRq1({ context, n, seed: 1, progress: false });
const seconds = (performance.now() - started) / 1000;
const cpuUsed = process.cpuUsage(cpu);
const totals = context.ledger.totals();
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result: Record<string, number> = {
  seconds,
  cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
  calls: totals.calls,
  cachedCalls: totals.cachedCalls,
  paidCalls: totals.paidCalls,
  tables: output.tables.length,
  peakRssMb,
};

if (flags.includes("--floor")) {
  // Requests recovered from the cache itself (outside the timing): the text whose sha256 is each key.
  const texts = keys.map((key) => canonicalRequestText(context.cache.entry(key)!.request));
  context.close();
  const db = new Database(cachePath, { readonly: true });
  const select = db.prepare("SELECT * FROM answers WHERE key = ?").raw(true);
  const floorStarted = performance.now();
  const floorCpu = process.cpuUsage();
  let found = 0;
  const read = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index += 1) if (select.get(keyBytes(keys[index]))) found += 1;
  });
  for (let from = 0; from < keys.length; from += 5000) read(from, Math.min(keys.length, from + 5000));
  let digestBytes = 0;
  for (const text of texts) digestBytes += hash("sha256", text, "buffer").length;
  result.floorSeconds = (performance.now() - floorStarted) / 1000;
  const floorCpuUsed = process.cpuUsage(floorCpu);
  result.floorCpuSeconds = (floorCpuUsed.user + floorCpuUsed.system) / 1e6;
  result.floorRows = found;
  result.floorHashes = digestBytes / 32;
  db.close();
} else context.close();
process.stdout.write(JSON.stringify(result) + "\n");
