import type { PersonaCard } from "../data/types";
import { simPersonaKey } from "../sim/persona-key";
import { isSimCondition, type SimCondition } from "../sim/sim-context";

/** A persona as the trait stages need it: a card, optionally derived from another persona (RQ2). */
export type PersonaInput = PersonaCard & {
  /** The persona this one was re-extracted from (a generated dialogue's seeker). */
  derivedFrom?: string | null;
  /** The simulator's content key of that origin (simPersonaKey of its card; carried by the generated dialogue). */
  derivedFromKey?: string | null;
  /** The generation condition behind a derived persona ("persona" or "no-persona"). */
  condition?: string | null;
  /** Card description plus trait sentences (describeTraits); used by answerInventory when present. */
  traitDescription?: string | null;
};

/**
 * The simulator's persona facts of a row: its id, its content key (the sim draws latent traits from the card's
 * content, not its id) and, for a derived persona, where it came from.
 */
export function personaContext(persona: PersonaInput): { personaId: string; personaKey: string; derivedFrom?: string; derivedFromKey?: string; condition?: SimCondition } {
  const context: { personaId: string; personaKey: string; derivedFrom?: string; derivedFromKey?: string; condition?: SimCondition } = {
    personaId: persona.id,
    personaKey: simPersonaKey(persona),
  };
  if (persona.derivedFrom) context.derivedFrom = persona.derivedFrom;
  if (persona.derivedFrom && persona.derivedFromKey) context.derivedFromKey = persona.derivedFromKey;
  if (isSimCondition(persona.condition)) context.condition = persona.condition;
  return context;
}

export const CARD_COLUMNS = ["id", "sourceDataset", "sourceId", "age", "gender", "occupation", "description", "problem"] as const;

/** The card columns of a row (and derivedFrom/condition when set), without any stage columns. */
export function cardOf(row: PersonaInput): PersonaInput {
  const card = Object.fromEntries(CARD_COLUMNS.map((column) => [column, (row as unknown as Record<string, unknown>)[column]])) as unknown as PersonaInput;
  if (row.derivedFrom) card.derivedFrom = row.derivedFrom;
  if (row.derivedFromKey) card.derivedFromKey = row.derivedFromKey;
  if (row.condition) card.condition = row.condition;
  return card;
}
