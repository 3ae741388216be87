import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { domainOf } from "../analysis/domains";
import { variantDifferenceChart } from "../charts/variant-difference";
import { DataError } from "../errors";
import { parseScoreColumn } from "../inventory/score-columns";
import type { VariantRecord } from "../prompts/prompt-variant";
import { bootstrapPercentile } from "../stats/bootstrap";
import { mean } from "../stats/descriptive";
import { pairedShift } from "../stats/paired-shift";
import { pearson } from "../stats/pearson";
import { wilcoxonSignedRank } from "../stats/wilcoxon";
import { formatFixed, formatP } from "../tables/format";
import type { Table } from "../tables/table";
import { scoreColumnsOf, type NamedFigure } from "./analysis-output";

/** What a comparison needs of an analysis: an AnalysisOutput, or an export folder read by loadAnalysisFolder. */
export interface ComparableAnalysis {
  question: string;
  simulated: boolean;
  model?: string;
  scores: readonly Record<string, unknown>[];
  summary: Record<string, unknown>;
  variant?: VariantRecord;
}

export interface DomainDifferenceRow {
  group: string;
  domain: string;
  n: number;
  meanA: number;
  meanB: number;
  /** Mean of B - A over personas measured by both. */
  difference: number;
  /** 95% t interval of the mean difference. */
  low: number;
  high: number;
  /** Paired Wilcoxon signed-rank test (two-sided). */
  p: number;
  /** Pearson r of A and B scores: how well the variant preserves the ranking of personas. */
  r: number;
}

export interface CorrelationChangeRow {
  group: string;
  hexaco: string;
  csi: string;
  n: number;
  rA: number;
  rB: number;
  change: number;
  /** 95% paired bootstrap interval of the change (personas resampled). */
  low: number;
  high: number;
}

export interface StrategyShareChangeRow {
  condition: string;
  strategy: string;
  shareA: number;
  shareB: number;
  /** B - A, in proportion points. */
  change: number;
}

export interface VariantComparison {
  question: string;
  simulated: boolean;
  a: VariantRecord | { name: string };
  b: VariantRecord | { name: string };
  domains: DomainDifferenceRow[];
  correlations: CorrelationChangeRow[];
  strategies: StrategyShareChangeRow[];
  tables: Table[];
  figures: NamedFigure[];
  summary: Record<string, unknown>;
}

function numberOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

function pairKey(row: Record<string, unknown>): string {
  return JSON.stringify([row.personaId ?? null, row.condition ?? null, row.dataset ?? null]);
}

/** Rows are grouped by dataset (RQ1), else by condition when there are several (RQ2), else one group. */
function groupOf(rows: readonly Record<string, unknown>[]): (row: Record<string, unknown>) => string {
  if (rows.some((row) => typeof row.dataset === "string" && row.dataset)) return (row) => String(row.dataset ?? "");
  const conditions = new Set(rows.map((row) => String(row.condition ?? "")));
  return conditions.size > 1 ? (row) => String(row.condition ?? "") : () => "all";
}

function nameOf(analysis: ComparableAnalysis, fallback: string): string {
  return analysis.variant?.name ?? fallback;
}

/**
 * Two prompt variants (or any two analyses of the same question) side by side, paired by persona: per domain the
 * mean score difference B - A with a 95% t interval and a paired Wilcoxon signed-rank test; the change of every
 * HEXACO x CSI correlation with a paired bootstrap interval; the change of every strategy share (RQ3). Tables
 * and a chart, all saying which variants (names, prompt hashes) were compared.
 */
