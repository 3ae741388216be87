import { STRATEGY_LABELS, type StrategyLabel } from "../data/types";
import { parseDialogueTurns } from "../prompts/parse-dialogue";
import { keyedRandom } from "../random";
import { contextString, noiseKey, variableText, type SimAnswer, type SimCall } from "./sim-call";
import { isSimCondition, type SimCondition } from "./sim-context";
import { sentences } from "./persona-cues";

/** The generation condition: metadata.context.condition, else what the prompt shows (its id and trait switches). */
export function dialogueCondition(call: SimCall): SimCondition {
  const given = call.context.condition;
  if (isSimCondition(given)) return given;
  if (call.promptId === "continue-without-traits") return "without-traits";
  if (call.promptId === "generate-dialogue") return "persona";
  const hexaco = call.variables?.hexaco !== false;
  const csi = call.variables?.csi !== false;
  return hexaco && csi ? "with-traits" : hexaco ? "hexaco-only" : csi ? "csi-only" : "without-traits";
}

/** "The person is a 23-year-old nurse" -> "I am a 23-year-old nurse" (crude, for the seeker's opening turn). */
export function firstPerson(description: string): string {
  return description
    .replace(/\bThe person's\b/g, "My")
    .replace(/\bthe person's\b/g, "my")
    .replace(/\b[Tt]he person is\b/g, "I am")
    .replace(/\b[Tt]he person has\b/g, "I have")
    .replace(/\bThe person\b/g, "I")
    .replace(/\bthe person\b/g, "me")
    .replace(/\b(She|He) can be described as\b/g, "I am")
    .replace(/\b(She|He|They) (is|are)\b/g, "I am")
    .replace(/\b(her|his|their)\b/g, "my");
}

/**
 * generate-dialogue, continue-with-traits and continue-without-traits: a dialogue of real ESConv utterances.
 * Each supporter turn's strategy is drawn from SimTruth.strategyMix[condition] and its text is an ESConv
 * supporter utterance with that label; seeker turns come from the history's seeker turns (continuations) or
 * the bank, and a persona dialogue opens with the persona's description in the first person.
 */
export function respondWithDialogue(call: SimCall): SimAnswer {
  const condition = dialogueCondition(call);
  const mix = call.truth.strategyMix[condition];
  const bank = call.bank();
  const key = contextString(call, "dialogueId") ?? contextString(call, "personaId") ?? call.promptText;
  const random = keyedRandom(call.seed, "dialogue", call.promptId, key, condition, ...noiseKey(call));
  const { minSupporterTurns, maxSupporterTurns } = call.truth.dialogue;
  const supporterTurns = minSupporterTurns + random.integer(maxSupporterTurns - minSupporterTurns + 1);

  const history = variableText(call, "history");
  const parsedHistory = history ? parseDialogueTurns(history) : undefined;
  const historySeeker = parsedHistory?.ok ? parsedHistory.value.turns.filter((turn) => turn.speaker === "seeker").map((turn) => turn.text) : [];
  const description = variableText(call, "description");
  const seekerLine = (index: number): string => {
    if (index === 0 && description) return `Hi. ${sentences(firstPerson(description)).slice(0, 2).join(" ")}`;
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
