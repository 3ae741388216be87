import { UsageError } from "../../errors";
import type { Answer } from "../../inventory/answer";
import type { Inventory } from "../../inventory/inventory-schema";
import { loadInventories } from "../../inventory/load-inventory";
import { scoreWideRow, wideScoreColumns } from "../../inventory/score-wide";
import type { ScoringOptions } from "../../inventory/score-inventory";
import type { Completion } from "../../llm/types";
import type { LikertAnswer } from "../../prompts/parse-answer";
import { conditionPromptId, conditionVariables, parseConditionAnswer } from "../../prompts/condition-prompt";
import { keyedRandom } from "../../random";
import { conditionName, PAPER_CONDITION, type AnswerCondition } from "../answer-condition";
import { type PersonaInput } from "../persona-identity";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows, toDataFrame } from "../table";
import type { StageOptions, StageResult, StageRowBase } from "../types";

/** One inventory statement answered for one persona. */
export type AnswerRow = StageRowBase & {
  personaId: string;
  inventory: string;
  itemId: number;
  domain: string;
  reversed: boolean;
  /** 1-5, or null when the answer was unreadable (its text stays in `raw`) or the call failed. */
  answer: number | null;
  /** Probability-weighted mean of the digits 1-5 in the answer token's top log-probabilities (only with logprobs). */
  expectedAnswer: number | null;
  /** Which repeated sample of the statement (0..samples-1; 0 is the paper's single answer). */
  sample: number;
  /** The answer condition (conditionName: "paper", "options-reversed", ...); `answer` is on the 1-5 agreement scale whatever it is. */
  condition: string;
};

/** One persona's domain scores: `personaId`, `<inventory>:<domain>` columns, answer counts. */
export type PersonaScoreRow = {
  personaId: string;
  invalidAnswers: number;
  missingAnswers: number;
  derivedFrom?: string | null;
  /** The persona's generation condition (RQ2/RQ3: "persona", "no-persona", ...), when it has one. */
  condition?: string | null;
  /** The answer condition the scores were measured under (conditionName; "paper" for the paper's prompt). */
  answerCondition: string;
  simulated: boolean;
  provider: string;
  model: string;
} & Record<string, string | number | boolean | null | undefined>;

export interface AnswerInventoryOptions extends StageOptions, ScoringOptions {
  /** The inventories answered, in order; default the paper's pair, HEXACO-60 and CSI from the data folder (loadInventories). */
  inventories?: readonly Inventory[];
  /** Ask for the top-5 log-probabilities and compute the expected answer where the provider gives them. */
  logprobs?: boolean;
  /** Answer every statement this many times (sample index in the cache key; test-retest stability); default 1. */
  samples?: number;
  /** Sampling temperature of the answers; default 0, as in the paper. */
  temperature?: number;
  /**
   * How the statements are put to the model (item order, option order, labels, wording); default PAPER_CONDITION,
   * whose requests are the paper's prompt byte for byte (lib/pipeline/answer-condition.ts).
   */
  condition?: AnswerCondition;
}

export interface AnswerInventoryResult extends StageResult<AnswerRow> {
  /** The wide score table, one row per persona. */
  scores: PersonaScoreRow[];
  /** `scores` as a DataFrame (built on first access). */
  readonly scoreFrame: import("danfojs-node").DataFrame;
  /** Score column names in order (`HEXACO-60:Honesty-Humility`, ..., `CSI:...`). */
  scoreColumns: string[];
}

/** The expected answer from the log-probabilities of the first token that is a digit 1-5; null without any. */
export function expectedAnswerFromLogprobs(completion: Completion | undefined): number | null {
  const tokens = completion?.logprobs;
  if (!tokens?.length) return null;
  const position = tokens.find((token) => /^[1-5]$/.test(token.token.trim()));
  if (!position) return null;
  let weight = 0;
  let total = 0;
  const seen = new Set<string>();
  for (const alternative of position.top.length ? position.top : [{ token: position.token, logprob: position.logprob }]) {
    const digit = alternative.token.trim();
    if (!/^[1-5]$/.test(digit) || seen.has(digit)) continue;
    seen.add(digit);
    const probability = Math.exp(alternative.logprob);
    weight += probability;
    total += probability * Number(digit);
  }
  return weight > 0 ? total / weight : null;
}

/** The inventories of `choices` (catalog ids, paths or loaded inventories); the paper's pair when none are given. */
export function standardInventories(choices: readonly (string | Inventory)[] = []): Inventory[] {
  return loadInventories(choices);
}

/**
 * The answer prompt (answer-statement.v1) asks for 1 to 5 and the parser reads a digit 1-5, so an inventory on
 * another scale cannot be answered with it: a UsageError naming the inventory, not answers silently off its scale.
 */
export function checkAnswerScale(inventories: readonly Inventory[]): void {
  for (const inventory of inventories) {
    if (inventory.scale.min !== 1 || inventory.scale.max !== 5) {
      throw new UsageError(
        `inventory "${inventory.name}" has a ${inventory.scale.min}-${inventory.scale.max} scale; the answer prompt (answer-statement) asks on a 1-5 scale, so only 1-5 inventories can be answered by a model (any scale can be scored: persona-talks score)`,
      );
    }
  }
}

/**
 * Figure 13: every statement of each inventory, one per prompt, temperature 0, for each persona (its
 * traitDescription when describeTraits has run, else its description). Answers are read robustly; an unreadable
 * one is retried once and otherwise kept invalid with its raw text. Then each persona is scored.
 */