export function compareVariants(a: ComparableAnalysis, b: ComparableAnalysis, options: { resamples?: number; seed?: number } = {}): VariantComparison {
  if (a.question !== b.question) throw new DataError(`cannot compare ${a.question} with ${b.question}: compare two analyses of the same question`);
  const nameA = nameOf(a, "A");
  const nameB = nameOf(b, nameA === "B" ? "B2" : "B");
  const simulated = a.simulated || b.simulated;
  const columns = scoreColumnsOf([...a.scores, ...b.scores]).filter((column) => scoreColumnsOf(a.scores).includes(column) && scoreColumnsOf(b.scores).includes(column));
  const byKey = new Map(b.scores.map((row) => [pairKey(row), row]));
  const pairs = a.scores.flatMap((row) => {
    const other = byKey.get(pairKey(row));
    return other ? [{ a: row, b: other }] : [];
  });
  if (pairs.length === 0) throw new DataError(`no persona is measured in both "${nameA}" and "${nameB}" (rows pair by personaId, condition and dataset)`);
  const group = groupOf(pairs.map((pair) => pair.a));
  const groups = [...new Set(pairs.map((pair) => group(pair.a)))];

  const domains: DomainDifferenceRow[] = [];
  for (const name of groups) {
    const members = pairs.filter((pair) => group(pair.a) === name);
    for (const column of columns) {
      const complete = members.flatMap((pair) => {
        const [x, y] = [numberOf(pair.a[column]), numberOf(pair.b[column])];
        return x === null || y === null ? [] : [{ x, y }];
      });
      const n = complete.length;
      const shift = pairedShift(complete.map((pair) => pair.x), complete.map((pair) => pair.y));
      const wilcoxon = n > 0 ? wilcoxonSignedRank(complete.map((pair) => pair.y), complete.map((pair) => pair.x)) : undefined;
      domains.push({
        group: name,
        domain: column,
        n,
        meanA: n ? mean(complete.map((pair) => pair.x)) : NaN,
        meanB: n ? mean(complete.map((pair) => pair.y)) : NaN,
        difference: shift.shift,
        low: shift.low,
        high: shift.high,
        p: wilcoxon ? wilcoxon.p : NaN,
        r: pearson(complete.map((pair) => pair.x), complete.map((pair) => pair.y)).r,
      });
    }
  }

  const hexaco = columns.filter((column) => parseScoreColumn(column)?.inventoryName.toUpperCase().includes("HEXACO"));
  const csi = columns.filter((column) => parseScoreColumn(column)?.inventoryName.toUpperCase().includes("CSI"));
  const correlations: CorrelationChangeRow[] = [];
  for (const name of groups) {
    const members = pairs.filter((pair) => group(pair.a) === name);
    const cells = hexaco.flatMap((row) => csi.map((column) => ({ row, column })));
    const changeOf = (sample: readonly (typeof members)[number][]) =>
      cells.map(({ row, column }) => {
        const rB = pearson(sample.map((pair) => numberOf(pair.b[row])), sample.map((pair) => numberOf(pair.b[column]))).r;
        const rA = pearson(sample.map((pair) => numberOf(pair.a[row])), sample.map((pair) => numberOf(pair.a[column]))).r;
        return rB - rA;
      });
    if (!cells.length || members.length < 4) continue;
    const intervals = bootstrapPercentile(members, changeOf, { resamples: options.resamples ?? 500, seed: options.seed ?? 1 });
    cells.forEach(({ row, column }, index) => {
      const rA = pearson(members.map((pair) => numberOf(pair.a[row])), members.map((pair) => numberOf(pair.a[column])));
      const rB = pearson(members.map((pair) => numberOf(pair.b[row])), members.map((pair) => numberOf(pair.b[column])));
      correlations.push({ group: name, hexaco: row, csi: column, n: Math.min(rA.n, rB.n), rA: rA.r, rB: rB.r, change: rB.r - rA.r, low: intervals[index].low, high: intervals[index].high });
    });
  }

  const strategies = strategyChanges(a.summary, b.summary);
  const versus = `"${nameB}" vs "${nameA}"`;
  // Each side by its variant's name, also in the labels of differences ("reworded - paper").
  const minus = `${nameB} - ${nameA}`;
  const label = (record: ComparableAnalysis["variant"], name: string) =>
    record
      ? `"${name}": ${Object.entries(record.prompts)
          .map(([id, prompt]) => `${id} ${prompt.version} (sha256 ${prompt.hash.slice(0, 12)})`)
          .join(", ")}`
      : `"${name}": prompts not recorded`;
  const notes = [`Variants: ${label(a.variant, nameA)}; ${label(b.variant, nameB)}.`, `Models: ${nameA} ${a.model ?? "?"}, ${nameB} ${b.model ?? "?"}.`];
  const question = a.question.toUpperCase();
  const tables: Table[] = [
    {
      name: `compare-${a.question}-domains`,
      title: `${question} prompt variant ${versus}: per-domain score differences (${minus}), paired by persona`,
      simulated,
      columns: [
        { key: "group", label: "group", align: "left" },
        { key: "domain", label: "domain", align: "left" },
        { key: "n", label: "n", align: "right" },
        { key: "meanA", label: `mean ${nameA}`, align: "right", format: (value) => formatFixed(value, 2) },
        { key: "meanB", label: `mean ${nameB}`, align: "right", format: (value) => formatFixed(value, 2) },
        { key: "difference", label: minus, align: "right", format: (value) => formatFixed(value, 3) },
        { key: "low", label: "95% CI low", align: "right", format: (value) => formatFixed(value, 3) },
        { key: "high", label: "95% CI high", align: "right", format: (value) => formatFixed(value, 3) },
        { key: "p", label: "Wilcoxon p", align: "right", format: formatP },
        { key: "r", label: `r(${nameA}, ${nameB})`, align: "right", format: (value) => formatFixed(value, 2) },
      ],
      rows: domains.map((row) => ({ ...row })),
      notes: [...notes, `CI: t interval of the mean paired difference; p: two-sided Wilcoxon signed-rank test (zero differences dropped); r(${nameA}, ${nameB}): Pearson correlation of the two variants' scores.`],
    },
  ];
  if (correlations.length) {
    tables.push({
      name: `compare-${a.question}-correlations`,
      title: `${question} prompt variant ${versus}: change of each HEXACO x CSI correlation (${minus})`,
      simulated,
      columns: [
        { key: "group", label: "group", align: "left" },
        { key: "hexaco", label: "HEXACO", align: "left", format: (value) => domainOf(String(value)) },
        { key: "csi", label: "CSI", align: "left", format: (value) => domainOf(String(value)) },
        { key: "n", label: "n", align: "right" },
        { key: "rA", label: `r ${nameA}`, align: "right", format: (value) => formatFixed(value, 2) },
        { key: "rB", label: `r ${nameB}`, align: "right", format: (value) => formatFixed(value, 2) },
        { key: "change", label: "change", align: "right", format: (value) => formatFixed(value, 3) },
        { key: "low", label: "95% CI low", align: "right", format: (value) => formatFixed(value, 3) },
        { key: "high", label: "95% CI high", align: "right", format: (value) => formatFixed(value, 3) },
      ],
      rows: correlations.map((row) => ({ ...row })),
      notes: [...notes, `CI: percentile bootstrap over personas (${options.resamples ?? 500} resamples, seed ${options.seed ?? 1}), both variants resampled together.`],
    });
  }
  if (strategies.length) {
    tables.push({
      name: `compare-${a.question}-strategies`,
      title: `${question} prompt variant ${versus}: change of strategy shares (${minus})`,
      simulated,
      columns: [
        { key: "condition", label: "condition", align: "left" },
        { key: "strategy", label: "strategy", align: "left" },
        { key: "shareA", label: `share ${nameA}`, align: "right", format: (value) => formatFixed(value, 3) },
        { key: "shareB", label: `share ${nameB}`, align: "right", format: (value) => formatFixed(value, 3) },
        { key: "change", label: "change", align: "right", format: (value) => formatFixed(value, 3) },
      ],
      rows: strategies.map((row) => ({ ...row })),
      notes,
    });
  }
  const figures: NamedFigure[] = [
    {
      name: `compare-${a.question}-domains`,
      spec: variantDifferenceChart({
        dimensions: columns.map((column) => `${parseScoreColumn(column)?.inventoryName.toUpperCase().includes("CSI") ? "CSI " : ""}${domainOf(column)}`),
        series: groups.map((name) => {
          const rows = columns.map((column) => domains.find((row) => row.group === name && row.domain === column));
          const finite = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? null : value);
          return {
            name: name === "all" ? `${nameB} - ${nameA}` : name,
            difference: rows.map((row) => finite(row?.difference)),
            low: rows.map((row) => finite(row?.low)),
            high: rows.map((row) => finite(row?.high)),
            significant: rows.map((row) => (row?.p ?? 1) < 0.05),
          };
        }),
        title: `${question}: score change, prompt variant "${nameB}" minus "${nameA}"`,
        simulated,
        xTitle: "Domain (HEXACO, then CSI)",
        yTitle: `Score difference (${minus}), 95% CI`,
      }),
    },
  ];
  const summary = {
    question: a.question,
    simulated,
    a: a.variant ?? { name: nameA },
    b: b.variant ?? { name: nameB },
    models: { a: a.model ?? null, b: b.model ?? null },
    pairs: pairs.length,
    domains,
    correlations,
    strategies,
  };
  return { question: a.question, simulated, a: summary.a, b: summary.b, domains, correlations, strategies, tables, figures, summary };
}

