import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs, retryDelayMs, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5_000 };
const NOW = Date.UTC(2026, 0, 1, 12);
const top = () => 1;
const bottom = () => 0;

describe('retry policy', () => {
  it('honours Retry-After on 429 and 503, in seconds or as a date, within the cap', () => {
    expect(retryDelayMs(policy, 1, { kind: 'status', status: 503, retryAfter: '2' }, NOW)).toBe(2_000);
    expect(retryDelayMs(policy, 1, { kind: 'status', status: 429, retryAfter: '0' }, NOW)).toBe(0);
    expect(retryDelayMs(policy, 2, { kind: 'status', status: 429, retryAfter: new Date(NOW + 3_000).toUTCString() }, NOW)).toBe(3_000);
    expect(retryDelayMs(policy, 1, { kind: 'status', status: 503, retryAfter: '3600' }, NOW)).toBe(5_000);
  });

  it('backs off exponentially with jitter when no Retry-After is given, and on dropped connections', () => {
    expect(retryDelayMs(policy, 1, { kind: 'network' }, NOW, top)).toBe(100);
    expect(retryDelayMs(policy, 1, { kind: 'network' }, NOW, bottom)).toBe(50);
    expect(retryDelayMs(policy, 3, { kind: 'network' }, NOW, top)).toBe(400);
    expect(retryDelayMs(policy, 2, { kind: 'status', status: 503 }, NOW, top)).toBe(200);
    expect(retryDelayMs(policy, 2, { kind: 'status', status: 502, retryAfter: 'soon' }, NOW, top)).toBe(200);
    expect(retryDelayMs({ ...policy, maxAttempts: 50 }, 30, { kind: 'network' }, NOW, top)).toBe(5_000);
  });

  it('stops after the last attempt and never retries what a retry cannot fix', () => {
    expect(retryDelayMs(policy, 4, { kind: 'status', status: 503, retryAfter: '1' }, NOW)).toBeUndefined();
    expect(retryDelayMs(policy, 4, { kind: 'network' }, NOW)).toBeUndefined();
    for (const status of [400, 401, 404, 413, 415, 500]) expect(retryDelayMs(policy, 1, { kind: 'status', status }, NOW)).toBeUndefined();
  });

  it('reads Retry-After values', () => {
    expect(parseRetryAfterMs(' 5 ', NOW)).toBe(5_000);
    expect(parseRetryAfterMs(new Date(NOW - 10_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfterMs('-1', NOW)).toBeUndefined();
    expect(parseRetryAfterMs('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, NOW)).toBeUndefined();
  });
});
