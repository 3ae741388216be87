import { estimateRun, type RunEstimate } from "../llm/runner/estimate";
import type { ModelRequest } from "../llm/types";
import { formatDialogueHistory, formatDialogueTranscript } from "../prompts/format-dialogue";
import { renderPrompt } from "../prompts/render-prompt";
import { answerPromptId, isAnswerPromptId } from "../prompts/answer-language";
import { formatStrategyDefinitions } from "../prompts/strategy-definitions";
import { formatTraitDescriptions } from "../prompts/trait-descriptions";
import type { Dialogue } from "../data/types";
import type { Inventory } from "../inventory/inventory-schema";
import type { PipelineContext } from "./pipeline-context";
import { PAPER_CONDITION, type AnswerCondition } from "./answer-condition";
import { conditionPromptId, conditionVariables } from "../prompts/condition-prompt";

/** Output tokens assumed per call, by prompt id (rough sizes of well-formed answers). */
export const EXPECTED_OUTPUT_TOKENS: Record<string, number> = {
  "extract-persona": 220,
  "extract-persona-from-dialogue": 220,
  "filter-persona": 40,
  "describe-traits": 260,
  "answer-statement": 3,
  "expand-persona": 600,
  "generate-dialogue": 900,
  "continue-with-traits": 900,
  "continue-without-traits": 900,
  "annotate-strategies": 250,
  "judge-pair": 60,
  "role-play-seeker": 40,
  "role-play-supporter": 50,
};

// Stand-ins of typical length (Table 1: about 60 words of description, 35 of problem) for prompts whose real
// variables only exist after earlier stages have run.
const WORDS = (count: number) => Array.from({ length: count }, () => "word").join(" ");
const DESCRIPTION = WORDS(60);
const PROBLEM = WORDS(35);
const TRAIT_DESCRIPTION = WORDS(60 + 12 * 18);
const DIALOGUE: Dialogue["turns"] = Array.from({ length: 20 }, (_, index) => ({
  speaker: index % 2 === 0 ? ("seeker" as const) : ("supporter" as const),
  text: WORDS(18),
  strategy: index % 2 === 0 ? undefined : ("Question" as const),
}));

function request(context: PipelineContext, promptId: string, variables: Record<string, string | boolean>, overrides?: Record<string, string>): ModelRequest {
  const rendered = renderPrompt(promptId, variables, { overrides });
  return {
    provider: context.model.provider,
    model: context.model.model,
    messages: rendered.messages,
    temperature: 0,
    metadata: { prompt: rendered.prompt, stage: "estimate" },
  };
}

/**
 * `count` copies of one stand-in request. The same object is repeated (the stand-ins of a stage are all the
 * same text), so a paper-scale plan renders each prompt once and the estimate prices each distinct object once.
 */
function times(count: number, make: () => ModelRequest): ModelRequest[] {
  const one = make();
  return Array.from({ length: count }, () => one);
}

