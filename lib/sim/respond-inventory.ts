import { createHash } from "node:crypto";
import type { TokenLogprob } from "../llm/types";
import { categoryProbabilities, isMisKeyed, itemParameters, logisticNoise, sampleAnswer } from "./item-response";
import { domainValue } from "./latent-traits";
import { simInventoryName } from "./domain-truth";
import { personaFromDescription, type SimPersonaIdentity } from "./persona-text";
import { keyedRandom } from "../random";
import { variableText, type SimAnswer, type SimCall } from "./sim-call";
import { answerNoiseHash, conditionOfRequest, rawConditionShift, wordingEffect } from "./condition-effects";

const WORDS = ["strongly disagree", "disagree", "neutral", "agree", "strongly agree"];

/**
 * The persona a request is about, from the prompt's persona text (its `description` or `persona` variable; see
 * persona-text.ts). A prompt whose template the simulator cannot read is identified by its whole text, with a warning.
 */
export function personaOf(call: SimCall): SimPersonaIdentity {
  const description = variableText(call, "description") ?? variableText(call, "persona");
  if (description === undefined) {
    call.warnings.push("sim: the prompt gives no persona description the simulator can read; the persona is identified by the whole prompt text");
    return personaFromDescription(call.promptText);
  }
  return personaFromDescription(description);
}

/** The statement an answer-statement prompt asks about: its `statement` variable, else a known statement in the text. */
function statementOf(call: SimCall): { text: string; item: ReturnType<SimCall["statements"]["find"]> } {
  const statement = variableText(call, "statement");
  if (statement !== undefined) return { text: statement, item: call.statements.find(statement) };
  const found = call.statements.findIn(call.promptText);
  return found ? { text: found.statement, item: found.item } : { text: call.promptText, item: undefined };
}

/**
 * answer-statement: a graded-response answer from the persona's latent value for the item's domain. The item
 * (inventory, domain, reverse key) is found by the statement's text in the inventories the simulator can read;
 * the persona by its description. The response noise is keyed by the persona, the item and the prompt's template
 * hash (a reworded prompt: same traits, new noise; the answer-condition templates share the paper prompt's); above temperature 0 each sample index adds temperature x
 * temperatureNoise x a logistic draw.
 */
export function respondToStatement(call: SimCall): SimAnswer {
  const persona = personaOf(call);
  const statement = statementOf(call);
  const known = statement.item;
  if (!known) call.warnings.push("sim: the statement is in no inventory the simulator can read (<data>/inventories/*.json or simOptions.inventories); answered from a neutral trait");
  const inventoryName = known ? simInventoryName(known.inventory) : "unknown";
  const itemId = known ? known.itemId : createHash("sha256").update(statement.text).digest("hex").slice(0, 12);
  const baseTheta = known ? domainValue(call.truth, call.seed, persona, known.inventory, known.domain) : 0;
  // The answer condition, from the request alone; the designed effects of the model's truth (condition-effects.ts).
  const condition = conditionOfRequest(call);
  const effects = call.truth.conditionEffects;
  const wording = wordingEffect(effects, condition);
  const theta =
    wording.shift === 0 && wording.interaction === 0
      ? baseTheta
      : baseTheta + wording.shift + wording.interaction * keyedRandom(call.seed, "wording-interaction", persona.key, condition.wording, inventoryName, known?.domain ?? "").normal();
  const keyed = known?.reversed ?? false;
  // A mis-keyed item: the simulated model reads the statement's direction the wrong way round.
  const reversed = isMisKeyed(call.truth.misKeyedItems, inventoryName, itemId) ? !keyed : keyed;
  const parameters = itemParameters(call.truth, inventoryName, itemId);
  // Acquiescence: the latent position (after keying) moves up by truth.acquiescence for every statement; a
  // reversed option listing adds the designed primacy shift in the same (agreement) direction.
  const bias = (call.truth.acquiescence ?? 0) + rawConditionShift(effects, condition);
  const answeredTheta = bias === 0 ? theta : reversed ? theta - bias : theta + bias;
  const probabilities = categoryProbabilities(parameters, answeredTheta, reversed);

  // The condition templates draw the paper prompt's noise (answerNoiseHash); every other prompt its own.
  const itemKey = [call.seed, call.model, persona.key, persona.origin ?? "", persona.condition ?? "", inventoryName, itemId, answerNoiseHash(call)] as const;
  if (keyedRandom("unanswerable", ...itemKey).next() < call.truth.unanswerableRate) {
    return { text: "I cannot determine how the person would respond to this statement from the description.", malform: "never" };
  }
  const extraNoise = call.temperature > 0 ? call.temperature * call.truth.temperatureNoise * logisticNoise(keyedRandom("sample", ...itemKey, call.sample)) : 0;
  const answer = sampleAnswer(parameters, answeredTheta, reversed, keyedRandom("answer", ...itemKey), extraNoise);

  if (condition.labels === "words") {
    // Asked for a label: the label, in a few formats a real model might use.
    const label = WORDS[answer - 1];
    const style = keyedRandom("style", ...itemKey, call.sample).integer(10);
    const text = style < 7 ? label : style < 9 ? `Answer: ${label}` : `${label[0].toUpperCase()}${label.slice(1)}.`;
    return { text, malform: "answer" };
  }
  if (call.request.topLogprobs) {
    const top = probabilities
      .map((probability, category) => ({ token: String(category + 1), logprob: Math.log(Math.max(probability, 1e-12)) }))
      .sort((a, b) => b.logprob - a.logprob)
      .slice(0, Math.max(1, Math.min(5, call.request.topLogprobs)));
    const logprobs: TokenLogprob[] = [{ token: String(answer), logprob: Math.log(Math.max(probabilities[answer - 1], 1e-12)), top }];
    return { text: String(answer), logprobs, malform: "answer" };
  }
  // Real models vary their format; the parser must cope. Mostly a bare digit.
  const style = keyedRandom("style", ...itemKey, call.sample).integer(10);
  const text = style < 7 ? String(answer) : style < 9 ? `Answer: ${answer}` : `${answer} - ${WORDS[answer - 1]}`;
  return { text, malform: "answer" };
}
