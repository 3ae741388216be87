import { UsageError } from "../errors";
import { runRequests } from "../llm/runner/run-requests";
import type { RunItemResult, RunSummary } from "../llm/runner/run-types";
import type { Completion, ModelRequest, PromptRef } from "../llm/types";
import { promptJsonSchema } from "../prompts/registry";
import { promptTemplate, renderPrompt, type PromptTemplate } from "../prompts/render-prompt";
import { repairMessages } from "../prompts/repair-instruction";
import type { ParseResult } from "../prompts/parse-result";
import type { VariableValue } from "../prompts/template";
import { createPipelineContext, resolveLimits, resolveRunMode, type PipelineContext } from "./pipeline-context";
import { withFrame } from "./table";
import type { StageExecution, StageOptions, StageResult, StageRowBase, StageSummary } from "./types";

/** One model call a stage wants made: which prompt, its variables, and how to read the answer. */
export interface StageCall<Value> {
  /** What the call is about (goes to metadata.itemId), unique within the stage run, e.g. "esconv:train:12/HEXACO-60#7". */
  itemId: string;
  promptId: string;
  variables: Record<string, VariableValue | undefined>;
  parse(raw: string, completion: Completion): ParseResult<Value>;
  /** Default 0, as in the paper. */
  temperature?: number;
  maxTokens?: number;
  topLogprobs?: number;
  /** Tells apart requests whose text is the same (e.g. dialogues generated without a persona). */
  sampleIndex?: number;
}

/** The outcome of one StageCall after at most one repair retry. */
export interface StageCallOutcome<Value> {
  itemId: string;
  status: "ok" | "failed";
  value?: Value;
  error: string | null;
  raw: string | null;
  prompt: PromptRef;
  repaired: boolean;
  cached: boolean;
  completion?: Completion;
}

export interface StageCallsResult<Value> {
  outcomes: StageCallOutcome<Value>[];
  context: PipelineContext;
  /** The first-attempt requests (what a dry run would send). */
  requests: ModelRequest[];
  runs: RunSummary[];
  repairRequests: number;
  /** Mode, concurrency and limits the calls were (or, in a dry run, would be) made with. */
  execution: StageExecution;
}

/**
 * How a stage's calls run: the stage's options where given, else the context's. Batch mode on sim becomes
 * online with a note (also added to context.notes); on local, or with the cache off, it is a UsageError.
 */
export function stageExecution(options: StageOptions, context: PipelineContext): StageExecution {
  const concurrency = options.concurrency ?? context.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`concurrency must be a whole number >= 1, got ${concurrency}`);
  const limits = options.limits === undefined ? context.limits : resolveLimits(context.model, options.limits);
  if (options.mode === undefined || options.mode === context.mode) {
    const note = context.mode === "online" && context.notes.find((entry) => entry.startsWith("Batch mode"));
    return note ? { mode: context.mode, note, concurrency, limits } : { mode: context.mode, concurrency, limits };
  }
  const { mode, note } = resolveRunMode(context.model.provider, options.mode, context.cache.mode);
  if (note && !context.notes.includes(note)) context.notes.push(note);
  return note ? { mode, note, concurrency, limits } : { mode, concurrency, limits };
}

/**
 * Runs a stage's calls: renders each prompt, sends all of them through the runner with the cached adapter,
 * parses every answer, and retries each malformed answer once with the repair instruction appended (a new
 * request, so its own cache key). A call that still fails is returned with status "failed", its error and raw
 * text. With options.dryRun nothing is sent.
 */
export async function runStageCalls<Value>(
  stage: string,
  calls: readonly StageCall<Value>[],
  options: StageOptions,
  context: PipelineContext,
): Promise<StageCallsResult<Value>> {
  const { provider, model } = context.model;
  const execution = stageExecution(options, context);
  const seen = new Set<string>();
  // Each template is resolved once per stage run (not once per call: a stage renders up to hundreds of
  // thousands of prompts), so every call of the run uses the same version of it.
  const templates = new Map<string, PromptTemplate>();
  const templateOf = (promptId: string) => {
    let template = templates.get(promptId);
    if (!template) templates.set(promptId, (template = promptTemplate(promptId, { overrides: options.promptOverrides })));
    return template;
  };
  const requests = calls.map((call): ModelRequest => {
    if (seen.has(call.itemId)) throw new UsageError(`stage ${stage}: item id "${call.itemId}" occurs twice`);
    seen.add(call.itemId);
    const rendered = renderPrompt(call.promptId, call.variables, { overrides: options.promptOverrides, template: templateOf(call.promptId) });
    const request: ModelRequest = {
      provider,
      model,
      messages: rendered.messages,
      temperature: call.temperature ?? 0,
      metadata: { prompt: rendered.prompt, stage, itemId: call.itemId },
    };
    if (call.maxTokens !== undefined) request.maxTokens = call.maxTokens;
    if (call.topLogprobs !== undefined) request.topLogprobs = call.topLogprobs;
    if (call.sampleIndex !== undefined) request.metadata.sampleIndex = call.sampleIndex;
    if (options.structuredOutput) {
      const schema = promptJsonSchema(call.promptId);
      if (schema) request.jsonSchema = schema;
    }
    return request;
  });
  if (options.dryRun || calls.length === 0) return { outcomes: [], context, requests, runs: [], repairRequests: 0, execution };

  // In Batch mode the repair retries go out as a second, smaller batch.
  const run = (batch: ModelRequest[]) =>
    runRequests(batch, {
      model: context.adapter,
      concurrency: execution.concurrency,
      limits: execution.limits,
      mode: execution.mode,
      ...(execution.mode === "batch" ? { batch: context.batchOptions() } : {}),
      signal: options.signal,
      progress: options.progress,
      ledger: context.ledger,
      stage,
      retry: { seed: context.seed },
    });

  const first = await run(requests);
  const outcomes: StageCallOutcome<Value>[] = first.results.map((result, index) => settle(calls[index], result, false));

  // One repair retry for every answer that arrived but could not be read.
  const needRepair = outcomes
    .map((outcome, index) => ({ outcome, index }))
    .filter(({ outcome }) => outcome.status === "failed" && outcome.raw !== null);
  const runs = [first.summary];
  if (needRepair.length > 0) {
    const repairs = needRepair.map(({ outcome, index }): ModelRequest => {
      const original = requests[index];
      return {
        ...original,
        messages: repairMessages(original.messages, outcome.raw ?? "", calls[index].promptId, outcome.error ?? "unreadable answer"),
        metadata: { ...original.metadata, itemId: `${original.metadata.itemId}#repair` },
      };
    });
    const second = await run(repairs);
    runs.push(second.summary);
    second.results.forEach((result, position) => {
      const { index, outcome } = needRepair[position];
      const retried = settle(calls[index], result, true);
      // A failed repair call keeps the first answer's raw text, so nothing the model said is lost.
      outcomes[index] =
        retried.status === "ok" || retried.raw !== null
          ? { ...retried, cached: retried.cached && outcome.cached }
          : { ...outcome, error: `${outcome.error}; repair call failed: ${retried.error}`, repaired: true };
    });
  }
  return { outcomes, context, requests, runs, repairRequests: needRepair.length, execution };
}

