import type { PersonaCard } from "../data/types";

/** A persona as the trait stages need it: a card, optionally derived from another persona (RQ2). */
export type PersonaInput = PersonaCard & {
  /** The persona this one was re-extracted from (a generated dialogue's seeker). */
  derivedFrom?: string | null;
  /** The content key of that origin (personaKey of its card; carried by the generated dialogue). */
  derivedFromKey?: string | null;
  /** The generation condition behind a derived persona ("persona" or "no-persona"). */
  condition?: string | null;
  /** Card description plus trait sentences (describeTraits); used by answerInventory when present. */
  traitDescription?: string | null;
};

export const CARD_COLUMNS = ["id", "sourceDataset", "sourceId", "age", "gender", "occupation", "description", "problem"] as const;

/** The card columns of a row (and derivedFrom/condition when set), without any stage columns. */
export function cardOf(row: PersonaInput): PersonaInput {
  const card = Object.fromEntries(CARD_COLUMNS.map((column) => [column, (row as unknown as Record<string, unknown>)[column]])) as unknown as PersonaInput;
  if (row.derivedFrom) card.derivedFrom = row.derivedFrom;
  if (row.derivedFromKey) card.derivedFromKey = row.derivedFromKey;
  if (row.condition) card.condition = row.condition;
  return card;
}
