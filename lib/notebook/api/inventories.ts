// pt.inventories: the questionnaires the personas answer (inventory files in the documented JSON format).
export { loadInventory, loadStandardInventory } from "../../inventory/load-inventory";
export { writeAnswerFiles } from "../../reports/psychometrics-analysis";
