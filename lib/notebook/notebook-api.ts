// `pt`, the notebook API: everything a notebook cell calls, in one module (at most 40 names, see
// docs/notebook-api.md, generated from this file by `npm run docs:api`). notebooks/persona-talks.cjs bundles this
// file (esbuild, CommonJS) because tslab type-checks imported library files without `strict`, which the library
// needs. Scripts and tests import from the library's folders instead; plumbing stays there.

// Session and stages: one session per notebook, one stage per cell, each stage's table typed.
export { session, type NotebookSession, type SessionOptions, type StageCallOptions } from "./notebook-session";
export { analysisConfig, type AnalysisConfig } from "../reports/analysis-config";
export { estimateText } from "./session";
export type { Answers, AnnotatedDialogues, ContinuedDialogues, Dialogues, ExpandedPersonas, ExtractedCards, FilteredCards, Histories, ReextractedPersonas, Scores, StageTable, TraitDescriptions } from "./stage-types";

// Questions: the whole analysis of a question (its stages come from the cache after the stage cells).
export { dataOverview, analyzeRq1, analyzeRq2, analyzeRq3, analyzePsychometrics, analyzeRobustness, analyzeRq1Models, compareRq3Modes, besideThePaper, loadAnalysisFolder } from "./questions";
export { studyOverview } from "../annotate/study-overview";

// Data: tables as danfojs DataFrames.
/** The datasets of the paper, persona cards from outside, and DataFrame column helpers. */
export * as data from "./api/data";
export { toDataFrame, type ToDataFrameOptions, type FrameInput } from "../tables/data-frame";
export { score } from "./explore";

// Show: inline outputs of a cell.
export { show, type ShowOptions } from "./show";
export { showTables, showFigures, showNote } from "./display";

// Statistics.
export { describeFrame as describe, groupMean } from "../tables/frame-statistics";
export { corr, type Correlations, type CorrOptions } from "./explore";
export { compare } from "./variants";
/** The statistics behind the tables, for arrays of numbers. */
export * as stats from "./api/stats";

// Charts and export: figures for print, tables and whole analyses to files.
/** The paper's chart builders (Plotly figure specs). */
export * as charts from "./api/charts";
export { exportFigure, sizes, type ExportFigureOptions, type ExportedFigure, type FigureSize } from "../export";
export { exportAnalysis, outputDirectory, type ExportAnalysisOptions } from "./session";
export { writeTables } from "../tables/write-tables";

// Prompts and variants.
export { variant, type NotebookVariant } from "./variants";
/** The prompt templates: list, render, override, edit. */
export * as prompts from "./api/prompts";
export { promptTable } from "./questions";

// Models.
export { openModels } from "../questions/shared/analyze-models";

// Inventories.
/** The questionnaires the personas answer. */
export * as inventories from "./api/inventories";

// The RQ3 strategy classifier.
/** The RQ3 strategy classifier. */
export * as classifier from "./api/classifier";

// Not a name of `pt`: loaded with it, so that in a tslab kernel Jupyter's Interrupt stops the model calls.
import "./kernel-interrupt";
