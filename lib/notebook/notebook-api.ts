// Everything the notebooks call, in one module: notebooks/persona-talks.cjs bundles this file (esbuild, CommonJS)
// because tslab type-checks imported library files without `strict`, which the library needs.
export * from "../reports";
export * from "../questions";
export * from "./display";
export * from "./session";
export { session, type NotebookSession, type SessionOptions, type StageCallOptions } from "./notebook-session";
export { show, type ShowOptions } from "./show";
export { score, corr, type Correlations, type CorrOptions } from "./explore";
export { stageTables, stageCounts, parseStatus } from "./stage-view";
export { describeFrame as describe, groupMean, numericColumns, selectColumns, correlationFrame, columnKind } from "../tables/frame-statistics";
export { frameTable } from "../tables/frame-table";
export * from "./variants";
export { formatEvaluation } from "../classifier/report";
export { writeTables, toHtml, toMarkdown, toLatex, toCsv } from "../tables";
export { toDataFrame, type ToDataFrameOptions, type FrameInput } from "../tables/data-frame";
export { SIMULATED_BANNER } from "../pipeline/pipeline-context";
export * as pipeline from "../pipeline";
export * as analysis from "../analysis";
export * as tables from "../tables";
export * as charts from "../charts";
export * as stats from "../stats";
export * as psychometrics from "../psychometrics";
export * as prompts from "../prompts";
export * as data from "../data";
export * as annotate from "../annotate";
export { importPersonaCards, parseOutsidePersonaCards, formatCardMappingReport } from "../data/import-persona-cards";
export { exportFigure, sizes, type ExportFigureOptions, type ExportedFigure, type FigureSize } from "../export";
