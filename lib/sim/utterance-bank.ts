import { ESCONV_SPLITS, loadEsconv, parseEsconvJsonl, type EsconvSplit } from "../data/esconv";
import { hasDataFile } from "../data/require-data";
import { STRATEGY_LABELS, type Dialogue, type StrategyLabel } from "../data/types";
import { dataDirectory } from "../paths";
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
 * ESConv JSON-lines text (one split) as dialogues, read by the project's one ESConv loader (lib/data/esconv.ts,
 * which validates every record and names the file and line of a bad one). Ids are "<split>:<index>". Supporter
 * turns with a label that is not one of the 8 keep no strategy, so the bank skips them.
 */
export function parseEsconvUtterances(text: string, split: string): Dialogue[] {
  const known = (ESCONV_SPLITS as readonly string[]).includes(split) ? (split as EsconvSplit) : undefined;
  return parseEsconvJsonl(text, `${split}.jsonl`, known);
}

const defaultBanks = new Map<string, UtteranceBank>();

/**
 * The ESConv splits found in the data folder (loaded with loadEsconv), else the small built-in made-up bank (the
 * sim adapter then warns on every dialogue it makes). Loaded once per data folder.
 */
export function defaultUtteranceBank(): UtteranceBank {
  const directory = dataDirectory();
  const known = defaultBanks.get(directory);
  if (known) return known;
  const present = ESCONV_SPLITS.filter((split) => hasDataFile(`esconv/${split}.jsonl`, directory));
  const dialogues = present.length ? loadEsconv({ split: present, directory }) : [];
  const bank = dialogues.length ? buildUtteranceBank(dialogues) : builtInUtteranceBank();
  defaultBanks.set(directory, bank);
  return bank;
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
