import { STRATEGY_LABELS, type StrategyLabel } from "../data/types";
import { parseDialogueTurns } from "../prompts/parse-dialogue";
import { keyedRandom } from "../random";
import { NO_PERSONA_DESCRIPTION } from "../prompts/no-persona-description";
import { noiseKey, variableText, type SimAnswer, type SimCall } from "./sim-call";
import type { SimCondition } from "./sim-conditions";
import { normalizedText, openingLine, withoutSimTraitSentences } from "./persona-text";


/**
 * The generation condition, from what the prompt shows: its id (continue-without-traits), its trait switches
 * (continue-with-traits), or, for generate-dialogue, whether its description is NO_PERSONA_DESCRIPTION.
 */
export function dialogueCondition(call: SimCall): SimCondition {
  if (call.promptId === "continue-without-traits") return "without-traits";
  if (call.promptId === "generate-dialogue") {
    const description = variableText(call, "description");
    return description !== undefined && normalizedText(description) === normalizedText(NO_PERSONA_DESCRIPTION) ? "no-persona" : "persona";
  }
  const hexaco = call.variables?.hexaco !== false;
  const csi = call.variables?.csi !== false;
  return hexaco && csi ? "with-traits" : hexaco ? "hexaco-only" : csi ? "csi-only" : "without-traits";
}

/**
 * generate-dialogue, continue-with-traits and continue-without-traits: a dialogue of real ESConv utterances.
 * Each supporter turn's strategy is drawn from SimTruth.strategyMix[condition] and its text is an ESConv
 * supporter utterance with that label; seeker turns come from the history's seeker turns (continuations) or
 * the bank, and a generated dialogue opens with the prompt's description (without the simulator's own trait
 * sentences) in the first person (openingLine), so a card re-extracted from it names its origin by content.
 */
export function respondWithDialogue(call: SimCall): SimAnswer {
  const condition = dialogueCondition(call);
  const mix = call.truth.strategyMix[condition];
  const bank = call.bank();
  // Keyed by the prompt's own text. A no-persona prompt is the same for every persona, so the pipeline gives each
  // its own sample index (a request field): dialogue generation honours it at any temperature.
  const [model, promptHash, sample] = noiseKey(call);
  const sampleIndex = call.promptId === "generate-dialogue" ? (call.request.metadata.sampleIndex ?? 0) : sample;
  const random = keyedRandom(call.seed, "dialogue", call.promptId, call.promptText, condition, model, promptHash, sampleIndex);
  const { minSupporterTurns, maxSupporterTurns } = call.truth.dialogue;
  const supporterTurns = minSupporterTurns + random.integer(maxSupporterTurns - minSupporterTurns + 1);

  const history = variableText(call, "history");
  const parsedHistory = history ? parseDialogueTurns(history) : undefined;
  const historySeeker = parsedHistory?.ok ? parsedHistory.value.turns.filter((turn) => turn.speaker === "seeker").map((turn) => turn.text) : [];
  const description = variableText(call, "description");
  const seekerLine = (index: number): string => {
    if (index === 0 && description) return openingLine(withoutSimTraitSentences(description));
    if (historySeeker.length && random.next() < 0.5) return historySeeker[random.integer(historySeeker.length)];
    return bank.seeker.length ? bank.seeker[random.integer(bank.seeker.length)] : "I see.";
  };
  const weights = STRATEGY_LABELS.map((label) => mix[label]);
  const turns: Array<{ speaker: "Seeker" | "Supporter"; strategy?: StrategyLabel; content: string }> = [];
  for (let index = 0; index < supporterTurns; index++) {
    turns.push({ speaker: "Seeker", content: seekerLine(index) });
    let strategy = STRATEGY_LABELS[random.weighted(weights)];
    if (bank.supporter[strategy].length === 0) strategy = STRATEGY_LABELS.find((label) => bank.supporter[label].length > 0) ?? strategy;
    const pool = bank.supporter[strategy];
    turns.push({ speaker: "Supporter", strategy, content: pool.length ? pool[random.integer(pool.length)] : "I hear you." });
  }
  const text = `[\n${turns.map((turn) => JSON.stringify(turn)).join(",\n")}\n]`;
  return { text, malform: "json" };
}
