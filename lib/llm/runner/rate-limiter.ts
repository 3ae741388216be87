import type { ProviderName } from "../types";
import { TokenBucket, systemClock, type Clock } from "./token-bucket";
import { abortReason, sleep } from "./sleep";

/** Limits for one provider+model (or one provider, or everything). */
export interface ModelLimits {
  requestsPerMinute?: number;
  /** Input + output tokens per minute. */
  tokensPerMinute?: number;
  /** Largest burst of requests; default one second's worth. */
  burstRequests?: number;
  /** Largest burst of tokens; default one second's worth. */
  burstTokens?: number;
}

/**
 * Limits keyed by "provider:model" (most specific), "provider", or "*". Model ids may contain "/" and ":"
 * (e.g. "meta-llama/Llama-3.1-8B-Instruct"), so only the first ":" separates provider from model.
 */
export type LimitTable = Record<string, ModelLimits>;

export function limitKey(provider: ProviderName | string, model: string): string {
  return `${provider}:${model}`;
}

export function limitsFor(table: LimitTable, provider: string, model: string): ModelLimits | undefined {
  return table[limitKey(provider, model)] ?? table[provider] ?? table["*"];
}

/** A reservation taken before a call; settle it once the call's outcome is known. */
export interface Permit {
  /** The call was paid: charge actual tokens instead of the estimate. */
  settle(actualTokens: number): void;
  /** The call cost the provider nothing (a cache hit): give back the request and its tokens. */
  refund(): void;
  /** The call failed before doing work (429, 5xx): the request counts, the tokens are given back. */
  failed(): void;
}

interface Lane {
  requests?: TokenBucket;
  tokens?: TokenBucket;
  pausedUntil: number;
  /** Resolves when the previous acquirer has taken its tokens: keeps waiters first-in, first-out. */
  tail: Promise<void>;
}

/**
 * Token-bucket limits on requests/min and tokens/min per provider and model, shared by every worker of a run.
 * Acquisition is FIFO per lane, so a big request is not starved by a stream of small ones.
 */
export class RateLimiter {
  private readonly lanes = new Map<string, Lane>();
  private readonly clock: Clock;

  constructor(
    private readonly table: LimitTable = {},
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  private lane(provider: string, model: string): Lane {
    const key = limitKey(provider, model);
    let lane = this.lanes.get(key);
    if (!lane) {
      const limits = limitsFor(this.table, provider, model);
      lane = { pausedUntil: -Infinity, tail: Promise.resolve() };
      if (limits?.requestsPerMinute) {
        lane.requests = new TokenBucket({ perMinute: limits.requestsPerMinute, capacity: limits.burstRequests, clock: this.clock });
      }
      if (limits?.tokensPerMinute) {
        lane.tokens = new TokenBucket({ perMinute: limits.tokensPerMinute, capacity: limits.burstTokens, clock: this.clock });
      }
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Milliseconds until a call of `tokens` tokens could start on this lane. */
  private waitTime(lane: Lane, tokens: number): number {
    return Math.max(
      lane.pausedUntil - this.clock.now(),
      lane.requests?.waitTime(1) ?? 0,
      lane.tokens?.waitTime(tokens) ?? 0,
    );
  }

  /** Waits (FIFO) until the lane's limits allow one request of about `tokens` tokens, then reserves it. */
  async acquire(provider: string, model: string, tokens: number, signal?: AbortSignal): Promise<Permit> {
    const lane = this.lane(provider, model);
    const previous = lane.tail;
    let done!: () => void;
    lane.tail = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      for (;;) {
        if (signal?.aborted) throw abortReason(signal);
        const wait = this.waitTime(lane, tokens);
        if (wait <= 0) break;
        await sleep(Math.ceil(wait), signal);
      }
      lane.requests?.adjust(-1);
      lane.tokens?.adjust(-tokens);
    } finally {
      done();
    }
    let open = true;
    const close = (requestBack: number, tokensBack: number) => {
      if (!open) return;
      open = false;
      if (requestBack) lane.requests?.adjust(requestBack);
      if (tokensBack) lane.tokens?.adjust(tokensBack);
    };
    return {
      settle: (actualTokens) => close(0, tokens - actualTokens),
      refund: () => close(1, tokens),
      failed: () => close(0, tokens),
    };
  }

  /** The server said Retry-After: nobody on this lane starts a call before then. */
  pause(provider: string, model: string, ms: number): void {
    const lane = this.lane(provider, model);
    lane.pausedUntil = Math.max(lane.pausedUntil, this.clock.now() + ms);
  }
}
