import { STRATEGY_LABELS } from "../data/types";
import type { StrategyEvaluation } from "./evaluate";

function percent(value: number): string {
  return (100 * value).toFixed(1).padStart(5);
}

/** Short column names for the confusion matrix. */
const ABBREVIATIONS = ["Que", "Res", "Ref", "Sel", "Aff", "Sug", "Inf", "Oth"];

/** A plain-text report: headline metrics, per-class table, confusion matrix (rows = true labels). */
export function formatEvaluation(report: StrategyEvaluation): string {
  const lines = [
    `ESConv ${report.split} split, ${report.n} supporter turns`,
    `accuracy ${report.accuracy.toFixed(4)}   macro-F1 ${report.macroF1.toFixed(4)}   Cohen's kappa ${report.kappa.toFixed(4)}`,
    "",
    `${"strategy".padEnd(30)} precision recall    f1  support`,
  ];
  for (const label of STRATEGY_LABELS) {
    const metrics = report.perClass[label];
    lines.push(
      `${label.padEnd(30)} ${percent(metrics.precision)}%   ${percent(metrics.recall)}% ${percent(metrics.f1)}% ${String(metrics.support).padStart(8)}`,
    );
  }
  lines.push("", "confusion (rows = true, columns = predicted):", `${"".padEnd(5)}${ABBREVIATIONS.map((a) => a.padStart(6)).join("")}`);
  report.confusion.forEach((row, index) => {
    lines.push(`${ABBREVIATIONS[index].padEnd(5)}${row.map((count) => String(count).padStart(6)).join("")}`);
  });
  lines.push("", `(${ABBREVIATIONS.map((a, index) => `${a} = ${STRATEGY_LABELS[index]}`).join(", ")})`);
  return lines.join("\n");
}

