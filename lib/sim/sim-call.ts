import type { ModelRequest, TokenLogprob } from "../llm/types";
import type { VariableValue } from "../prompts/template";
import type { Random } from "../random";
import type { SimTruth } from "./sim-truth";
import type { KnownStatements } from "./known-statements";
import type { UtteranceBank } from "./utterance-bank";

/** Everything a responder needs to answer one request. */
export interface SimCall {
  promptId: string;
  request: ModelRequest;
  /** The first user message (the rendered prompt). */
  promptText: string;
  /** The prompt's variables as read back from the rendered text; undefined when the text does not fit the template. */
  variables?: Record<string, VariableValue>;
  /** The inventory statements the simulator recognises (by text). */
  statements: KnownStatements;
  /** True for the repair retry after a malformed answer. */
  isRetry: boolean;
  truth: SimTruth;
  seed: number;
  bank(): UtteranceBank;
  /** A random stream keyed by the request (seed, prompt, messages, prompt hash, effective sample). */
  random: Random;
  /** The simulated model answering (SIM_MODELS id): each model draws its own response noise. */
  model: string;
  /** The prompt template's hash (metadata.prompt.hash; "" without one): a reworded prompt draws new response noise. */
  promptHash: string;
  /** request.temperature, 0 when absent. */
  temperature: number;
  /** The sample index when temperature > 0; always 0 at temperature 0 (the sim is deterministic there). */
  sample: number;
  warnings: string[];
}

export interface SimAnswer {
  text: string;
  logprobs?: TokenLogprob[];
  /** How the answer may be garbled on a first attempt (SimTruth.malformedRate); "never" for refusals. */
  malform: "json" | "answer" | "never";
}

export function variableText(call: SimCall, name: string): string | undefined {
  const value = call.variables?.[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * The part of every random key that makes another simulated model, a reworded prompt or (above temperature 0)
 * another sample draw new noise.
 */
export function noiseKey(call: SimCall): [string, string, number] {
  return [call.model, call.promptHash, call.sample];
}
