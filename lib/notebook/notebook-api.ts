// Everything the notebooks call, in one module: notebooks/persona-talks.cjs bundles this file (esbuild, CommonJS)
// because tslab type-checks imported library files without `strict`, which the library needs.
export * from "../reports";
export * from "./display";
export * from "./session";
export { formatEvaluation } from "../classifier/report";
export { writeTables, toHtml, toMarkdown, toLatex, toCsv, toDataFrame } from "../tables";
export { SIMULATED_BANNER } from "../pipeline/pipeline-context";
export * as pipeline from "../pipeline";
export * as analysis from "../analysis";
export * as tables from "../tables";
export * as charts from "../charts";
export * as stats from "../stats";
export * as prompts from "../prompts";
export * as data from "../data";
export { exportFigure, sizes, type ExportFigureOptions, type ExportedFigure, type FigureSize } from "../export";
