import { alignmentShares, factorShifts, gStudyByColumn, isNegativeEstimate, rankStability, type AlignmentShareRow, type FactorShiftRow, type GridFacet, type GStudyColumn, type RankStabilityRow } from "../../analysis/robustness-grid";
import { variantDifferenceChart } from "../../charts/variant-difference";
import { varianceComponentsChart } from "../../charts/variance-components-chart";
import { expectedPairs } from "../../inventory/expected-pairs";
import type { Inventory } from "../../inventory/inventory-schema";
import { inventoryId } from "../../inventory/load-inventory";
import { parseScoreColumn, scoreColumn } from "../../inventory/score-columns";
import type { AnalysisOutput, NamedFigure } from "../../reports/analysis-output";
import { runProvenance } from "../../reports/output-provenance";
import { checkRunOptions, type AnalysisRunOptions } from "../../reports/run-options";
import { applyVariant, type VariantOptions } from "../../reports/variant-provenance";
import { median } from "../../stats/descriptive";
import { alignmentShareTable, factorShiftTable, gridCellTable, gStudyTable, rankStabilityTable } from "../../tables/robustness-tables";
import type { Table } from "../../tables/table";
import { conditionName } from "../../pipeline/answer-condition";
import { conditionPromptId, conditionVariantRecord } from "../../prompts/condition-prompt";
import { RQ1_ABOUT } from "../rq1/about";
import { ROBUSTNESS_ABOUT } from "./about";
import { describeDesign, gridDesign, ITEM_ORDER_NOTE, type GridDesign, type GridOptions } from "./grid-design";
import { planRobustness } from "./grid-plan";
import { robustnessDatasets, robustnessInventories } from "./robustness-defaults";
import { runRobustnessGrid, type GridRun } from "./run-robustness";

export interface RobustnessAnalysisOptions extends AnalysisRunOptions, VariantOptions {
  /** Default: ESConv alone. */
  datasets?: readonly string[];
  /** Default: the paper's pair when both files are present, else IPIP-NEO-120 (robustness-defaults.ts). */
  inventories?: readonly (string | Inventory)[];
  /** Factors, levels, design, repeats, temperature, --max-calls (grid-design.ts). */
  grid?: GridOptions;
}

export interface RobustnessAnalysis extends AnalysisOutput {
  question: "robustness";
  design: GridDesign;
  grid: GridRun;
  shifts: FactorShiftRow[];
  stability: RankStabilityRow[];
  gStudies: GStudyColumn[];
  /** Undefined when the inventories have no expected pairs (e.g. IPIP-NEO-120 alone): alignment is not applicable. */
  alignment?: AlignmentShareRow[];
}

/**
 * The facets of the G study beside persona: every factor of a full design; in a half fraction the fractioned
 * two-level factors together as one facet (its runs), crossed with the other factors.
 */
export function gridFacets(design: GridDesign): GridFacet[] {
  const fractioned = new Set(design.half?.factors ?? []);
  const facets: GridFacet[] = [];
  if (design.half) {
    const runs = [...new Set(design.cells.map((cell) => design.half!.factors.map((factor) => cell.levels[factor]).join("+")))];
    facets.push({ name: `fraction run (${design.half.factors.join(", ")})`, size: runs.length, levelOf: (cell) => runs.indexOf(design.half!.factors.map((factor) => cell.levels[factor]).join("+")) });
  }
  for (const choice of design.factors) {
    if (fractioned.has(choice.factor)) continue;
    facets.push({ name: choice.factor, size: choice.levels.length, levelOf: (cell) => choice.levels.indexOf(cell.levels[choice.factor]) });
  }
  return facets;
}

const label = (column: string) => parseScoreColumn(column)?.domain ?? column;
const finite = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(6)) : null);

/**
 * The robustness grid: RQ1's personas answered under every cell of the chosen design (through the cache; the paper
 * cell is the ordinary run), then per factor and domain the mean shift with its 95% CI, the rank-order stability of
 * the persona scores against the reference cell, a G study per domain and, with two paired inventories, the share
 * of cells in which each expected pair is aligned.
 */
