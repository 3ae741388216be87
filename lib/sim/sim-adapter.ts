import { createHash } from "node:crypto";
import { ModelCallError, type CallOptions, type Completion, type ModelAdapter, type ModelRequest } from "../llm/types";
import { recoverPromptVariables } from "../prompts/recover-variables";
import { templateTextForHash } from "../prompts/render-prompt";
import { REPAIR_PREFIX } from "../prompts/repair-instruction";
import { isAnswerPromptId } from "../prompts/answer-language";
import { keyedRandom } from "../random";
import { respondWithDialogue } from "./respond-dialogue";
import { respondToStatement } from "./respond-inventory";
import { respondToAnnotation, respondToJudgement } from "./respond-judging";
import { respondAsRolePlaySeeker, respondAsRolePlaySupporter } from "./respond-role-play";
import { respondToDescribeTraits, respondToExpansion, respondToExtraction, respondToFilter } from "./respond-persona";
import type { SimAnswer, SimCall } from "./sim-call";
import { DEFAULT_SIM_MODEL, findSimModel, SIM_MODELS, simModel, type SimModel } from "./sim-models";
import { mergeSimTruthOverrides, resolveSimTruth, type SimTruth, type SimTruthOverrides } from "./sim-truth";
import { KnownStatements, type SimInventorySource } from "./known-statements";
import { defaultUtteranceBank, type UtteranceBank } from "./utterance-bank";

export interface SimAdapterOptions {
  /** Every answer is a function of this seed and the request; default 1. */
  seed?: number;
  /**
   * The simulated model answered when a request's model names none (SIM_MODELS id; default "aligned"). A request
   * whose model names a simulated model ("llama-like", or a versioned id from modelIdFor) gets that one.
   */
  model?: string;
  /**
   * Ground-truth parameters on top of the simulated model's truth: any part of SimTruth (nested objects merge,
   * e.g. { filter: { minProblemWords: 5 } }; arrays and matrices replace). Applies to every named model.
   */
  truth?: SimTruthOverrides;
  /** ESConv utterances for dialogues (buildUtteranceBank); default: read lazily from the data folder. */
  utteranceBank?: UtteranceBank;
  /**
   * Inventories whose statements the simulator recognises (loaded inventories or file paths), before those in
   * <data directory>/inventories/. A statement found in none is answered from a neutral trait, with a warning.
   */
  inventories?: readonly SimInventorySource[];
  /** Also read every inventory file in <data directory>/inventories/ (default true). */
  readDataInventories?: boolean;
}

export interface SimAdapter extends ModelAdapter {
  readonly provider: "sim";
  readonly seed: number;
  /** The truth of the adapter's default model (options.model). */
  readonly truth: SimTruth;
  /**
   * "sim-<SIM_VERSION>-<model>-seed<seed>-truth<8 hex>" of the default model: use it as the request's model so
   * that cache keys (which hash the request, not the adapter) separate simulator versions, simulated models,
   * seeds and ground truths.
   */
  readonly modelId: string;
  /** The default simulated model's id ("aligned"). */
  readonly model: string;
  /** The versioned model id of a simulated model ("llama-like", "sim" or a versioned id); UsageError for an unknown one. */
  modelIdFor(model: string): string;
  /** The truth a simulated model answers from (its SIM_MODELS truth, then options.truth). */
  truthFor(model: string): SimTruth;
}

/**
 * Bumped whenever the simulator's answers change for the same request, so cached sim answers are not reused.
 * 2: content-derived traits, prompt-hash noise, temperature rule, named models, mis-keyed items.
 * 3: answers from the request alone (no metadata.context): persona identity from the prompt's persona text,
 *    inventory items found by their statement text, generic truth per inventory domain, conditions and
 *    re-extracted personas recognised from the prompt (issue 22).
 * 4: persona extraction infers occupation and age from the seeker's setting (work, school, job loss, family words)
 *    as an extracting model does, so Table 1 counts them (issue 24; lib/sim/inferred-demographics.ts).
 */
export const SIM_VERSION = "4";

const RESPONDERS: Record<string, (call: SimCall) => SimAnswer> = {
  "answer-statement": respondToStatement,
  "extract-persona": respondToExtraction,
  "extract-persona-from-dialogue": respondToExtraction,
  "filter-persona": respondToFilter,
  "describe-traits": respondToDescribeTraits,
  "expand-persona": respondToExpansion,
  "generate-dialogue": respondWithDialogue,
  "continue-with-traits": respondWithDialogue,
  "continue-without-traits": respondWithDialogue,
  "annotate-strategies": respondToAnnotation,
  "judge-pair": respondToJudgement,
  "role-play-seeker": respondAsRolePlaySeeker,
  "role-play-supporter": respondAsRolePlaySupporter,
};

/** The prompt ids the simulator can answer. */
export const SIM_PROMPT_IDS = Object.keys(RESPONDERS);

function malformed(answer: SimAnswer, random: ReturnType<typeof keyedRandom>): string {
  if (answer.malform === "answer") return ["I'm not sure how the person would feel about this.", "It depends on the situation.", "Somewhere between agree and disagree."][random.integer(3)];
  // A cut-off JSON answer, as from a model that ran out of tokens.
  return answer.text.slice(0, Math.max(1, Math.floor(answer.text.length * 0.6)));
}

function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The prompt's variables read back from its text: with the template the request's prompt hash names (a reworded
 * template rendered in this process, templateTextForHash), else the registered one.
 */
