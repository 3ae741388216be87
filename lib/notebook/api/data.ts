// pt.data: the datasets of the paper, persona cards from outside, and DataFrame column helpers.
export { loadEsconv } from "../../data/esconv";
export { loadCams } from "../../data/cams";
export { loadDreaddit } from "../../data/dreaddit";
export { loadPersonaHub } from "../../data/personahub";
export { importPersonaCards, formatCardMappingReport } from "../../data/import-persona-cards";
export { numericColumns, selectColumns } from "../../tables/frame-statistics";
