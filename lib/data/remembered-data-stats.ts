import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cacheDirectory, dataDirectory } from "../paths";
import { makeDirectory } from "../files/make-directory";
import { dataStats, type DataStats } from "./data-stats";
import { loadManifest } from "./manifest";

/** Bump when dataStats counts something new or differently: remembered counts of another version are recounted. */
const STATS_VERSION = 1;
const MEMO_FILE = "data-stats.json";

/** Every dataset file of the manifest by path, size and modification time; undefined when one is missing. */
function fingerprint(directory: string): string | undefined {
  const parts: string[] = [`v${STATS_VERSION}`, directory];
  for (const entry of loadManifest().files) {
    if (entry.path.startsWith("inventories/")) continue;
    try {
      const stat = statSync(join(directory, entry.path));
      parts.push(`${entry.path}:${stat.size}:${Math.trunc(stat.mtimeMs)}`);
    } catch {
      return undefined;
    }
  }
  return parts.join("|");
}

/**
 * dataStats, remembered in the cache folder (`data-stats.json`) by the data files' sizes and modification times:
 * counting parses every dataset (about a second of CSV parsing), so `data stats` answers at start-up speed
 * when nothing changed. A changed, added or missing file is counted again (and a missing one reported as before).
 */
export function rememberedDataStats(options: { directory?: string } = {}): DataStats {
  const directory = resolve(options.directory ?? dataDirectory());
  const key = fingerprint(directory);
  const memo = join(cacheDirectory(), MEMO_FILE);
  let remembered: Record<string, DataStats> = {};
  try {
    remembered = JSON.parse(readFileSync(memo, "utf8")) as Record<string, DataStats>;
  } catch {
    // nothing remembered yet
  }
  if (key && remembered[key]) return remembered[key];
  const stats = dataStats({ directory });
  if (key) {
    try {
      makeDirectory(cacheDirectory());
      writeFileSync(memo, JSON.stringify({ [key]: stats }) + "\n");
    } catch {
      // a read-only cache folder only means counting again next time
    }
  }
  return stats;
}
