import { STRATEGY_LABELS, type StrategyLabel } from "../data/types";
import { keyedRandom } from "../random";
import { parseDialogueTurns } from "../prompts/parse-dialogue";
import { openingLine, withoutSimTraitSentences } from "./persona-text";
import { variableText, type SimAnswer, type SimCall } from "./sim-call";
import type { SimCondition } from "./sim-conditions";
import type { StrategyMix } from "./sim-truth";

/**
 * The simulator's truth for role-play mode: a supporter who does not know the seeker's card asks more and advises
 * less than one writing the whole dialogue with the card in view. The supporter's strategy mix is the condition's
 * mix (SimTruth.strategyMix) multiplied by these factors and renormalized; a recovery test checks that the mode
 * comparison finds this designed difference.
 */
export const ROLE_PLAY_STRATEGY_FACTORS: Readonly<Record<StrategyLabel, number>> = {
  Question: 1.6,
  "Restatement or Paraphrasing": 1.3,
  "Reflection of feelings": 1.2,
  "Self-disclosure": 1,
  "Affirmation and Reassurance": 0.9,
  "Providing Suggestions": 0.6,
  Information: 0.5,
  Others: 1,
};

/** The strategy mix a role-play supporter draws from, given the mix of its condition. */
export function rolePlayStrategyMix(base: StrategyMix): StrategyMix {
  const weights = STRATEGY_LABELS.map((label) => base[label] * ROLE_PLAY_STRATEGY_FACTORS[label]);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return Object.fromEntries(STRATEGY_LABELS.map((label, index) => [label, weights[index] / total])) as StrategyMix;
}

/** What the supporter agent is told decides its mix: the trait blocks in its prompt, not the run's condition. */
function supporterCondition(call: SimCall): SimCondition {
  const hexaco = call.variables?.hexaco === true;
  const csi = call.variables?.csi === true;
  return hexaco && csi ? "with-traits" : hexaco ? "hexaco-only" : csi ? "csi-only" : "without-traits";
}

/** Today's turns so far, from the prompt's `dialogue` variable (empty when the seeker speaks first). */
function turnsSoFar(call: SimCall): string[] {
  const dialogue = variableText(call, "dialogue") ?? "";
  const parsed = dialogue.trim() ? parseDialogueTurns(dialogue) : undefined;
  return parsed?.ok ? parsed.value.turns.map((turn) => turn.text) : [];
}

/**
 * Which dialogue a role-play turn belongs to, from the prompt: the seeker's persona text and earlier conversation
 * (seeker), or today's opening turn and earlier conversation (supporter).
 */
function dialogueKey(call: SimCall, speaker: "seeker" | "supporter", turns: string[]): string {
  const history = variableText(call, "history") ?? "";
  if (speaker === "seeker") return JSON.stringify([variableText(call, "persona") ?? call.promptText, variableText(call, "traitText") ?? "", history]);
  return JSON.stringify([turns[0] ?? call.promptText, history]);
}

/**
 * role-play-seeker: the opening states the card's description in the first person (openingLine); later turns are ESConv seeker
 * utterances. The seeker ends the dialogue after a number of supporter turns drawn once per dialogue from
 * SimTruth.dialogue (the same range as the one-call dialogues).
 */
export function respondAsRolePlaySeeker(call: SimCall): SimAnswer {
  const turns = turnsSoFar(call);
  const dialogueId = dialogueKey(call, "seeker", turns);
  const index = turns.length;
  const { minSupporterTurns, maxSupporterTurns } = call.truth.dialogue;
  const length = keyedRandom(call.seed, "role-play-length", dialogueId);
  const target = minSupporterTurns + length.integer(maxSupporterTurns - minSupporterTurns + 1);
  const random = keyedRandom(call.seed, "role-play-seeker", dialogueId, index);
  const bank = call.bank();
  const supporterTurnsSoFar = Math.floor(index / 2);
  const persona = variableText(call, "persona") ?? "";
  const description = persona.match(/^Description: (.*)$/m)?.[1] ?? persona.trim();
  let content: string;
  if (index === 0 && description) content = openingLine(withoutSimTraitSentences(description));
  else if (supporterTurnsSoFar >= target) content = "Thank you, this really helped. I think I know what to do now. Bye!";
  else content = bank.seeker.length ? bank.seeker[random.integer(bank.seeker.length)] : "I see.";
  return { text: JSON.stringify({ content, end: supporterTurnsSoFar >= target }), malform: "json" };
}

/** role-play-supporter: a strategy drawn from rolePlayStrategyMix of what it is told, and an ESConv utterance with it. */
export function respondAsRolePlaySupporter(call: SimCall): SimAnswer {
  const turns = turnsSoFar(call);
  const random = keyedRandom(call.seed, "role-play-supporter", dialogueKey(call, "supporter", turns), supporterCondition(call), turns.length);
  const mix = rolePlayStrategyMix(call.truth.strategyMix[supporterCondition(call)]);
  const bank = call.bank();
  let strategy = STRATEGY_LABELS[random.weighted(STRATEGY_LABELS.map((label) => mix[label]))];
  if (bank.supporter[strategy].length === 0) strategy = STRATEGY_LABELS.find((label) => bank.supporter[label].length > 0) ?? strategy;
  const pool = bank.supporter[strategy];
  const content = pool.length ? pool[random.integer(pool.length)] : "I hear you.";
  return { text: JSON.stringify({ strategy, content }), malform: "json" };
}
