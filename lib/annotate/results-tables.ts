import type { Study } from "./study-file";
import { formatFixed, formatPercent } from "../tables/format";
import type { Table } from "../tables/table";
import { left, right } from "../tables/table";
import type { CriterionAgreement } from "./agreement";
import type { AnnotatorScreening } from "./exclusions";
import type { HumanLlmAgreement } from "./llm-agreement";
import type { Protocol } from "./protocol";

// The tables of `annotate results` beside Table 9: agreement, human vs LLM, and who was excluded and why.

const interval = (low: unknown, high: unknown) => `[${formatFixed(low, 2)}, ${formatFixed(high, 2)}]`;

export function sourceNote(study: Study): string[] {
  return [
    `Dialogues: ${study.pairs.length} with/without persona pairs from ${study.source} (${study.provider}:${study.model}), drawn with seed ${study.seed}.`,
    ...(study.simulated ? ["The dialogues judged were made by the offline sim provider (no language model was called); the judgements are the annotators'."] : []),
  ];
}

export function agreementTable(rows: readonly CriterionAgreement[], study: Study, options: { resamples: number; seed: number }): Table {
  return {
    name: "annotate-agreement",
    title: "Inter-annotator agreement per criterion (outcomes mapped back to with vs without persona)",
    columns: [
      left("criterion", "Criterion"),
      right("items", "pairs"),
      right("annotators", "annotators"),
      right("alpha", "Krippendorff alpha (ordinal)", (value) => formatFixed(value, 3)),
      right("alphaInterval", "95% CI"),
      right("fleissKappa", "Fleiss kappa", (value) => formatFixed(value, 3)),
      right("fleissInterval", "95% CI"),
      right("fleissItems", "pairs (Fleiss)"),
      right("fleissRaters", "judgements per pair (Fleiss)"),
      right("fleissExcluded", "pairs left out (Fleiss)"),
      right("percentAgreement", "pairwise agreement", (value) => formatPercent(value, 0)),
    ],
    rows: rows.map((row) => ({
      criterion: row.criterion,
      items: row.items,
      annotators: row.annotators,
      alpha: row.alpha,
      alphaInterval: interval(row.alphaInterval.low, row.alphaInterval.high),
      fleissKappa: row.fleissKappa,
      fleissInterval: interval(row.fleissInterval.low, row.fleissInterval.high),
      fleissItems: row.fleissItems,
      fleissRaters: row.fleissRaters,
      fleissExcluded: row.fleissExcluded,
      percentAgreement: row.percentAgreement,
    })),
    notes: [
      "Answers are mapped from left/right to the with-persona side before agreement (placement differs per annotator). Ordinal codes: loss < tie < win.",
      "Krippendorff's alpha uses every pair judged by two or more annotators (it handles unequal numbers natively). Fleiss' kappa needs the same number of judgements per pair: it uses the pairs with the most common number and leaves the others out (counted).",
      `95% CIs: percentile bootstrap over pairs, ${options.resamples} resamples, seed ${options.seed}. NA: too few judgements or no variation.`,
      ...sourceNote(study),
    ],
  };
}

export function llmAgreementTable(rows: readonly HumanLlmAgreement[], study: Study): Table {
  return {
    name: "annotate-human-vs-llm",
    title: "Human annotators vs the LLM judge per criterion",
    columns: [
      left("criterion", "Criterion"),
      left("judge", "LLM judge"),
      right("pairs", "pairs"),
      right("kappa", "Cohen kappa (LLM vs human majority)", (value) => formatFixed(value, 3)),
      right("majorityAgreement", "agreement with majority", (value) => formatPercent(value, 0)),
      right("judgementAgreement", "agreement with single judgements", (value) => formatPercent(value, 0)),
      right("tiedVotes", "pairs with a tied human vote"),
    ],
    rows: rows.map((row) => ({ ...row })),
    notes: ["Both sides are outcomes from the with-persona dialogue's side. Pairs whose human vote has no single most common outcome are left out of the kappa (counted).", ...sourceNote(study)],
  };
}

export function exclusionsTable(rows: readonly AnnotatorScreening[], protocol: Pick<Protocol, "exclusion" | "attention">, study: Study): Table {
  return {
    name: "annotate-exclusions",
    title: "Annotators screened by the protocol's exclusion rules",
    columns: [
      left("annotator", "Annotator"),
      right("judgements", "judgements"),
      right("checks", "attention checks"),
      right("failedChecks", "failed"),
      right("medianSecondsPerItem", "median s per pair", (value) => formatFixed(value, 1)),
      left("status", "status"),
      left("reason", "why"),
    ],
    rows: rows.map((row) => ({ ...row, status: row.excluded ? "excluded" : "kept" })),
    notes: [
      `Excluded: more than ${protocol.exclusion.maxFailedChecks} failed attention check(s) (scored on ${protocol.attention.criteria.join(", ")}), or a median time per pair under ${protocol.exclusion.minMedianSecondsPerItem} s (0: no time rule). Rules from protocol.json.`,
      "Excluded annotators' judgements are left out of Table 9, the agreement figures and human vs LLM; practice pairs never count.",
      `${rows.filter((row) => row.excluded).length} of ${rows.length} annotator(s) excluded.`,
      ...sourceNote(study),
    ],
  };
}
