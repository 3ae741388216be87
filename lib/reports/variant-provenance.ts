import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FigureSpec } from "../charts/figure-spec";
import { UsageError } from "../errors";
import { projectRoot } from "../paths";
import { PAPER_VARIANT, promptsColumn, variantRecord, type VariantRecord } from "../prompts/prompt-variant";
import type { Table } from "../tables/table";
import type { AnalysisOutput, NamedFigure } from "./analysis-output";

/**
 * Stamps an analysis with the prompt variant that made it: every score row (columns `variant` and `prompts`),
 * every table (a note naming every prompt's id, version and hash; the variant in the title unless it is the
 * paper's), every figure (a footnote), summary.json (`variant: { name, prompts: { id: { version, hash } } }`).
 */

/**
 * A copy of a figure spec carrying its prompt variant in `layout.meta.promptVariant`. Provenance (prompt ids,
 * versions and hashes) is not drawn inside the figure, where it would take print space and shrink below 7 pt:
 * writeAnalysis puts it in the figure's caption file (`<name>.caption.md`, see figureCaption).
 */
export function withVariantFootnote(spec: FigureSpec, record: VariantRecord): FigureSpec {
  return { ...spec, layout: { ...spec.layout, meta: { ...((spec.layout.meta as Record<string, unknown> | undefined) ?? {}), promptVariant: record } } };
}

/** A copy of a table with the variant in its notes (and title, unless the paper's prompts). */
export function withVariantCaption(table: Table, record: VariantRecord): Table {
  const prompts = Object.entries(record.prompts).map(([id, prompt]) => `${id} ${prompt.version} (sha256 ${prompt.hash.slice(0, 12)})`);
  return {
    ...table,
    title: record.name === PAPER_VARIANT ? table.title : `${table.title} [prompt variant "${record.name}"]`,
    notes: [...table.notes, `Prompt variant "${record.name}": ${prompts.join(", ")}.`],
  };
}

/** Figures no prompt made (the classifier's evaluation on ESConv's human labels): no variant footnote. */
const NOT_FROM_PROMPTS = new Set(["rq3-classifier-confusion-esconv"]);

export interface VariantOptions {
  /** The variant's name; default "paper" without overrides, else "custom-<hash>". */
  variant?: string;
  promptOverrides?: Record<string, string>;
}

/** The analysis stamped with its variant (a new object; the input is not changed); `prompts`: the question's prompt ids. */
export function applyVariant<Output extends AnalysisOutput>(output: Output, options: VariantOptions, prompts: readonly string[]): Output & { variant: VariantRecord } {
  const record = variantRecord({ name: options.variant, overrides: options.promptOverrides, prompts });
  const column = promptsColumn(record);
  return {
    ...output,
    variant: record,
    scores: output.scores.map((row) => ({ ...row, variant: record.name, prompts: column })),
    tables: output.tables.map((table) => withVariantCaption(table, record)),
    figures: output.figures.map((figure): NamedFigure => (NOT_FROM_PROMPTS.has(figure.name) ? figure : { ...figure, spec: withVariantFootnote(figure.spec, record) })),
    summary: { ...output.summary, variant: record },
  };
}

/** The default export folder of a variant's results: <project>/out/<question>/<variant> (PERSONA_TALKS_OUT overrides <project>/out). */
export function variantOutputDirectory(question: string, variant: string = PAPER_VARIANT): string {
  return join(process.env.PERSONA_TALKS_OUT ?? join(projectRoot(), "out"), question, variant);
}

/** The variant whose results a folder holds (its summary.json; "paper" for results written before variants existed), or undefined. */
export function variantInDirectory(directory: string): string | undefined {
  const path = join(directory, "summary.json");
  if (!existsSync(path)) return undefined;
  try {
    const summary = JSON.parse(readFileSync(path, "utf8")) as { variant?: { name?: unknown } };
    return typeof summary.variant?.name === "string" ? summary.variant.name : PAPER_VARIANT;
  } catch {
    return undefined;
  }
}

/** Variants never overwrite each other: a folder holding another variant's results is refused (UsageError). */
export function checkVariantDirectory(directory: string, record: VariantRecord): void {
  const found = variantInDirectory(directory);
  if (found !== undefined && found !== record.name) {
    throw new UsageError(
      `${directory} holds the results of prompt variant "${found}"; variants never overwrite each other: write variant "${record.name}" elsewhere (e.g. --out ${join("out", "<question>", record.name)}, the default without --out)`,
    );
  }
}