export async function answerInventory(personas: readonly PersonaInput[] | unknown, options: AnswerInventoryOptions = {}): Promise<AnswerInventoryResult> {
  const stage = "answerInventory";
  const inventories = options.inventories ? [...options.inventories] : standardInventories();
  checkAnswerScale(inventories);
  const condition = options.condition ?? PAPER_CONDITION;
  const condName = conditionName(condition);
  // A language without answer templates (for this condition) stops here, before any call (one line, exit 2).
  for (const inventory of inventories) conditionPromptId(condition, inventory.language);
  const all = tableRows<PersonaInput & { status?: string; kept?: boolean | null }>(personas, "personas").filter(
    (persona) => persona.status !== "failed" && persona.kept !== false,
  );
  const chosen = sampleRows(all, options.n, options.seed ?? 1);
  return withContext(options, async (context) => {
    const samples = options.samples ?? 1;
    if (!Number.isInteger(samples) || samples < 1) throw new UsageError(`samples must be a whole number >= 1, got ${samples}`);
    type Asked = { inventory: Inventory; item: Inventory["items"][number] };
    const paperOrder: Asked[] = inventories.flatMap((inventory) => inventory.items.map((item) => ({ inventory, item })));
    // Shuffled item order: one order per persona, seeded by (seed, personaId), the same for every sample.
    const orderFor = (persona: PersonaInput): Asked[] =>
      condition.itemOrder === "shuffled" ? keyedRandom(options.seed ?? 1, "item-order", persona.id).shuffle(paperOrder) : paperOrder;
    const orders = new Map(chosen.map((persona) => [persona.id, orderFor(persona)]));
    const plan: Array<{ persona: PersonaInput; inventory: Inventory; item: Inventory["items"][number]; sample: number }> = [];
    // Sample 0 first and with the item id it always had, so that one sample re-uses an earlier run's cache.
    for (let sample = 0; sample < samples; sample++) {
      for (const persona of chosen) {
        for (const { inventory, item } of orders.get(persona.id) ?? paperOrder) plan.push({ persona, inventory, item, sample });
      }
    }
    const calls: StageCall<LikertAnswer>[] = plan.map(({ persona, inventory, item, sample }) => ({
      itemId: `${persona.id}/${inventory.name}#${item.id}${sample > 0 ? `~${sample}` : ""}`,
      promptId: conditionPromptId(condition, inventory.language),
      variables: {
        description: persona.traitDescription || persona.description,
        statement: item.text,
        ...conditionVariables(condition, inventory.language),
      },
      temperature: options.temperature ?? 0,
      topLogprobs: options.logprobs ? 5 : undefined,
      sampleIndex: sample > 0 ? sample : undefined,
      parse: (raw) => parseConditionAnswer(raw, condition, inventory.language),
    }));
    const result = await runStageCalls(stage, calls, options, context);
    const rows: AnswerRow[] = result.outcomes.map((outcome, index) => {
      const { persona, inventory, item, sample } = plan[index];
      return {
        personaId: persona.id,
        inventory: inventory.name,
        itemId: item.id,
        domain: item.domain,
        reversed: item.reversed,
        answer: outcome.value ?? null,
        expectedAnswer: options.logprobs ? expectedAnswerFromLogprobs(outcome.completion) : null,
        sample,
        condition: condName,
        ...rowBase(stage, context, [outcome]),
      };
    });

    const scoreColumns = wideScoreColumns(inventories);
    // Rows grouped by persona and inventory in one pass (a filter per persona is quadratic at paper scale).
    const byPersona = new Map<string, Map<string, AnswerRow[]>>();
    for (const row of rows) {
      if ((row.sample ?? 0) !== 0) continue;
      let mine = byPersona.get(row.personaId);
      if (!mine) byPersona.set(row.personaId, (mine = new Map()));
      let list = mine.get(row.inventory);
      if (!list) mine.set(row.inventory, (list = []));
      list.push(row);
    }
    const scores: PersonaScoreRow[] = result.outcomes.length
      ? chosen.map((persona) => {
          // Scores come from the first sample; the others are for stability (lib/psychometrics).
          const mine = byPersona.get(persona.id);
          const parts = inventories.map((inventory) => {
            const answers = new Map<number, Answer>();
            for (const row of mine?.get(inventory.name) ?? []) {
              // An unreadable answer is invalid with its text; a call that never returned text is missing.
              if (row.answer !== null) answers.set(row.itemId, row.answer);
              else if (row.raw !== null) answers.set(row.itemId, { invalid: true, raw: row.raw });
            }
            return { inventory, answers };
          });
          const { row } = scoreWideRow(persona.id, parts, options);
          const { respondent: _respondent, ...rest } = row;
          const scoreRow = { personaId: persona.id, ...rest } as PersonaScoreRow;
          if (persona.derivedFrom) scoreRow.derivedFrom = persona.derivedFrom;
          if (persona.condition) scoreRow.condition = persona.condition;
          scoreRow.answerCondition = condName;
          scoreRow.simulated = context.simulated;
          scoreRow.provider = context.model.provider;
          scoreRow.model = context.model.model;
          return scoreRow;
        })
      : [];
    let scoreFrame: ReturnType<typeof toDataFrame> | undefined;
    const stageOut = stageResult(stage, rows, result);
    Object.defineProperty(stageOut, "scoreFrame", { enumerable: false, get: () => (scoreFrame ??= toDataFrame(scores)) });
    return Object.assign(stageOut, { scores, scoreColumns }) as unknown as AnswerInventoryResult;
  });
}
