// When a delivery is worth another try, and how long to wait first. A 429 or 503 says when to
// come back (`Retry-After`); a gateway error or a dropped connection gets exponential backoff with
// jitter. Bounded both in attempts and in any one wait, so a dead server ends the run.

export interface RetryPolicy {
  /** Attempts in all, the first one included (1: never retry). */
  maxAttempts: number;
  baseDelayMs: number;
  /** No single wait is longer than this, whatever `Retry-After` asks. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 30_000 };

export type AttemptResult = { kind: 'status'; status: number; retryAfter?: string | undefined } | { kind: 'network' };

const RETRIED_STATUSES = new Set([429, 502, 503, 504]);

/** Milliseconds to wait before the next attempt after `attempt` (1-based) ended in `result`, or undefined to stop. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, result: AttemptResult, nowMs: number, random: () => number = Math.random): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  if (result.kind === 'status' && !RETRIED_STATUSES.has(result.status)) return undefined;
  const asked = result.kind === 'status' ? parseRetryAfterMs(result.retryAfter, nowMs) : undefined;
  if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": at least half the backoff, so retries spread out but never rush.
  return ceiling / 2 + random() * (ceiling / 2);
}

/** `Retry-After` as delay-seconds or an HTTP date, in milliseconds from `nowMs`; undefined if absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  const at = Date.parse(text);
  return Number.isNaN(at) || !/[a-z]/i.test(text) ? undefined : Math.max(0, at - nowMs);
}
