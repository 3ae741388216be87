import { createHash } from "node:crypto";
import { ModelCallError, type CallOptions, type Completion, type ModelAdapter, type ModelRequest } from "../llm/types";
import { recoverPromptVariables } from "../prompts/recover-variables";
import { REPAIR_PREFIX } from "../prompts/repair-instruction";
import { keyedRandom } from "../random";
import { respondWithDialogue } from "./respond-dialogue";
import { respondToStatement } from "./respond-inventory";
import { respondToAnnotation, respondToJudgement } from "./respond-judging";
import { respondAsRolePlaySeeker, respondAsRolePlaySupporter } from "./respond-role-play";
import { respondToDescribeTraits, respondToExpansion, respondToExtraction, respondToFilter } from "./respond-persona";
import type { SimAnswer, SimCall } from "./sim-call";
import { resolveSimTruth, type SimTruth, type SimTruthOverrides } from "./sim-truth";
import { defaultUtteranceBank, type UtteranceBank } from "./utterance-bank";

export interface SimAdapterOptions {
  /** Every answer is a function of this seed and the request; default 1. */
  seed?: number;
  /** Ground-truth parameters: any part of DEFAULT_SIM_TRUTH (nested objects merge, e.g. { filter: { minProblemWords: 5 } }). */
  truth?: SimTruthOverrides;
  /** ESConv utterances for dialogues (buildUtteranceBank); default: read lazily from the data folder. */
  utteranceBank?: UtteranceBank;
}

export interface SimAdapter extends ModelAdapter {
  readonly provider: "sim";
  readonly seed: number;
  readonly truth: SimTruth;
  /**
   * "sim-<SIM_VERSION>-seed<seed>-truth<8 hex>": use it as the request's model so that cache keys (which hash the
   * request, not the adapter) separate simulator versions, seeds and ground truths.
   */
  readonly modelId: string;
}

/** Bumped whenever the simulator's answers change for the same request, so cached sim answers are not reused. */
export const SIM_VERSION = "1";

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
 * The offline simulator as a ModelAdapter (provider "sim"). It answers by request.metadata.prompt.id from the
 * ground truth in SimTruth, deterministically from the seed and the request; see docs/prompts-and-sim.md
 * for the truth model. It is not a model of anything real.
 */
export function createSimAdapter(options: SimAdapterOptions = {}): SimAdapter {
  const adapterSeed = options.seed ?? 1;
  const truth = resolveSimTruth(options.truth);
  const truthHash = createHash("sha256").update(JSON.stringify(truth)).digest("hex").slice(0, 8);
  let bank = options.utteranceBank;
  const getBank = () => (bank ??= defaultUtteranceBank());

  return {
    provider: "sim",
    seed: adapterSeed,
    truth,
    modelId: `sim-${SIM_VERSION}-seed${adapterSeed}-truth${truthHash}`,
    async complete(request: ModelRequest, callOptions: CallOptions = {}): Promise<Completion> {
      if (callOptions.signal?.aborted) throw new ModelCallError("sim: request aborted", { retryable: false, cause: callOptions.signal.reason });
      // A seed in the request wins (it is part of the request, hence of its cache key).
      const seed = request.seed ?? adapterSeed;
      const promptId = request.metadata.prompt?.id;
      const respond = promptId ? RESPONDERS[promptId] : undefined;
      if (!promptId || !respond) {
        throw new ModelCallError(
          `sim provider: no simulated answer for prompt id "${promptId ?? "(none)"}"; known: ${SIM_PROMPT_IDS.join(", ")}`,
          { retryable: false },
        );
      }
      const userMessages = request.messages.filter((message) => message.role === "user");
      const promptText = userMessages[0]?.content ?? "";
      const isRetry = request.messages.some((message) => message.role === "assistant") || (userMessages.at(-1)?.content ?? "").startsWith(REPAIR_PREFIX);
      const requestKey = createHash("sha256").update(JSON.stringify([request.messages, request.metadata.context ?? {}])).digest("hex");
      const warnings: string[] = [];
      let variables: SimCall["variables"];
      if (promptId !== "answer-statement" || !request.metadata.context?.personaId) {
        try {
          variables = recoverPromptVariables(promptId, promptText);
        } catch {
          variables = undefined;
        }
        if (!variables) warnings.push(`sim: the prompt text does not fit the current "${promptId}" template; answering from metadata.context only`);
      }
      const call: SimCall = {
        promptId,
        request,
        promptText,
        variables,
        context: request.metadata.context ?? {},
        isRetry,
        truth,
        seed,
        bank: getBank,
        random: keyedRandom(seed, "request", promptId, requestKey, request.metadata.sampleIndex ?? 0),
        warnings,
      };
      const started = performance.now();
      const answer = respond(call);
      let text = answer.text;
      let logprobs = answer.logprobs;
      const garble = keyedRandom(seed, "malformed", promptId, requestKey, request.metadata.sampleIndex ?? 0);
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
        raw: { simulated: true, seed, promptId, text },
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        createdAt: new Date().toISOString(),
        cached: false,
        warnings,
      };
    },
  };
}
