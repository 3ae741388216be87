import { readFileSync } from "node:fs";
import { z } from "zod";
import { STRATEGY_LABELS, type StrategyLabel } from "../data/types";
import { parseJsonData } from "../data/validate";
import { DataError } from "../errors";
import { libraryAsset } from "../paths";

/** The 8 ESConv strategy definitions of the paper's Appendix G (lib/prompts/data/strategy-definitions.json). */
export interface StrategyDefinition {
  label: StrategyLabel;
  definition: string;
}

const fileSchema = z.object({
  source: z.string(),
  strategies: z.array(z.object({ label: z.enum(STRATEGY_LABELS), definition: z.string().min(1) })),
});

export function parseStrategyDefinitions(text: string, file = "strategy-definitions.json"): StrategyDefinition[] {
  const { strategies } = parseJsonData(fileSchema, text, file);
  const labels = strategies.map((entry) => entry.label);
  if (labels.length !== STRATEGY_LABELS.length || labels.some((label, index) => label !== STRATEGY_LABELS[index])) {
    throw new DataError(`strategies must be exactly ${STRATEGY_LABELS.join(", ")} in that order`, { file, field: "strategies" });
  }
  return strategies;
}

export function loadStrategyDefinitions(): StrategyDefinition[] {
  const file = libraryAsset("prompts", "data", "strategy-definitions.json");
  return parseStrategyDefinitions(readFileSync(file, "utf8"), file);
}

/** The $(definitions of 8 emotional support strategies) slot of Figures 16-18: one "Label: definition" per line. */
export function formatStrategyDefinitions(definitions: StrategyDefinition[] = loadStrategyDefinitions()): string {
  return definitions.map((entry) => `${entry.label}: ${entry.definition}`).join("\n");
}
