/**
 * A token bucket: holds up to `capacity` tokens and refills continuously at `perMinute` tokens per minute.
 * Pure apart from the injected clock, so its arithmetic is tested with a fake clock.
 *
 * A request bigger than the whole capacity (a 6,000-token prompt under a 5,000 tokens/min limit) would
 * otherwise wait forever; it is let through once the bucket is full and drives the level negative, and that
 * debt delays the requests behind it. The same debt mechanism reconciles estimates with actual usage.
 */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
}

export const systemClock: Clock = { now: () => performance.now() };

export interface TokenBucketOptions {
  /** Refill rate. */
  perMinute: number;
  /**
   * Most tokens that can accumulate (the largest burst). Default: one second's worth (at least 1), because
   * providers enforce per-minute limits over short windows and a full minute's burst draws 429s.
   */
  capacity?: number;
  /** Starting level; default full. */
  initial?: number;
  clock?: Clock;
}

export class TokenBucket {
  readonly perMinute: number;
  readonly capacity: number;
  private readonly clock: Clock;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = -Infinity;

  constructor(options: TokenBucketOptions) {
    if (!(options.perMinute > 0)) throw new RangeError(`perMinute must be positive, got ${options.perMinute}`);
    this.perMinute = options.perMinute;
    this.capacity = options.capacity ?? Math.max(1, options.perMinute / 60);
    if (!(this.capacity > 0)) throw new RangeError(`capacity must be positive, got ${this.capacity}`);
    this.clock = options.clock ?? systemClock;
    this.tokens = Math.min(options.initial ?? this.capacity, this.capacity);
    this.updatedAt = this.clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = now - this.updatedAt;
    if (elapsed > 0) this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perMinute) / 60_000);
    this.updatedAt = now;
  }

  /** Current level (may be negative while a debt is being repaid). */
  level(): number {
    this.refill();
    return this.tokens;
  }

  /** Milliseconds until `amount` tokens may be taken; 0 means now. Amounts above capacity need a full bucket. */
  waitTime(amount: number): number {
    this.refill();
    const needed = Math.min(amount, this.capacity);
    const pauseLeft = Math.max(0, this.pausedUntil - this.clock.now());
    const shortfall = needed - this.tokens;
    const refillWait = shortfall <= 0 ? 0 : (shortfall * 60_000) / this.perMinute;
    return Math.max(pauseLeft, refillWait);
  }

  /** Takes `amount` if available now (see waitTime); returns whether it did. */
  tryTake(amount: number): boolean {
    if (this.waitTime(amount) > 0) return false;
    this.tokens -= amount;
    return true;
  }

  /**
   * Adjusts the level after the fact: a positive amount returns tokens (a cached call, an overestimate),
   * a negative one charges more (usage above the estimate). Never exceeds capacity.
   */
  adjust(amount: number): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + amount);
  }

  /** Nothing is taken before `time` (clock milliseconds): used when the server says Retry-After. */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
  }
}
