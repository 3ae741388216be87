import { dialogueHistoryHtml, type DialogueHistoryTurn } from "../../charts/dialogue-history";
import { personaCardHtml, type PersonaCardFields, type PersonaCardScores } from "../../charts/persona-card";
import { parseScoreColumn } from "../../inventory/score-columns";
import { scoreColumnsOf, type NamedDocument } from "../../reports/analysis-output";

/** The domain scores of one score row (`HEXACO-60:Emotionality` ...), grouped by inventory in the row's column order. */
export function cardScores(row: Record<string, unknown> | undefined): PersonaCardScores[] {
  if (!row) return [];
  const byInventory = new Map<string, PersonaCardScores>();
  for (const column of scoreColumnsOf([row])) {
    const { inventoryName, domain } = parseScoreColumn(column)!;
    const value = row[column];
    const entry = byInventory.get(inventoryName) ?? { inventory: inventoryName, scores: [] };
    entry.scores.push({ domain, score: typeof value === "number" && Number.isFinite(value) ? value : null });
    byInventory.set(inventoryName, entry);
  }
  return [...byInventory.values()];
}

/** A persona card as a figure document (Figure 2; with scores, Figure 22), printed one column wide. */
export function personaCardDocument(name: string, card: PersonaCardFields, options: { title: string; simulated: boolean; scores?: readonly PersonaCardScores[] }): NamedDocument {
  return {
    name,
    kind: "personaCard",
    title: options.title,
    html: personaCardHtml({ card, title: options.title, simulated: options.simulated, scores: options.scores }),
  };
}

/** Turns a history figure shows at most; the rest are named in its title (the source is in the data folder). */
export const HISTORY_TURNS = 40;

/** A dialogue history as a figure document (Figure 23), printed the page width; at most HISTORY_TURNS turns. */
export function dialogueHistoryDocument(name: string, turns: readonly DialogueHistoryTurn[], options: { title: string; simulated: boolean }): NamedDocument {
  const shown = turns.slice(0, HISTORY_TURNS);
  const title = turns.length > shown.length ? `${options.title} (its first ${shown.length} of ${turns.length} turns)` : options.title;
  return { name, kind: "dialogueHistory", title, html: dialogueHistoryHtml({ turns: shown, title, simulated: options.simulated }) };
}