function readVariables(promptId: string, promptText: string, promptHash: string): SimCall["variables"] {
  const named = promptHash ? templateTextForHash(promptHash) : undefined;
  try {
    return (named !== undefined ? recoverPromptVariables(promptId, promptText, { overrides: { [promptId]: named } }) : undefined) ?? recoverPromptVariables(promptId, promptText);
  } catch {
    return undefined;
  }
}

/**
 * The offline simulator as a ModelAdapter (provider "sim"). It answers from the request alone: by
 * request.metadata.prompt.id (which template), from what the prompt text says (the persona's description, the
 * statement, the dialogue) and from the ground truth in SimTruth, deterministically from the seed and the request;
 * see docs/prompts-and-sim.md for what it reads and for the truth model. It is not a model of anything real.
 */
export function createSimAdapter(options: SimAdapterOptions = {}): SimAdapter {
  const adapterSeed = options.seed ?? 1;
  const defaultModel = simModel(options.model ?? DEFAULT_SIM_MODEL);
  const models = new Map<string, { truth: SimTruth; modelId: string }>();
  const resolve = (model: SimModel) => {
    let known = models.get(model.id);
    if (!known) {
      const truth = resolveSimTruth(mergeSimTruthOverrides(model.truth, options.truth ?? {}));
      const truthHash = createHash("sha256").update(JSON.stringify(truth)).digest("hex").slice(0, 8);
      known = { truth, modelId: `sim-${SIM_VERSION}-${model.id}-seed${adapterSeed}-truth${truthHash}` };
      models.set(model.id, known);
    }
    return known;
  };
  const own = resolve(defaultModel);
  const statements = new KnownStatements(options.inventories ?? [], options.readDataInventories ?? true);
  let bank = options.utteranceBank;
  const getBank = () => (bank ??= defaultUtteranceBank());

  return {
    provider: "sim",
    seed: adapterSeed,
    truth: own.truth,
    modelId: own.modelId,
    model: defaultModel.id,
    modelIdFor: (model: string) => resolve(simModel(model)).modelId,
    truthFor: (model: string) => resolve(simModel(model)).truth,
    async complete(request: ModelRequest, callOptions: CallOptions = {}): Promise<Completion> {
      if (callOptions.signal?.aborted) throw new ModelCallError("sim: request aborted", { retryable: false, cause: callOptions.signal.reason });
      // A seed in the request wins (it is part of the request, hence of its cache key).
      const seed = request.seed ?? adapterSeed;
      const promptId = request.metadata.prompt?.id;
      // The answer prompt of every language (answer-statement-<code>) is answered like the paper's.
      const respond = promptId ? (RESPONDERS[promptId] ?? (isAnswerPromptId(promptId) ? respondToStatement : undefined)) : undefined;
      if (!promptId || !respond) {
        throw new ModelCallError(
          `sim provider: no simulated answer for prompt id "${promptId ?? "(none)"}"; known: ${SIM_PROMPT_IDS.join(", ")}`,
          { retryable: false },
        );
      }
      const named = findSimModel(request.model);
      const { truth } = resolve(named ?? defaultModel);
      const userMessages = request.messages.filter((message) => message.role === "user");
      const promptText = userMessages[0]?.content ?? "";
      const isRetry = request.messages.some((message) => message.role === "assistant") || (userMessages.at(-1)?.content ?? "").startsWith(REPAIR_PREFIX);
      const requestKey = createHash("sha256").update(JSON.stringify(request.messages)).digest("hex");
      const warnings: string[] = [];
      if (!named) warnings.push(`sim: "${request.model}" names no simulated model (${SIM_MODELS.map((model) => model.id).join(", ")}); answered as "${defaultModel.id}"`);
      const temperature = request.temperature ?? 0;
      // Deterministic at temperature 0: the sample index only matters above it.
      const sample = temperature > 0 ? (request.metadata.sampleIndex ?? 0) : 0;
      const promptHash = request.metadata.prompt?.hash ?? "";
      const variables = readVariables(promptId, promptText, promptHash);
      if (!variables) warnings.push(`sim: the prompt text does not fit the "${promptId}" template it names; answering from the whole prompt text`);
      if (statements.problems.length) warnings.push(...statements.problems.splice(0));
      const call: SimCall = {
        promptId,
        request,
        promptText,
        variables,
        statements,
        isRetry,
        truth,
        seed,
        bank: getBank,
        random: keyedRandom(seed, "request", promptId, requestKey, (named ?? defaultModel).id, promptHash, sample),
        model: (named ?? defaultModel).id,
        promptHash,
        temperature,
        sample,
        warnings,
      };
      const started = performance.now();
      const answer = respond(call);
      let text = answer.text;
      let logprobs = answer.logprobs;
      const garble = keyedRandom(seed, "malformed", promptId, requestKey, (named ?? defaultModel).id, promptHash, sample);
      if (!isRetry && answer.malform !== "never" && garble.next() < truth.malformedRate) {
        text = malformed(answer, garble);
        logprobs = undefined;
      }
      if (bank?.source === "built-in" && (promptId.startsWith("continue") || promptId === "generate-dialogue")) {
        warnings.push("sim: ESConv not found in the data folder; dialogues use the small built-in made-up utterance bank");
      }
      const inputTokens = tokens(request.messages.map((message) => message.content).join("\n"));
      return {
        provider: "sim",
        model: request.model,
        text,
        usage: { inputTokens, outputTokens: tokens(text) },
        finishReason: "stop",
        logprobs: request.topLogprobs ? logprobs : undefined,
        raw: { simulated: true, simulatedModel: (named ?? defaultModel).id, seed, promptId, text },
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        createdAt: new Date().toISOString(),
        cached: false,
        warnings,
      };
    },
  };
}