export async function analyzeRobustness(options: RobustnessAnalysisOptions): Promise<RobustnessAnalysis> {
  checkRunOptions(options, "analyzeRobustness", ["datasets", "inventories", "grid"]);
  const design = gridDesign(options.grid);
  const datasets = robustnessDatasets(options.datasets);
  const inventories = robustnessInventories(options.inventories);
  // A condition without templates in an inventory's language stops here, before the paper cell is paid for.
  for (const condition of design.conditions) for (const inventory of inventories) conditionPromptId(condition, inventory.language);
  // --max-calls is checked on the whole plan before anything is sent.
  if (options.grid?.maxCalls !== undefined) await planRobustness({ context: options.context, n: options.n, seed: options.seed, datasets, inventories, promptOverrides: options.promptOverrides, grid: options.grid });
  options.onStep?.(`Robustness grid: ${describeDesign(design)}`);
  const grid = await runRobustnessGrid({ ...options, datasets, inventories, design });
  const simulated = options.context.simulated;
  const table = grid.table;
  const factors = design.factors.map((choice) => ({ factor: choice.factor, levels: choice.levels }));
  const shifts = factorShifts(table, factors);
  const stability = rankStability(table, 0);
  const gStudies = gStudyByColumn(table, gridFacets(design));
  const pairs = inventories.length >= 2 ? expectedPairs(inventories[0], inventories[1]) : undefined;
  const alignment =
    pairs && pairs.pairs.length
      ? alignmentShares(
          table,
          pairs.pairs.map((pair) => ({ row: scoreColumn(pairs.rows.name, pair.row), column: scoreColumn(pairs.columns.name, pair.column) })),
          pairs.columns.columns,
          0,
        )
      : undefined;

  const designNotes = [
    `Design: ${describeDesign(design)}.`,
    ...(design.half ? [`Half fraction: ${design.half.definingRelation}; aliases ${design.half.aliases.join("; ")}. A main effect is estimated together with its alias; interactions of the fractioned factors are not separable.`] : []),
    ...(design.repeats > 1 ? [`Repeats: ${design.repeats} samples per statement at temperature ${design.temperature} (sample index in the cache key).`] : []),
    ...(design.factors.some((choice) => choice.factor === "itemOrder") ? [`${ITEM_ORDER_NOTE[0].toUpperCase()}${ITEM_ORDER_NOTE.slice(1)}.`] : []),
    `Reference cell: ${design.reference.name} (every factor at its first level${design.reference.conditionName === "paper" ? ": the paper's condition, the ordinary run" : ""}).`,
  ];
  const tables: Table[] = [
    gridCellTable(table.cells, design.factors.map((choice) => choice.factor), grid.answerCounts, designNotes, { simulated }),
    factorShiftTable(shifts, design.half ? [`In the half fraction each shift is aliased: ${design.half.aliases.join("; ")}.`] : [], { simulated }),
    rankStabilityTable(stability, design.reference.name, { simulated }),
    gStudyTable(gStudies, { simulated }),
    ...(alignment && pairs ? [alignmentShareTable(alignment, { rows: pairs.rows.label, columns: pairs.columns.label }, { simulated })] : []),
  ];

  // One shift chart per inventory: a series per factor level, a point per domain.
  const figures: NamedFigure[] = inventories.map((inventory) => {
    const columns = table.columns.filter((column) => parseScoreColumn(column)?.inventoryName === inventory.name);
    const levels = [...new Map(shifts.map((row) => [`${row.factor}: ${row.level}`, row])).values()];
    return {
      name: `robustness-shifts-${inventoryId(inventory).replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`,
      spec: variantDifferenceChart({
        dimensions: columns.map(label),
        series: levels.map((level) => {
          const mine = columns.map((column) => shifts.find((row) => row.factor === level.factor && row.level === level.level && row.column === column));
          const value = (pick: (row: FactorShiftRow) => number) => mine.map((row) => (row && Number.isFinite(pick(row)) ? pick(row) : null));
          return { name: `${level.factor}: ${level.level}`, difference: value((row) => row.shift), low: value((row) => row.low), high: value((row) => row.high), significant: mine.map((row) => !!row && (row.low > 0 || row.high < 0)) };
        }),
        title: `${inventory.name}: score shift per factor level (${design.cells.length} cells, ${design.half ? "half fraction" : "full design"}, n = ${table.personas.length})`,
        simulated,
        yTitle: "Shift from reference, 95% CI",
        markerNote: "filled: 95% CI excludes 0",
      }),
    };
  });

  // The G study of every domain in one figure: persona, the conditions' shifts, their interactions, reordering.
  const studied = gStudies.filter((entry) => entry.study);
  if (studied.length) {
    const share = (entry: GStudyColumn, group: (facets: string[]) => boolean) => entry.study!.effects.filter((effect) => group(effect.facets)).reduce((sum, effect) => sum + effect.share, 0);
    const person = (facets: string[]) => facets.includes("persona");
    figures.push({
      name: "robustness-g-study",
      spec: varianceComponentsChart({
        domains: studied.map((entry) => `${parseScoreColumn(entry.column)?.inventoryName ?? ""}: ${label(entry.column)}`),
        groups: [
          { name: "persona", shares: studied.map((entry) => share(entry, (facets) => person(facets) && facets.length === 1)) },
          { name: "conditions (main effects)", shares: studied.map((entry) => share(entry, (facets) => !person(facets) && facets.length === 1)) },
          { name: "condition interactions", shares: studied.map((entry) => share(entry, (facets) => !person(facets) && facets.length > 1)) },
          { name: "persona x condition (with residual)", shares: studied.map((entry) => share(entry, (facets) => person(facets) && facets.length > 1)) },
        ],
        title: `G study per domain: shares of the score variance (n = ${table.personas.length})`,
        simulated,
      }),
    });
  }

  const scores = table.cells.flatMap((cell, c) =>
    table.personas.map((personaId, p) => ({
      personaId,
      condition: cell.name,
      ...Object.fromEntries(table.columns.map((column, k) => [column, finite(table.values[c][p][k])])),
      provider: options.context.model.provider,
      model: options.context.model.model,
      simulated,
    })),
  );
  const output: RobustnessAnalysis = {
    question: "robustness",
    simulated,
    provider: options.context.model.provider,
    model: options.context.model.model,
    scores,
    tables,
    figures,
    documents: [],
    summary: {
      n: options.n,
      seed: options.seed ?? 1,
      datasets,
      inventories: inventories.map(inventoryId),
      personas: table.personas.length,
      design: {
        kind: design.kind,
        description: describeDesign(design),
        factors: design.factors,
        cells: design.cells.map((cell) => cell.name),
        conditions: design.conditions.map(conditionName),
        repeats: design.repeats,
        temperature: design.temperature,
        reference: design.reference.name,
        ...(design.half ? { half: design.half } : {}),
      },
      // Every condition is a variant too (lib/prompts/condition-prompt.ts): its name and every prompt in force.
      conditionVariants: design.conditions.map((condition) =>
        conditionVariantRecord(condition, { prompts: RQ1_ABOUT.prompts, languages: inventories.map((inventory) => inventory.language), variant: options.variant, overrides: options.promptOverrides }),
      ),
      conditionPrompts: grid.prompts,
      answers: {
        total: grid.answerCounts.reduce((sum, row) => sum + row.answers, 0),
        invalid: grid.answerCounts.reduce((sum, row) => sum + row.invalid, 0),
        missing: grid.answerCounts.reduce((sum, row) => sum + row.missing, 0),
      },
      shifts: shifts.map((row) => ({ factor: row.factor, level: row.level, reference: row.reference, column: row.column, shift: finite(row.shift), low: finite(row.low), high: finite(row.high), n: row.n })),
      rankStability: Object.fromEntries(
        table.columns.map((column) => {
          const rhos = stability.filter((row) => row.column === column && Number.isFinite(row.rho)).map((row) => row.rho);
          return [column, { median: rhos.length ? finite(median(rhos)) : null, min: rhos.length ? finite(Math.min(...rhos)) : null, cells: rhos.length }];
        }),
      ),
      gStudy: Object.fromEntries(
        gStudies.map((entry) => [
          entry.column,
          entry.study
            ? { personas: entry.personas, dropped: entry.dropped, components: Object.fromEntries(entry.study.effects.map((effect) => [effect.name, { variance: finite(effect.variance), share: finite(effect.share), ...(isNegativeEstimate(effect, entry.study!) ? { negativeSetToZero: true, unconstrained: finite(effect.unconstrained) } : {}) }])) }
            : { personas: entry.personas, dropped: entry.dropped, components: null },
        ]),
      ),
      alignment: alignment
        ? alignment.map((row) => ({ row: row.row, column: row.column, aligned: row.aligned, cells: row.cells, share: finite(row.share), alignedInReference: row.alignedInReference }))
        : `not applicable: ${inventories.length < 2 ? "one inventory" : `no expected pairs for ${inventories[0].name} x ${inventories[1].name}`} (give two paired inventories, e.g. --inventory hexaco60 --inventory ipip-neo-120)`,
    },
    design,
    grid,
    shifts,
    stability,
    gStudies,
    ...(alignment ? { alignment } : {}),
    provenance: runProvenance(ROBUSTNESS_ABOUT, options),
  };
  return applyVariant(output, options, ROBUSTNESS_ABOUT.prompts);
}