function sharesOf(summary: Record<string, unknown>): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  const conditions = Array.isArray(summary.conditions) ? summary.conditions : [];
  for (const entry of conditions as Array<{ condition?: unknown; shares?: Record<string, { share?: unknown }> }>) {
    if (typeof entry?.condition !== "string" || !entry.shares) continue;
    const shares = new Map<string, number>();
    for (const [strategy, value] of Object.entries(entry.shares)) {
      const share = numberOf(value?.share);
      if (share !== null) shares.set(strategy, share);
    }
    result.set(entry.condition, shares);
  }
  return result;
}

function strategyChanges(a: Record<string, unknown>, b: Record<string, unknown>): StrategyShareChangeRow[] {
  const [sharesA, sharesB] = [sharesOf(a), sharesOf(b)];
  const rows: StrategyShareChangeRow[] = [];
  for (const [condition, sharesOfA] of sharesA) {
    const sharesOfB = sharesB.get(condition);
    if (!sharesOfB) continue;
    for (const [strategy, shareA] of sharesOfA) {
      const shareB = sharesOfB.get(strategy);
      if (shareB === undefined) continue;
      rows.push({ condition, strategy, shareA, shareB, change: shareB - shareA });
    }
  }
  return rows;
}

/** An export folder (summary.json + scores.csv, as `analyze` writes them) as something compareVariants takes. */
export function loadAnalysisFolder(directory: string): ComparableAnalysis {
  const summaryPath = join(directory, "summary.json");
  const scoresPath = join(directory, "scores.csv");
  for (const path of [summaryPath, scoresPath]) {
    if (!existsSync(path)) throw new DataError(`${path} not found: give a folder written by "persona-talks analyze"`, { file: path });
  }
  let summary: Record<string, unknown>;
  try {
    summary = JSON.parse(readFileSync(summaryPath, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new DataError(`${summaryPath} is not valid JSON: ${(error as Error).message}`, { file: summaryPath });
  }
  // Older exports put a "# SIMULATED ..." line above the header.
  const text = readFileSync(scoresPath, "utf8")
    .split(/\r?\n/)
    .filter((line, index, lines) => !(line.startsWith("#") && lines.slice(0, index).every((earlier) => earlier.startsWith("#"))))
    .join("\n");
  const scores = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, unknown>[];
  const variant = summary.variant as VariantRecord | undefined;
  return {
    question: String(summary.question ?? ""),
    simulated: summary.simulated === true,
    model: typeof summary.model === "string" ? summary.model : undefined,
    scores,
    summary,
    variant: variant && typeof variant.name === "string" ? variant : { name: "paper", prompts: {} },
  };
}
