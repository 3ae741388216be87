import { createHash } from "node:crypto";
import { normalizeAge, normalizeGender, normalizeOccupation } from "../data/normalize-demographics";

/** The card fields a persona's identity follows from. */
export interface PersonaContent {
  age?: unknown;
  gender?: unknown;
  occupation?: unknown;
  description?: unknown;
  problem?: unknown;
}

function text(value: unknown): string {
  return typeof value === "string" ? value.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim() : "";
}

/**
 * The content key of a persona card: a hash of its normalized age group, gender, occupation, description and
 * problem (case and white space ignored; ids, source and stage columns never enter). The same card under another
 * id has the same key and a changed card another one. The pipeline keeps it on generated dialogues (personaKey)
 * and on the cards re-extracted from them (derivedFromKey), so a derived persona names its origin by content.
 * It never goes into a request: a model (the simulator included) sees only the prompt.
 */
export function personaKey(card: PersonaContent): string {
  const parts = [
    normalizeAge(card.age),
    normalizeGender(card.gender),
    text(normalizeOccupation(card.occupation)),
    text(card.description),
    text(card.problem),
  ];
  return "card:" + createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16);
}
