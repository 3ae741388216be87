import type { ModelRequest, TokenLogprob } from "../llm/types";
import type { VariableValue } from "../prompts/template";
import type { Random } from "../random";
import type { SimTruth } from "./sim-truth";
import type { UtteranceBank } from "./utterance-bank";

/** Everything a responder needs to answer one request. */
export interface SimCall {
  promptId: string;
  request: ModelRequest;
  /** The first user message (the rendered prompt). */
  promptText: string;
  /** The prompt's variables as read back from the rendered text; undefined when the text does not fit the template. */
  variables?: Record<string, VariableValue>;
  context: Record<string, string | number | boolean>;
  /** True for the repair retry after a malformed answer. */
  isRetry: boolean;
  truth: SimTruth;
  seed: number;
  bank(): UtteranceBank;
  /** A random stream keyed by the request (seed, prompt, messages, sample index). */
  random: Random;
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

export function contextString(call: SimCall, name: string): string | undefined {
  const value = call.context[name];
  return value === undefined ? undefined : String(value);
}
