import type { Inventory } from "../../lib/inventory/inventory-schema";
import { CSI_DOMAINS, DERIVED_MARK, defaultSimItems, firstPerson, HEXACO_DOMAINS, SIM_CSI_NAME, SIM_HEXACO_NAME, type SimItem } from "../../lib/sim/index";

/** The made-up statement of a stand-in item (defaultSimItems): the simulator finds the item by this text. */
export function madeUpStatement(item: Pick<SimItem, "inventory" | "itemId">): string {
  return `Made-up statement ${item.inventory} ${item.itemId}.`;
}

/**
 * The stand-in item design of defaultSimItems as two inventories with made-up statements (no licensed item text),
 * named like the paper's, for createSimAdapter({ inventories }).
 */
export function madeUpSimInventories(): Inventory[] {
  const items = defaultSimItems();
  const inventory = (name: string, domains: readonly string[]): Inventory => ({
    name,
    scale: { min: 1, max: 5 },
    domains: [...domains],
    items: items
      .filter((item) => item.inventory === name)
      .map((item) => ({ id: Number(item.itemId), text: madeUpStatement(item), domain: item.domain, reversed: item.reversed })),
  });
  return [inventory(SIM_HEXACO_NAME, HEXACO_DOMAINS), inventory(SIM_CSI_NAME, CSI_DOMAINS)];
}

/** Simulator options for unit tests: the made-up inventories only (the data folder is not read). */
export const MADE_UP_INVENTORIES = { inventories: madeUpSimInventories(), readDataInventories: false } as const;

/**
 * The description of a card the simulator re-extracted from a dialogue it wrote for `origin` (what its
 * extract-persona-from-dialogue answer says): `text`, then how the seeker introduced themselves.
 */
export function derivedDescription(origin: string, text = "The person talks about their week."): string {
  return `${text} ${DERIVED_MARK} "${firstPerson(origin).replace(/"/g, "'")}"`;
}
