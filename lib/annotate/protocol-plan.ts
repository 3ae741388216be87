import { keyedRandom } from "../random";
import { normalizeAnnotatorName } from "./annotator-name";
import { annotatorPlan } from "./annotator-plan";
import type { Outcome } from "./criteria";
import type { Protocol } from "./protocol";
import type { Study } from "./study-file";

/** study: counts; practice: before the study, never counts; attention: a control pair with a known answer. */
export type ItemKind = "study" | "practice" | "attention";

/** One item of an annotator's full order: practice pairs first, then study pairs with attention checks among them. */
export interface PlannedItem {
  /** A study pair id, `practice:PAIR`, `attention:K` (degraded) or `gold:ID`. */
  pairId: string;
  position: number;
  swapped: boolean;
  kind: ItemKind;
  /** The pair the item is made from (practice, degraded) or the gold pair's id; null for study pairs. */
  source: string | null;
  /** An attention check's right outcome from its first side ("win": the first dialogue is better). */
  expected: Outcome | null;
}

export interface ItemDialogues {
  first: readonly { speaker: string; text: string }[];
  second: readonly { speaker: string; text: string }[];
}

/**
 * An annotator's full order: the study's practice pairs (shuffled), then the study pairs in `annotatorPlan`'s
 * order with the attention checks (degraded pairs and the protocol's gold pairs) placed at random among them.
 * Everything is seeded by the study seed and the annotator's name.
 */
export function protocolPlan(study: Pick<Study, "seed" | "pairs" | "practice">, protocol: Pick<Protocol, "attention">, annotator: string): PlannedItem[] {
  const name = normalizeAnnotatorName(annotator);
  const random = keyedRandom("annotate-protocol", study.seed, name);
  const practice: Omit<PlannedItem, "position">[] = random.shuffle(study.practice).map((pair) => ({
    pairId: `practice:${pair.pairId}`,
    swapped: random.next() < 0.5,
    kind: "practice",
    source: pair.pairId,
    expected: null,
  }));
  const sources = random.shuffle(study.pairs.map((pair) => pair.pairId));
  const checks: Omit<PlannedItem, "position">[] = [
    ...Array.from({ length: protocol.attention.degraded }, (_, index) => ({
      pairId: `attention:${index + 1}`,
      swapped: random.next() < 0.5,
      kind: "attention" as const,
      source: sources[index % sources.length],
      expected: "win" as const,
    })),
    ...protocol.attention.gold.map((gold) => ({
      pairId: `gold:${gold.id}`,
      swapped: random.next() < 0.5,
      kind: "attention" as const,
      source: gold.id,
      expected: ({ first: "win", second: "loss", tie: "tie" } as const)[gold.answer],
    })),
  ];
  const main: Omit<PlannedItem, "position">[] = annotatorPlan(study, name).map((entry) => ({ pairId: entry.pairId, swapped: entry.swapped, kind: "study", source: null, expected: null }));
  // Attention checks go to random slots of the combined order (never first, so the study does not open with one).
  const slots = new Set(random.shuffle(Array.from({ length: main.length + checks.length - 1 }, (_, index) => index + 1)).slice(0, checks.length));
  const combined: Omit<PlannedItem, "position">[] = [];
  let check = 0;
  let pair = 0;
  for (let index = 0; index < main.length + checks.length; index++) combined.push(slots.has(index) ? checks[check++] : main[pair++]);
  return [...practice, ...combined].map((item, position) => ({ ...item, position }));
}

/** The two dialogues of a planned item ("first": the with-persona side, the intact side, or the gold first). */
export function itemDialogues(study: Pick<Study, "pairs" | "practice">, protocol: Pick<Protocol, "attention">, item: PlannedItem): ItemDialogues {
  const pairOf = (id: string | null) => [...study.pairs, ...study.practice].find((pair) => pair.pairId === id);
  if (item.kind === "study" || item.kind === "practice") {
    const pair = pairOf(item.kind === "study" ? item.pairId : item.source);
    if (!pair) throw new Error(`no pair ${item.pairId} in the study`);
    return { first: pair.first.turns, second: pair.second.turns };
  }
  if (item.pairId.startsWith("gold:")) {
    const gold = protocol.attention.gold.find((entry) => entry.id === item.source);
    if (!gold) throw new Error(`gold pair ${item.source} is no longer in protocol.json`);
    return { first: gold.first, second: gold.second };
  }
  const pair = pairOf(item.source);
  if (!pair) throw new Error(`no pair ${item.source} in the study`);
  const intact = pair.first.turns;
  return { first: intact, second: degradeTurns(intact, protocol.attention.degradedSentence) };
}

/** A dialogue whose supporter says nothing but one off-topic sentence: the other side is clearly better. */
export function degradeTurns(turns: readonly { speaker: string; text: string }[], sentence: string): { speaker: string; text: string }[] {
  return turns.map((turn) => (turn.speaker.toLowerCase() === "supporter" ? { speaker: turn.speaker, text: sentence } : { ...turn }));
}
