import { CSI_DOMAINS, SIM_CSI_NAME, SIM_HEXACO_NAME } from "./sim-truth";

/** An inventory item as the simulator sees it (no text). */
export interface SimItem {
  inventory: string;
  itemId: number | string;
  domain: string;
  reversed: boolean;
}

/**
 * A stand-in item design with the real inventories' shape: HEXACO-60 has 10 items per domain with the domain of
 * item n cycling O, C, A, X, E, H; CSI has 16 items per domain in blocks of 16. About a third of the items are
 * reversed. Pass the real items (id, domain, reversed) to expectedScoreCorrelation for the exact design.
 */
export function defaultSimItems(): SimItem[] {
  const hexacoCycle = ["Openness to Experience", "Conscientiousness", "Agreeableness", "Extraversion", "Emotionality", "Honesty-Humility"];
  const items: SimItem[] = [];
  for (let id = 1; id <= 60; id++) items.push({ inventory: SIM_HEXACO_NAME, itemId: id, domain: hexacoCycle[(id - 1) % 6], reversed: id % 3 === 0 });
  for (let id = 1; id <= 96; id++) items.push({ inventory: SIM_CSI_NAME, itemId: id, domain: CSI_DOMAINS[Math.floor((id - 1) / 16)], reversed: id % 4 === 0 });
  return items;
}

/** The simulator's view of a loaded inventory ({name, items: [{id, domain, reversed}]}), for expectedScoreCorrelation. */
export function simItemsFromInventory(inventory: { name: string; items: Array<{ id: number | string; domain: string; reversed: boolean }> }): SimItem[] {
  return inventory.items.map((item) => ({ inventory: inventory.name, itemId: item.id, domain: item.domain, reversed: item.reversed }));
}
