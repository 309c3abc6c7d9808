/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. Pure: the clock is
 * passed in, so tests drive time exactly.
 */
export interface TokenBucketState {
  tokens: number;
  /** Milliseconds (same clock as `now`) when `tokens` was last brought up to date. */
  updatedAt: number;
}

export interface TokenBucketLimits {
  ratePerSecond: number;
  burst: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export function fullBucket(limits: TokenBucketLimits, now: number): TokenBucketState {
  return { tokens: limits.burst, updatedAt: now };
}

/** Takes `cost` tokens if there are enough; otherwise says how long until there will be. */
export function take(state: TokenBucketState, limits: TokenBucketLimits, now: number, cost = 1): TakeResult {
  const elapsedMs = Math.max(0, now - state.updatedAt);
  state.tokens = Math.min(limits.burst, state.tokens + (elapsedMs * limits.ratePerSecond) / 1000);
  state.updatedAt = Math.max(state.updatedAt, now);
  // NOTE: a single request costing more than the burst could never pass; it is charged the burst.
  const charge = Math.min(cost, limits.burst);
  if (state.tokens >= charge) {
    state.tokens -= charge;
    return { ok: true };
  }
  const missing = charge - state.tokens;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / limits.ratePerSecond)) };
}
