import type { CallOptions, Completion, ModelAdapter, ModelRequest } from "../../../lib/llm/types";

/** A request for the fake model; `itemId` tells the fake (and the assertions) which one it is. */
export function request(itemId: string, overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    provider: "openai",
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `Question ${itemId}` }],
    maxTokens: 10,
    metadata: { stage: "test", itemId },
    ...overrides,
  };
}

export function completion(request: ModelRequest, overrides: Partial<Completion> = {}): Completion {
  return {
    provider: request.provider,
    model: request.model,
    text: `answer to ${request.metadata.itemId}`,
    usage: { inputTokens: 100, outputTokens: 10 },
    raw: {},
    latencyMs: 1,
    createdAt: new Date(0).toISOString(),
    cached: false,
    warnings: [],
    ...overrides,
  };
}

export interface FakeCall {
  itemId: string;
  attempt: number;
  startedAt: number;
}

/**
 * An in-process ModelAdapter whose behaviour per call is scripted by `answer(request, attempt)`: return a
 * completion, or throw. Counts calls and the largest number in flight at once.
 */
export function fakeModel(
  answer: (request: ModelRequest, attempt: number, options?: CallOptions) => Promise<Completion> | Completion,
): ModelAdapter & { calls: FakeCall[]; maxInFlight: number; attemptsOf(itemId: string): number } {
  const attempts = new Map<string, number>();
  let inFlight = 0;
  const fake = {
    provider: "openai" as const,
    calls: [] as FakeCall[],
    maxInFlight: 0,
    attemptsOf: (itemId: string) => attempts.get(itemId) ?? 0,
    async complete(request: ModelRequest, options?: CallOptions): Promise<Completion> {
      const itemId = request.metadata.itemId ?? "";
      const attempt = (attempts.get(itemId) ?? 0) + 1;
      attempts.set(itemId, attempt);
      fake.calls.push({ itemId, attempt, startedAt: performance.now() });
      inFlight += 1;
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
      try {
        return await answer(request, attempt, options);
      } finally {
        inFlight -= 1;
      }
    },
  };
  return fake;
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      const error = new Error("aborted");
      error.name = "AbortError";
      reject(error);
    }, { once: true });
  });
}
