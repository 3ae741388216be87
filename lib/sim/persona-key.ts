import { createHash } from "node:crypto";
import { normalizeAge, normalizeGender, normalizeOccupation } from "../prompts/normalize-demographics";

/** The card fields a simulated persona's latent traits follow from. */
export interface SimPersonaContent {
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
 * problem (case and white space ignored; ids, source and stage columns never enter). The simulator draws a
 * persona's latent traits from this key, so the same card under another id is the same person and a changed card
 * is another one. Stages put it into metadata.context.personaKey (lib/pipeline/persona-identity.ts).
 */
export function simPersonaKey(card: SimPersonaContent): string {
  const parts = [
    normalizeAge(card.age),
    normalizeGender(card.gender),
    text(normalizeOccupation(card.occupation)),
    text(card.description),
    text(card.problem),
  ];
  return "card:" + createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16);
}
