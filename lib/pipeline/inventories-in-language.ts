import { loadInventories, type InventoryChoice } from "../inventory/load-inventory";
import { answerPromptId } from "../prompts/answer-language";

/**
 * The inventories to answer, with a language applied (CLI `--language`, notebook session `language`): without one
 * the choices as given; with one, checked before anything is sent (an unknown or incompletely translated language,
 * no inventory from a package, or a language without answer templates: one line, exit 2) and loaded in it.
 */
export function inventoriesInLanguage(inventories: readonly InventoryChoice[] | undefined, language: string | undefined): InventoryChoice[] | undefined {
  if (language === undefined) return inventories ? [...inventories] : undefined;
  const loaded = loadInventories(inventories ?? [], { language });
  answerPromptId(language);
  return loaded;
}
