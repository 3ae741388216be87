import type { PersonaCard } from "../data/types";
import { isSimCondition, type SimCondition } from "../sim/sim-context";

/** A persona as the trait stages need it: a card, optionally derived from another persona (RQ2). */
export type PersonaInput = PersonaCard & {
  /** The persona this one was re-extracted from (a generated dialogue's seeker). */
  derivedFrom?: string | null;
  /** The generation condition behind a derived persona ("persona" or "no-persona"). */
  condition?: string | null;
  /** Card description plus trait sentences (describeTraits); used by answerInventory when present. */
  traitDescription?: string | null;
};

/** The simulator's persona facts of a row: its id, and for a derived persona where it came from. */
export function personaContext(persona: PersonaInput): { personaId: string; derivedFrom?: string; condition?: SimCondition } {
  const context: { personaId: string; derivedFrom?: string; condition?: SimCondition } = { personaId: persona.id };
  if (persona.derivedFrom) context.derivedFrom = persona.derivedFrom;
  if (isSimCondition(persona.condition)) context.condition = persona.condition;
  return context;
}

export const CARD_COLUMNS = ["id", "sourceDataset", "sourceId", "age", "gender", "occupation", "description", "problem"] as const;

/** The card columns of a row (and derivedFrom/condition when set), without any stage columns. */
export function cardOf(row: PersonaInput): PersonaInput {
  const card = Object.fromEntries(CARD_COLUMNS.map((column) => [column, (row as unknown as Record<string, unknown>)[column]])) as unknown as PersonaInput;
  if (row.derivedFrom) card.derivedFrom = row.derivedFrom;
  if (row.condition) card.condition = row.condition;
  return card;
}
