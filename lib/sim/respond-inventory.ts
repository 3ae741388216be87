import { createHash } from "node:crypto";
import type { TokenLogprob } from "../llm/types";
import { categoryProbabilities, isMisKeyed, itemParameters, logisticNoise, sampleAnswer } from "./item-response";
import { latentTraits, simInventoryName, traitIndex, type SimPersonaIdentity } from "./latent-traits";
import { keyedRandom } from "../random";
import { contextString, variableText, type SimAnswer, type SimCall } from "./sim-call";
import { isSimCondition } from "./sim-context";

const WORDS = ["strongly disagree", "disagree", "neutral", "agree", "strongly agree"];

/** The persona a request is about: metadata.context (personaKey, personaId, derivedFrom...), else (with a warning) a hash of the prompt's description. */
export function personaOf(call: SimCall): SimPersonaIdentity {
  let personaId = contextString(call, "personaId");
  if (!personaId) {
    const basis = variableText(call, "description") ?? call.promptText;
    personaId = "anonymous:" + createHash("sha256").update(basis).digest("hex").slice(0, 16);
    call.warnings.push("sim: metadata.context has no personaId; the persona is identified by its description text");
  }
  const identity: SimPersonaIdentity = { personaId };
  const personaKey = contextString(call, "personaKey");
  const derivedFrom = contextString(call, "derivedFrom");
  const derivedFromKey = contextString(call, "derivedFromKey");
  const condition = conditionOf(call);
  if (personaKey) identity.personaKey = personaKey;
  if (derivedFrom) identity.derivedFrom = derivedFrom;
  if (derivedFromKey) identity.derivedFromKey = derivedFromKey;
  if (condition) identity.condition = condition;
  return identity;
}

function conditionOf(call: SimCall) {
  const condition = call.context.condition;
  return isSimCondition(condition) ? condition : undefined;
}

/**
 * answer-statement: a graded-response answer from the persona's latent trait for the item's domain. The response
 * noise is keyed by the persona, the item and the prompt's template hash (a reworded prompt: same traits, new
 * noise); above temperature 0 each sample index adds temperature x temperatureNoise x a logistic draw.
 */
export function respondToStatement(call: SimCall): SimAnswer {
  const persona = personaOf(call);
  const inventory = contextString(call, "inventory") ?? "";
  const domain = contextString(call, "domain") ?? "";
  const itemId = contextString(call, "itemId") ?? createHash("sha256").update(variableText(call, "statement") ?? call.promptText).digest("hex").slice(0, 12);
  const keyed = call.context.reversed === true || call.context.reversed === "true";
  const index = traitIndex(inventory, domain);
  if (index < 0) call.warnings.push(`sim: unknown inventory/domain "${inventory}"/"${domain}" in metadata.context; answered from a neutral trait`);
  const theta = index < 0 ? 0 : latentTraits(call.truth, call.seed, persona)[index];
  const inventoryName = simInventoryName(inventory) ?? inventory;
  // A mis-keyed item: the simulated model reads the statement's direction the wrong way round.
  const reversed = isMisKeyed(call.truth.misKeyedItems, inventoryName, itemId) ? !keyed : keyed;
  const parameters = itemParameters(call.truth, inventoryName, itemId);
  const probabilities = categoryProbabilities(parameters, theta, reversed);

  const person = persona.personaKey ?? persona.personaId;
  const itemKey = [call.seed, call.model, person, persona.derivedFrom ?? "", persona.condition ?? "", inventoryName, itemId, call.promptHash] as const;
  if (keyedRandom("unanswerable", ...itemKey).next() < call.truth.unanswerableRate) {
    return { text: "I cannot determine how the person would respond to this statement from the description.", malform: "never" };
  }
  const extraNoise = call.temperature > 0 ? call.temperature * call.truth.temperatureNoise * logisticNoise(keyedRandom("sample", ...itemKey, call.sample)) : 0;
  const answer = sampleAnswer(parameters, theta, reversed, keyedRandom("answer", ...itemKey), extraNoise);

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