function settle<Value>(call: StageCall<Value>, result: RunItemResult, repaired: boolean): StageCallOutcome<Value> {
  const prompt = result.request.metadata.prompt!;
  const completion = result.completion;
  if (!completion) {
    const reason = result.status === "skipped" ? "not run (the run was interrupted; re-run to finish)" : (result.error?.message ?? "call failed");
    return { itemId: call.itemId, status: "failed", error: reason, raw: null, prompt, repaired, cached: false };
  }
  const parsed = call.parse(completion.text, completion);
  const base = { itemId: call.itemId, raw: completion.text, prompt, repaired, cached: completion.cached, completion };
  return parsed.ok
    ? { ...base, status: "ok", value: parsed.value, error: null }
    : { ...base, status: "failed", error: parsed.reason };
}

/** The shared columns of a row made from one or more call outcomes (failed if any failed). */
export function rowBase(stage: string, context: PipelineContext, outcomes: readonly StageCallOutcome<unknown>[]): StageRowBase {
  const failed = outcomes.filter((outcome) => outcome.status === "failed");
  const first = outcomes[0];
  return {
    stage,
    status: failed.length ? "failed" : "ok",
    error: failed.length ? failed.map((outcome) => (outcomes.length > 1 ? `${outcome.itemId}: ${outcome.error}` : outcome.error)).join("; ") : null,
    // Several calls behind one row (describeTraits: one per inventory): their texts in call order.
    raw: outcomes.length === 0 ? null : outcomes.length === 1 ? first.raw : outcomes.map((outcome) => outcome.raw ?? "").join("\n---\n"),
    promptId: first?.prompt.id ?? "",
    promptVersion: first?.prompt.version ?? "",
    promptHash: first?.prompt.hash ?? "",
    provider: context.model.provider,
    model: context.model.model,
    repaired: outcomes.some((outcome) => outcome.repaired),
    cached: outcomes.length > 0 && outcomes.every((outcome) => outcome.cached),
    simulated: context.simulated,
  };
}

/** Runs `body` with the options' context, or a private one that is closed afterwards. */
export async function withContext<T>(options: StageOptions, body: (context: PipelineContext) => Promise<T>): Promise<T> {
  if (options.context) return body(options.context);
  const context = createPipelineContext({
    model: options.model,
    cacheMode: options.cacheMode,
    seed: options.seed,
    concurrency: options.concurrency,
    limits: options.limits,
    mode: options.mode,
  });
  try {
    return await body(context);
  } finally {
    context.close();
  }
}

/** Assembles a StageResult from a stage's rows and its call results. */
export function stageResult<Row extends StageRowBase, Extra extends object = object>(
  stage: string,
  rows: Row[],
  calls: StageCallsResult<unknown>,
  extra?: Extra,
): StageResult<Row> & Extra {
  const { context } = calls;
  const summary: StageSummary = {
    stage,
    provider: context.model.provider,
    model: context.model.model,
    simulated: context.simulated,
    rows: rows.length,
    failed: rows.filter((row) => row.status === "failed").length,
    requests: calls.requests.length,
    repairRequests: calls.repairRequests,
    runs: calls.runs,
    execution: calls.execution,
    ledger: context.ledger.rows().filter((row) => row.stage === stage),
  };
  const result = {
    rows,
    failures: rows.filter((row) => row.status === "failed"),
    summary,
    simulated: context.simulated,
    ...(isPlan(calls) ? { planned: calls.requests } : {}),
    ...(extra ?? {}),
  };
  return withFrame(result, () => rows) as unknown as StageResult<Row> & Extra;
}

/** A dry run: requests were built but none was sent. */
function isPlan(calls: StageCallsResult<unknown>): boolean {
  return calls.outcomes.length === 0 && calls.requests.length > 0;
}
