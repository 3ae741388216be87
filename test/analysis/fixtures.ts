import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../lib/paths";

/** Made-up fixtures written by test/fixtures/analysis-stats/generate.py (numpy seed 20251124); no real data. */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(projectRoot(), "test", "fixtures", "analysis-stats", name), "utf8")) as T;
}
