import type { RequestMetadata } from "../llm/types";

/**
 * The contract between the pipeline stages and the offline simulator: the small facts each request puts in
 * `metadata.context` so the simulator can answer from its ground truth. Real providers ignore the context.
 * Everything a model would read from the prompt (the post, the dialogue, the persona sentence) the simulator
 * also reads from the prompt; the context carries only identities, the inventory item and the condition.
 *
 * | prompt id                      | context                                                                 |
 * | ------------------------------ | ----------------------------------------------------------------------- |
 * | extract-persona                | { personaId }                                                           |
 * | filter-persona                 | { personaId }                                                           |
 * | describe-traits                | { personaId, personaKey, inventory } (+ derivedFrom, derivedFromKey, condition) |
 * | answer-statement               | { personaId, personaKey, inventory, itemId, domain, reversed } (+ derivedFrom, derivedFromKey, condition) |
 * | expand-persona                 | { personaId }                                                           |
 * | generate-dialogue              | { personaId, condition?: "persona" | "no-persona" }                      |
 * | continue-with-traits           | { personaId, dialogueId, condition: "with-traits" | "hexaco-only" | "csi-only" } |
 * | continue-without-traits        | { personaId, dialogueId, condition?: "without-traits" }                  |
 * | extract-persona-from-dialogue  | { personaId, derivedFrom, derivedFromKey, condition }                   |
 * | annotate-strategies            | { dialogueId }                                                          |
 * | judge-pair                     | { pairId, conditionA, conditionB }                                      |
 *
 * personaId: the persona's card id (e.g. "esconv:train:12", "personahub:17").
 * personaKey: simPersonaKey(card), the hash of the card's normalized content (age, gender, occupation,
 *   description, problem). The latent traits are drawn from it (from personaId when it is absent), so the same
 *   card under another id is the same person and a changed card is another one. personaContext() sets it.
 * derivedFrom + condition: a persona re-extracted from a generated dialogue (RQ2). Its personaId is its own
 *   (e.g. "generated:personahub:17:persona"); its latent traits are those of its origin plus the documented
 *   drift for the generation (SimTruth.drift), or the concentrated "no persona" distribution.
 * derivedFromKey: the origin's personaKey. The generated dialogue row carries its persona's key (personaKey),
 *   the re-extracted card carries it on as derivedFromKey, so the origin is found by content; without it the
 *   origin is identified by derivedFrom (its id).
 * inventory: the inventory name from the inventory file ("HEXACO-60", "CSI"); domain: the item's domain name
 *   exactly as in that file; itemId: the item's id; reversed: the item's reverse key.
 * condition: which generation condition produced (or will produce) a dialogue.
 */

export const SIM_CONDITIONS = ["with-traits", "without-traits", "hexaco-only", "csi-only", "persona", "no-persona"] as const;
export type SimCondition = (typeof SIM_CONDITIONS)[number];

export interface SimPersonaContext {
  personaId: string;
  personaKey?: string;
  derivedFrom?: string;
  derivedFromKey?: string;
  condition?: SimCondition;
}

export interface SimInventoryContext extends SimPersonaContext {
  inventory: string;
}

export interface SimItemContext extends SimInventoryContext {
  itemId: number | string;
  domain: string;
  reversed: boolean;
}

export interface SimDialogueContext {
  personaId: string;
  personaKey?: string;
  dialogueId?: string;
  condition?: SimCondition;
}

export interface SimDerivedPersonaContext {
  personaId: string;
  derivedFrom: string;
  derivedFromKey?: string;
  condition: SimCondition;
}

export interface SimJudgeContext {
  pairId: string;
  conditionA: SimCondition;
  conditionB: SimCondition;
}

/** The context each prompt id expects. */
export interface SimContextByPrompt {
  "extract-persona": { personaId: string };
  "filter-persona": { personaId: string };
  "describe-traits": SimInventoryContext;
  "answer-statement": SimItemContext;
  "expand-persona": { personaId: string };
  "generate-dialogue": SimDialogueContext;
  "continue-with-traits": SimDialogueContext;
  "continue-without-traits": SimDialogueContext;
  "extract-persona-from-dialogue": SimDerivedPersonaContext;
  "annotate-strategies": { dialogueId: string };
  "judge-pair": SimJudgeContext;
}

export type SimPromptId = keyof SimContextByPrompt;

/** The flat `metadata.context` record for a prompt id (drops undefined fields). Use it in every stage. */
export function simContext<P extends SimPromptId>(_promptId: P, context: SimContextByPrompt[P]): NonNullable<RequestMetadata["context"]> {
  const flat: NonNullable<RequestMetadata["context"]> = {};
  for (const [key, value] of Object.entries(context)) {
    if (value === undefined) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") flat[key] = value;
  }
  return flat;
}

export function isSimCondition(value: unknown): value is SimCondition {
  return typeof value === "string" && (SIM_CONDITIONS as readonly string[]).includes(value);
}

/** Conditions where persona information reached the generator. */
export function conditionHasPersona(condition: SimCondition): boolean {
  return condition === "with-traits" || condition === "hexaco-only" || condition === "csi-only" || condition === "persona";
}
