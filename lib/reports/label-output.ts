import type { AnalysisOutput } from "./analysis-output";

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

export interface LabelOptions {
  /** Where the label goes in file names: "prefix" (`omniscient-rq3-pairwise`) or "suffix" (default: `rq3-pairwise-gpt-4o-mini`). */
  position?: "prefix" | "suffix";
}

/**
 * One run's tables, figures and documents labelled for a side-by-side output (several models, or both generation
 * modes): the label in every title, "(label)", and in every file name, so two runs never write the same file.
 */
export function labelOutput(output: Pick<AnalysisOutput, "tables" | "figures" | "documents">, label: string, options: LabelOptions = {}): Pick<AnalysisOutput, "tables" | "figures" | "documents"> {
  const tag = slug(label);
  const name = (base: string) => (options.position === "prefix" ? `${tag}-${base}` : `${base}-${tag}`);
  return {
    tables: output.tables.map((table) => ({ ...table, title: `${table.title} (${label})`, name: name(table.name ?? slug(table.title)) })),
    figures: output.figures.map((figure) => ({
      name: name(figure.name),
      spec: { ...figure.spec, layout: { ...figure.spec.layout, title: { ...figure.spec.layout.title, text: `${figure.spec.layout.title.text} (${label})` } } },
    })),
    documents: output.documents.map((document) => ({ ...document, name: name(document.name) })),
  };
}
