// pt.inventories: the questionnaires the personas answer (inventory files in the documented JSON format) and the
// expected pairs between two of them (pairing files, lib/inventory/pairings/).
export { loadInventory, loadInventories, loadStandardInventory } from "../../inventory/load-inventory";
export { knownInventoryIds } from "../../inventory/catalog";
export { expectedPairs } from "../../inventory/expected-pairs";
export { writeAnswerFiles } from "../../questions/psychometrics/psychometrics-analysis";
