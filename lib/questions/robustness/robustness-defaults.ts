import { existsSync } from "node:fs";
import type { Inventory } from "../../inventory/inventory-schema";
import { standardInventoryPath, type InventoryChoice } from "../../inventory/load-inventory";
import { standardInventories } from "../../pipeline/stages/answer-inventory";

/** The grid's datasets: the ones chosen, else ESConv alone (the grid multiplies every answer by its cells). */
export function robustnessDatasets(datasets: readonly string[] | undefined): string[] {
  return datasets?.length ? [...datasets] : ["esconv"];
}

/**
 * The inventories a grid answers when none are chosen: the paper's pair (HEXACO-60, CSI) when both files are in
 * the data folder, else the open IPIP-NEO-120 alone (no licensed file needed; alignment is then not applicable).
 */
export function defaultRobustnessInventories(): InventoryChoice[] {
  return existsSync(standardInventoryPath("hexaco60")) && existsSync(standardInventoryPath("csi96")) ? ["hexaco60", "csi96"] : ["ipip-neo-120"];
}

/** The inventories of a grid run: the ones chosen, else defaultRobustnessInventories(). */
export function robustnessInventories(choices: readonly (string | Inventory)[] | undefined): Inventory[] {
  return standardInventories(choices?.length ? choices : defaultRobustnessInventories());
}
