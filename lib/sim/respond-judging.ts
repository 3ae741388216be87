import { STRATEGY_LABELS, type StrategyLabel } from "../data/types";
import { extractJson } from "../prompts/extract-json";
import { JUDGE_CRITERIA, type PairVerdict } from "../prompts/parse-judgement";
import { parseDialogueTurns, speakerOf } from "../prompts/parse-dialogue";
import { isRecord, pick } from "../prompts/parse-result";
import { keyedRandom } from "../random";
import { noiseKey, variableText, type SimAnswer, type SimCall } from "./sim-call";
import type { SimTruth } from "./sim-truth";
import { utteranceKey, type UtteranceBank } from "./utterance-bank";

/** A label for supporter text that is not in the ESConv bank (e.g. written by a real model): simple cue words. */
export function heuristicStrategy(text: string): StrategyLabel {
  if (/\?\s*$/.test(text.trim())) return "Question";
  if (/\b(so you|in other words|what i'?m hearing|you'?re saying)\b/i.test(text)) return "Restatement or Paraphrasing";
  if (/\b(i (also|too)|when i was|i'?ve been through|i had|i used to|happened to me)\b/i.test(text)) return "Self-disclosure";
  if (/\b(maybe|perhaps|you could|have you tried|try to|consider|how about)\b/i.test(text)) return "Providing Suggestions";
  if (/\b(sounds like you|must (feel|be)|you feel|you seem)\b/i.test(text)) return "Reflection of feelings";
  if (/\b(research|studies|it is common|many people|there are (resources|services))\b/i.test(text)) return "Information";
  if (/\b(you are|you'?re) (strong|doing|brave|not alone)|proud of you|it'?s okay|that'?s great|you can do\b/i.test(text)) return "Affirmation and Reassurance";
  return "Others";
}

/**
 * annotate-strategies: the true label of each supporter utterance (its ESConv label, looked up by text; a cue-word
 * rule for text not in the bank), kept with probability SimTruth.annotation.keepRate, else replaced by one of
 * the other 7 labels uniformly.
 */
export function respondToAnnotation(call: SimCall): SimAnswer {
  const source = variableText(call, "dialogue") ?? call.promptText;
  const json = extractJson(source, "array");
  const entries = json.ok && Array.isArray(json.value) ? json.value : [];
  const bank = call.bank();
  const random = keyedRandom(call.seed, "annotate", source, ...noiseKey(call));
  const labels: Array<{ index: number; strategy: StrategyLabel }> = [];
  entries.forEach((entry, position) => {
    if (!isRecord(entry) || speakerOf(pick(entry, "speaker")) !== "supporter") return;
    const content = String(pick(entry, "content", "text") ?? "");
    const index = Number(pick(entry, "index") ?? position);
    const truth = trueLabel(bank, content);
    let strategy = truth;
    if (random.next() >= call.truth.annotation.keepRate) {
      const others = STRATEGY_LABELS.filter((label) => label !== truth);
      strategy = others[random.integer(others.length)];
    }
    labels.push({ index, strategy });
  });
  if (!entries.length) call.warnings.push("sim: no dialogue found in the annotate-strategies prompt");
  return { text: `[\n${labels.map((label) => JSON.stringify(label)).join(",\n")}\n]`, malform: "json" };
}

/** The true label of a supporter utterance: its ESConv label (by text), else the cue-word rule. */
function trueLabel(bank: UtteranceBank, text: string): StrategyLabel {
  return bank.strategyOf.get(utteranceKey(text)) ?? heuristicStrategy(text);
}

/**
 * Whether a dialogue reads as written with the seeker's persona in view: the log-likelihood of its supporter
 * turns' true labels under the with-traits mix against the without-traits mix (SimTruth.strategyMix). This is
 * how the simulated judge tells the conditions apart: from the dialogue text only, like a judge reading it.
 */
export function readsAsPersonaDialogue(transcript: string, truth: SimTruth, bank: UtteranceBank): boolean | undefined {
  const parsed = parseDialogueTurns(transcript);
  if (!parsed.ok) return undefined;
  const supporter = parsed.value.turns.filter((turn) => turn.speaker === "supporter");
  if (supporter.length === 0) return undefined;
  const withTraits = truth.strategyMix["with-traits"];
  const without = truth.strategyMix["without-traits"];
  let logRatio = 0;
  for (const turn of supporter) {
    const label = trueLabel(bank, turn.text);
    logRatio += Math.log(Math.max(withTraits[label], 1e-6)) - Math.log(Math.max(without[label], 1e-6));
  }
  return logRatio > 0;
}

/**
 * judge-pair: for each criterion, the persona dialogue wins / ties / loses with SimTruth.judge's probabilities
 * (defaults: the paper's Table 9) when one side reads as a persona dialogue and the other not
 * (readsAsPersonaDialogue); otherwise the verdict is symmetric with the same tie probability.
 */
export function respondToJudgement(call: SimCall): SimAnswer {
  const bank = call.bank();
  const dialogueA = variableText(call, "dialogueA");
  const dialogueB = variableText(call, "dialogueB");
  const personaA = dialogueA === undefined ? undefined : readsAsPersonaDialogue(dialogueA, call.truth, bank);
  const personaB = dialogueB === undefined ? undefined : readsAsPersonaDialogue(dialogueB, call.truth, bank);
  if (personaA === undefined || personaB === undefined) call.warnings.push("sim: judge-pair prompt without two readable dialogues; verdicts are symmetric");
  const random = keyedRandom(call.seed, "judge", call.promptText, ...noiseKey(call));
  const verdicts: Record<string, PairVerdict> = {};
  for (const criterion of JUDGE_CRITERIA) {
    const { win, tie, loss } = call.truth.judge[criterion];
    let weights: [number, number, number]; // A, tie, B
    if (personaA && personaB === false) weights = [win, tie, loss];
    else if (personaB && personaA === false) weights = [loss, tie, win];
    else weights = [(1 - tie) / 2, tie, (1 - tie) / 2];
    verdicts[criterion] = (["A", "tie", "B"] as const)[random.weighted(weights)];
  }
  return { text: JSON.stringify(verdicts), malform: "json" };
}