/** Stand-in requests for the stages after the first, per persona. */
export const planned = {
  filter: (context: PipelineContext, overrides?: Record<string, string>) => request(context, "filter-persona", { description: DESCRIPTION, problem: PROBLEM }, overrides),
  describe: (context: PipelineContext, overrides?: Record<string, string>) => [
    request(context, "describe-traits", { traitDescriptions: formatTraitDescriptions("HEXACO-60"), description: DESCRIPTION }, overrides),
    request(context, "describe-traits", { traitDescriptions: formatTraitDescriptions("CSI"), description: DESCRIPTION }, overrides),
  ],
  /** Every statement once, under `condition` (default the paper's: its prompt and variables exactly). */
  answers: (context: PipelineContext, inventories: readonly Inventory[], overrides?: Record<string, string>, condition: AnswerCondition = PAPER_CONDITION) =>
    inventories.flatMap((inventory) =>
      inventory.items.map((item) =>
        request(context, conditionPromptId(condition, inventory.language), { description: TRAIT_DESCRIPTION, statement: item.text, ...conditionVariables(condition, inventory.language) }, overrides),
      ),
    ),
  expand: (context: PipelineContext, overrides?: Record<string, string>) =>
    request(context, "expand-persona", { hexacoDescriptions: formatTraitDescriptions("HEXACO-60"), csiDescriptions: formatTraitDescriptions("CSI"), persona: WORDS(20) }, overrides),
  generate: (context: PipelineContext, overrides?: Record<string, string>) =>
    request(context, "generate-dialogue", { strategyDefinitions: formatStrategyDefinitions(), description: TRAIT_DESCRIPTION }, overrides),
  reextract: (context: PipelineContext, overrides?: Record<string, string>) =>
    request(context, "extract-persona-from-dialogue", { dialogue: formatDialogueTranscript(DIALOGUE) }, overrides),
  continueWithTraits: (context: PipelineContext, history: Dialogue["turns"], overrides?: Record<string, string>) =>
    request(
      context,
      "continue-with-traits",
      {
        strategyDefinitions: formatStrategyDefinitions(),
        history: formatDialogueHistory(history),
        hexaco: true,
        csi: true,
        hexacoDescriptions: formatTraitDescriptions("HEXACO-60"),
        hexacoScores: WORDS(12),
        csiDescriptions: formatTraitDescriptions("CSI"),
        csiScores: WORDS(12),
      },
      overrides,
    ),
  /** The pairwise judge: both sides a dialogue of typical length (the real ones come from the continue stage). */
  judge: (context: PipelineContext, overrides?: Record<string, string>) =>
    request(context, "judge-pair", { dialogueA: formatDialogueTranscript(DIALOGUE), dialogueB: formatDialogueTranscript(DIALOGUE) }, overrides),
  /** Measuring `count` personas: describe their traits (HEXACO and CSI), then answer every statement. */
  measure: (context: PipelineContext, count: number, inventories: readonly Inventory[], overrides?: Record<string, string>) => {
    const perPersona = [...planned.describe(context, overrides), ...planned.answers(context, inventories, overrides)];
    const requests: ModelRequest[] = new Array(count * perPersona.length);
    for (let persona = 0; persona < count; persona += 1) {
      for (let index = 0; index < perPersona.length; index += 1) requests[persona * perPersona.length + index] = perPersona[index];
    }
    return requests;
  },
  /**
   * A role-play dialogue of `turns` utterances: one call per turn whose prompt holds the conversation so far, so the
   * input grows with every turn (seeker and supporter alternate; `history`: the earlier conversation of RQ3).
   */
  rolePlay: (context: PipelineContext, turns: number, options: { history?: Dialogue["turns"]; traits?: boolean; overrides?: Record<string, string> } = {}) =>
    Array.from({ length: turns }, (_, index) => {
      const dialogue = formatDialogueHistory(DIALOGUE.slice(0, index).map((turn) => ({ ...turn })));
      const previous = options.history !== undefined && options.history.length > 0;
      const history: Record<string, string> = previous ? { history: formatDialogueHistory(options.history!) } : {};
      if (index % 2 === 0) {
        return request(context, "role-play-seeker", { persona: WORDS(100), traits: false, previous, ...history, dialogue }, options.overrides);
      }
      const traits: Record<string, string | boolean> = options.traits
        ? { hexaco: true, csi: true, hexacoDescriptions: formatTraitDescriptions("HEXACO-60"), hexacoScores: WORDS(12), csiDescriptions: formatTraitDescriptions("CSI"), csiScores: WORDS(12) }
        : { hexaco: false, csi: false };
      return request(context, "role-play-supporter", { strategyDefinitions: formatStrategyDefinitions(), intake: false, previous, ...history, ...traits, dialogue }, options.overrides);
    }),
  times,
};

/**
 * The cost estimate of a plan: exact requests for the first stage (checked against the cache) and stand-ins of
 * typical length for later stages, whose prompts depend on earlier answers. Output tokens by prompt id.
 */
export function estimatePlan(requests: ModelRequest[], context: PipelineContext): RunEstimate {
  return estimateRun(requests, {
    cache: { has: (key) => context.cache.mode !== "off" && context.cache.has(key) },
    expectedOutputTokens: (entry) => {
      const id = entry.metadata.prompt?.id ?? "";
      return EXPECTED_OUTPUT_TOKENS[id] ?? (isAnswerPromptId(id) ? EXPECTED_OUTPUT_TOKENS["answer-statement"] : 500);
    },
  });
}
