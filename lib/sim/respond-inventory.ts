import { createHash } from "node:crypto";
import type { TokenLogprob } from "../llm/types";
import { categoryProbabilities, itemParameters, sampleAnswer } from "./item-response";
import { latentTraits, simInventoryName, traitIndex } from "./latent-traits";
import { keyedRandom } from "../random";
import { contextString, variableText, type SimAnswer, type SimCall } from "./sim-call";
import { isSimCondition } from "./sim-context";

const WORDS = ["strongly disagree", "disagree", "neutral", "agree", "strongly agree"];

/** The persona a request is about: metadata.context.personaId, else (with a warning) a hash of the prompt's description. */
export function personaOf(call: SimCall): { personaId: string; derivedFrom?: string; condition?: ReturnType<typeof conditionOf> } {
  let personaId = contextString(call, "personaId");
  if (!personaId) {
    const basis = variableText(call, "description") ?? call.promptText;
    personaId = "anonymous:" + createHash("sha256").update(basis).digest("hex").slice(0, 16);
    call.warnings.push("sim: metadata.context has no personaId; the persona is identified by its description text");
  }
  return { personaId, derivedFrom: contextString(call, "derivedFrom"), condition: conditionOf(call) };
}

function conditionOf(call: SimCall) {
  const condition = call.context.condition;
  return isSimCondition(condition) ? condition : undefined;
}

/** answer-statement: a graded-response answer from the persona's latent trait for the item's domain. */
export function respondToStatement(call: SimCall): SimAnswer {
  const persona = personaOf(call);
  const inventory = contextString(call, "inventory") ?? "";
  const domain = contextString(call, "domain") ?? "";
  const itemId = contextString(call, "itemId") ?? createHash("sha256").update(variableText(call, "statement") ?? call.promptText).digest("hex").slice(0, 12);
  const reversed = call.context.reversed === true || call.context.reversed === "true";
  const index = traitIndex(inventory, domain);
  if (index < 0) call.warnings.push(`sim: unknown inventory/domain "${inventory}"/"${domain}" in metadata.context; answered from a neutral trait`);
  const theta = index < 0 ? 0 : latentTraits(call.truth, call.seed, persona)[index];
  const inventoryName = simInventoryName(inventory) ?? inventory;
  const probabilities = categoryProbabilities(itemParameters(call.truth, inventoryName, itemId), theta, reversed);

  const itemKey = [call.seed, persona.personaId, inventoryName, itemId, call.request.metadata.sampleIndex ?? 0] as const;
  if (keyedRandom("unanswerable", ...itemKey).next() < call.truth.unanswerableRate) {
    return { text: "I cannot determine how the person would respond to this statement from the description.", malform: "never" };
  }
  const parameters = itemParameters(call.truth, inventoryName, itemId);
  const answer = sampleAnswer(parameters, theta, reversed, keyedRandom("answer", ...itemKey));

  if (call.request.topLogprobs) {
    const top = probabilities
      .map((probability, category) => ({ token: String(category + 1), logprob: Math.log(Math.max(probability, 1e-12)) }))
      .sort((a, b) => b.logprob - a.logprob)
      .slice(0, Math.max(1, Math.min(5, call.request.topLogprobs)));
    const logprobs: TokenLogprob[] = [{ token: String(answer), logprob: Math.log(Math.max(probabilities[answer - 1], 1e-12)), top }];
    return { text: String(answer), logprobs, malform: "answer" };
  }
  // Real models vary their format; the parser must cope. Mostly a bare digit.
  const style = keyedRandom("style", ...itemKey).integer(10);
  const text = style < 7 ? String(answer) : style < 9 ? `Answer: ${answer}` : `${answer} - ${WORDS[answer - 1]}`;
  return { text, malform: "answer" };
}
