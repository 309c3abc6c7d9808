import { describe, expect, it } from 'vitest';
import { SourceRateLimiter } from './source-rate-limiter';
import { fullBucket, take } from './token-bucket';

describe('token bucket', () => {
  const limits = { ratePerSecond: 10, burst: 5 };

  it('allows a burst, then refuses with the seconds until a token is back', () => {
    const bucket = fullBucket(limits, 0);
    for (let i = 0; i < 5; i += 1) expect(take(bucket, limits, 0)).toEqual({ ok: true });
    expect(take(bucket, limits, 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('refills at the rate and never beyond the burst', () => {
    const bucket = fullBucket(limits, 0);
    for (let i = 0; i < 5; i += 1) take(bucket, limits, 0);
    expect(take(bucket, limits, 99).ok).toBe(false); // 0.99 tokens
    expect(take(bucket, limits, 100).ok).toBe(true); // 1 token after 100 ms
    expect(take(bucket, limits, 100_000).ok).toBe(true);
    expect(bucket.tokens).toBe(4); // capped at 5, minus the one just taken
  });

  it('says how long a slow rate needs', () => {
    const slow = { ratePerSecond: 0.1, burst: 1 };
    const bucket = fullBucket(slow, 0);
    take(bucket, slow, 0);
    expect(take(bucket, slow, 0)).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it('keeps one bucket per source', () => {
    let now = 0;
    const limiter = new SourceRateLimiter(() => now);
    const one = { ratePerSecond: 1, burst: 1 };
    expect(limiter.take('a', one).ok).toBe(true);
    expect(limiter.take('a', one).ok).toBe(false);
    expect(limiter.take('b', one).ok).toBe(true);
    now = 1_000;
    expect(limiter.take('a', one).ok).toBe(true);
  });
});
