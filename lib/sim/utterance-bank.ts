import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { STRATEGY_LABELS, type Dialogue, type StrategyLabel } from "../data/types";
import { dataDirectory } from "../paths";
import { normalizeStrategyLabel } from "../prompts/parse-strategy-label";
import { BUILT_IN_UTTERANCES } from "./built-in-utterances";

/** Real ESConv utterances the simulator assembles dialogues from. */
export interface UtteranceBank {
  supporter: Record<StrategyLabel, string[]>;
  seeker: string[];
  /** Normalized supporter text -> its most frequent ESConv label (the annotator simulation's ground truth). */
  strategyOf: Map<string, StrategyLabel>;
  /** "esconv" when built from real dialogues, "built-in" for the small made-up fallback. */
  source: "esconv" | "built-in";
}

export function utteranceKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

function emptySupporter(): Record<StrategyLabel, string[]> {
  return Object.fromEntries(STRATEGY_LABELS.map((label) => [label, [] as string[]])) as unknown as Record<StrategyLabel, string[]>;
}

function finish(supporter: Record<StrategyLabel, string[]>, seeker: string[], counts: Map<string, Map<StrategyLabel, number>>, source: UtteranceBank["source"]): UtteranceBank {
  const strategyOf = new Map<string, StrategyLabel>();
  for (const [key, byLabel] of counts) {
    let best: StrategyLabel | undefined;
    let bestCount = -1;
    for (const label of STRATEGY_LABELS) {
      const count = byLabel.get(label) ?? 0;
      if (count > bestCount) [best, bestCount] = [label, count];
    }
    if (best) strategyOf.set(key, best);
  }
  return { supporter, seeker, strategyOf, source };
}

/** Builds the bank from normalized ESConv dialogues (supporter turns without a strategy are skipped). */
export function buildUtteranceBank(dialogues: Dialogue[]): UtteranceBank {
  const supporter = emptySupporter();
  const seeker: string[] = [];
  const counts = new Map<string, Map<StrategyLabel, number>>();
  for (const dialogue of dialogues) {
    for (const turn of dialogue.turns) {
      const text = turn.text.trim();
      if (!text) continue;
      if (turn.speaker === "seeker") seeker.push(text);
      else if (turn.strategy) {
        supporter[turn.strategy].push(text);
        const key = utteranceKey(text);
        const byLabel = counts.get(key) ?? new Map<StrategyLabel, number>();
        byLabel.set(turn.strategy, (byLabel.get(turn.strategy) ?? 0) + 1);
        counts.set(key, byLabel);
      }
    }
  }
  return finish(supporter, seeker, counts, "esconv");
}

/**
 * Reads only what the bank needs from ESConv JSON-lines splits ({dialog: [{text, speaker: usr|sys, strategy}]}),
 * so the simulator does not depend on the full data loaders. Unknown strategy labels are skipped.
 */
export function parseEsconvUtterances(text: string, split: string): Dialogue[] {
  const dialogues: Dialogue[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const record = JSON.parse(line) as { dialog?: Array<{ text?: string; speaker?: string; strategy?: string }> };
    dialogues.push({
      id: `${split}:${index}`,
      survey: {},
      turns: (record.dialog ?? []).map((turn) => ({
        speaker: turn.speaker === "usr" || turn.speaker === "seeker" ? ("seeker" as const) : ("supporter" as const),
        text: String(turn.text ?? ""),
        strategy: turn.strategy ? normalizeStrategyLabel(turn.strategy) : undefined,
      })),
    });
  });
  return dialogues;
}

let defaultBank: UtteranceBank | undefined;

/** The ESConv splits under the data directory if present, else the small built-in made-up bank. Loaded once. */
export function defaultUtteranceBank(): UtteranceBank {
  if (defaultBank) return defaultBank;
  const folder = join(dataDirectory(), "esconv");
  const dialogues: Dialogue[] = [];
  for (const split of ["train", "valid", "test"]) {
    const file = join(folder, `${split}.jsonl`);
    if (existsSync(file)) dialogues.push(...parseEsconvUtterances(readFileSync(file, "utf8"), split));
  }
  defaultBank = dialogues.length ? buildUtteranceBank(dialogues) : builtInUtteranceBank();
  return defaultBank;
}

export function builtInUtteranceBank(): UtteranceBank {
  const supporter = emptySupporter();
  const counts = new Map<string, Map<StrategyLabel, number>>();
  for (const [label, texts] of Object.entries(BUILT_IN_UTTERANCES.supporter) as Array<[StrategyLabel, string[]]>) {
    for (const text of texts) {
      supporter[label].push(text);
      counts.set(utteranceKey(text), new Map([[label, 1]]));
    }
  }
  return finish(supporter, [...BUILT_IN_UTTERANCES.seeker], counts, "built-in");
}
