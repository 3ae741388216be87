import type { Answer } from "../../inventory/answer";
import type { Inventory } from "../../inventory/inventory-schema";
import { scoreWideRow, wideScoreColumns } from "../../inventory/score-wide";
import type { ScoringOptions } from "../../inventory/score-inventory";
import { conditionName, isPaperCondition, type AnswerCondition } from "../../pipeline/answer-condition";
import { answerInventory, type AnswerInventoryOptions, type AnswerRow } from "../../pipeline/stages/answer-inventory";
import { datasetLabel, pipelineOptions, type AnalysisRunOptions } from "../../reports/run-options";
import type { GridScoreTable } from "../../analysis/robustness-grid";
import { runRq1, type Rq1Result } from "../rq1/run-rq1";
import type { GridDesign } from "./grid-design";

/** The prompt in force for one condition (the answer template: the paper's or a paraphrase). */
export interface ConditionPrompt {
  condition: string;
  id: string;
  version: string;
  hash: string;
}

export interface GridRun {
  /** The ordinary RQ1 runs (one per dataset): personas, their trait sentences and the paper cell's answers. */
  runs: Rq1Result[];
  /** Domain scores per cell x persona x column. */
  table: GridScoreTable;
  /** Per cell: answers that could not be read (kept invalid, never imputed) and calls without an answer. */
  answerCounts: Array<{ cell: string; answers: number; invalid: number; missing: number }>;
  prompts: ConditionPrompt[];
}

/**
 * Runs the grid through the cache: per dataset the ordinary RQ1 run (the paper cell: extraction, filter, traits,
 * answers with `repeats` samples at `temperature`; the same cache keys as `analyze rq1`/`psychometrics`), then the
 * answer stage once per other condition of the design, for the same personas. Only the domain scores of each
 * cell are kept (not the answer rows), so a large grid does not hold every answer in memory.
 */
export async function runRobustnessGrid(
  options: AnalysisRunOptions & { datasets: readonly string[]; inventories: readonly Inventory[]; design: GridDesign; scoring?: ScoringOptions },
): Promise<GridRun> {
  const { design, inventories } = options;
  const columns = wideScoreColumns(inventories);
  const cellIndex = new Map(design.cells.map((cell, index) => [`${cell.conditionName}~${cell.sample}`, index]));
  const personas: string[] = [];
  const personaIndex = new Map<string, number>();
  const values: number[][][] = design.cells.map(() => []);
  const counts = design.cells.map((cell) => ({ cell: cell.name, answers: 0, invalid: 0, missing: 0 }));
  const prompts = new Map<string, ConditionPrompt>();
  const runs: Rq1Result[] = [];
  // Persona ids name their dataset ("esconv:train:12"); any other id is prefixed when several datasets are pooled.
  const several = options.datasets.length > 1;
  const personaKey = (dataset: string, personaId: string) => (several && !personaId.startsWith(`${dataset}:`) ? `${dataset}/${personaId}` : personaId);

  const take = (dataset: string, condition: AnswerCondition, rows: readonly AnswerRow[], order: readonly string[]) => {
    const name = conditionName(condition);
    const byCell = new Map<number, Map<string, Map<string, Map<number, Answer>>>>();
    for (const row of rows) {
      const cell = cellIndex.get(`${name}~${row.sample ?? 0}`);
      if (cell === undefined) continue;
      const count = counts[cell];
      count.answers += 1;
      if (row.answer === null) {
        if (row.raw !== null) count.invalid += 1;
        else count.missing += 1;
      }
      if (row.promptId) prompts.set(`${name}\u0000${row.promptId}`, { condition: name, id: row.promptId, version: String(row.promptVersion), hash: String(row.promptHash) });
      let persons = byCell.get(cell);
      if (!persons) byCell.set(cell, (persons = new Map()));
      let sheets = persons.get(row.personaId);
      if (!sheets) persons.set(row.personaId, (sheets = new Map()));
      let sheet = sheets.get(row.inventory);
      if (!sheet) sheets.set(row.inventory, (sheet = new Map()));
      // An unreadable answer is invalid with its text; a call that never returned text is missing.
      if (row.answer !== null) sheet.set(row.itemId, row.answer);
      else if (row.raw !== null) sheet.set(row.itemId, { invalid: true, raw: row.raw });
    }
    for (const [cell, persons] of byCell) {
      for (const personaId of order) {
        const sheets = persons.get(personaId);
        const parts = inventories.map((inventory) => ({ inventory, answers: sheets?.get(inventory.name) ?? new Map<number, Answer>() }));
        const { row } = scoreWideRow(personaId, parts, options.scoring ?? {});
        const p = personaIndex.get(personaKey(dataset, personaId))!;
        values[cell][p] = columns.map((column) => (typeof row[column] === "number" ? (row[column] as number) : Number.NaN));
      }
    }
  };

  for (const dataset of options.datasets) {
    options.onStep?.(`Robustness ${datasetLabel(dataset)}: persona cards, traits and the paper cell's answers (the ordinary run; n = ${options.n}, ${design.repeats} sample${design.repeats === 1 ? "" : "s"})`);
    const run = await runRq1({ ...pipelineOptions(options), dataset, n: options.n, inventories, samples: design.repeats, temperature: design.temperature });
    const order = run.answers.scores.map((row) => row.personaId);
    for (const personaId of order) {
      const key = personaKey(dataset, personaId);
      personaIndex.set(key, personas.length);
      personas.push(key);
    }
    take(dataset, { itemOrder: "paper", optionOrder: "paper", labels: "digits", wording: "paper" }, run.answers.rows, order);
    // Only what the analysis needs stays: the answers' rows of the paper cell are summarised above.
    runs.push(run);
    const others = design.conditions.filter((condition) => !isPaperCondition(condition));
    for (const [index, condition] of others.entries()) {
      options.onStep?.(`Robustness ${datasetLabel(dataset)}: condition ${index + 1}/${others.length} ${conditionName(condition)}`);
      const stage: AnswerInventoryOptions = { ...pipelineOptions(options), inventories, samples: design.repeats, temperature: design.temperature, condition };
      const answered = await answerInventory(run.personas, stage);
      take(dataset, condition, answered.rows, order);
    }
  }
  // A cell whose persona was never scored (a failed call for every statement) is NaN throughout.
  for (const cell of values) for (let p = 0; p < personas.length; p++) cell[p] ??= columns.map(() => Number.NaN);
  return {
    runs,
    table: { cells: design.cells.map((cell) => ({ name: cell.name, levels: cell.levels })), personas, columns, values },
    answerCounts: counts,
    prompts: [...prompts.values()],
  };
}
