/**
 * Exponential backoff for a partition whose messages asked to be retried (a dependency is down).
 * Capped, so a long outage is probed at a steady pace; jittered downwards, so consumers that
 * failed together do not all knock on the recovering dependency at the same instant.
 */
export interface BackoffPolicy {
  /** Delay before the first retry. */
  initialMs: number;
  /** No delay is ever longer than this. */
  maxMs: number;
  /** Growth per consecutive failure. */
  multiplier: number;
  /** Fraction of the delay that may be taken off at random: 0 = none, 1 = anywhere in [0, delay]. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 30_000, multiplier: 2, jitter: 0.2 };

/** The delay before retry number `attempt` (0 for the first retry). `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempt));
  // NOTE: Math.min before the power would overflow to Infinity for large attempts; clamp after.
  const raw = policy.initialMs * policy.multiplier ** exponent;
  const capped = Number.isFinite(raw) ? Math.min(raw, policy.maxMs) : policy.maxMs;
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(capped * (1 - jitter * random()));
}
