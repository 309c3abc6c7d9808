import type { InteractionEventInput } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import type { DeliveryOutcome, DeliveryResult } from './event-delivery';
import { formatSummary, SendStats } from './send-stats';

const events = (n: number): InteractionEventInput[] =>
  Array.from({ length: n }, (_, i) => ({ id: `e${i}`, platform: 'x', type: 'reaction', direction: 'inbound', occurredAt: '2026-01-01T00:00:00Z', member: { platformId: 'm' } }));
const result = (n: number, outcome: DeliveryOutcome, latenciesMs: number[] = [10]): DeliveryResult => ({
  request: { brandId: 'a', events: events(n), single: n === 1 },
  sourceId: 's',
  outcome,
  attempts: latenciesMs.length,
  latenciesMs,
});

describe('send statistics', () => {
  it('counts events by outcome, retries and latency percentiles', () => {
    const stats = new SendStats();
    stats.record(result(10, { kind: 'accepted', status: 202, reply: { accepted: 7, duplicates: 2, ignored: [{ id: 'e9', reason: 'erased' }], ids: ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6'] } }));
    stats.record(result(5, { kind: 'rejected', status: 400, detail: '' }));
    stats.record(result(1, { kind: 'rejected', status: 401, detail: '' }));
    stats.record(result(3, { kind: 'failed', error: 'ECONNREFUSED' }, [5, 5, 5]));
    for (let i = 1; i <= 96; i++) stats.record(result(1, { kind: 'accepted', status: 202, reply: undefined }, [i]));

    const summary = stats.summary(2_000);
    expect(summary).toMatchObject({
      requests: 100,
      events: 115,
      acceptedEvents: 7 + 96,
      duplicateEvents: 2,
      ignoredEvents: 1,
      rejectedEvents: { '400': 5, '401': 1 },
      failedEvents: 3,
      retries: 2,
      acceptedPerSecond: 53,
    });
    expect(summary.latencyMs.count).toBe(102);
    // 102 attempts: 1…96 ms, three of 10 ms and three of 5 ms → the 51st is 45 ms, the 101st 95 ms.
    expect(summary.latencyMs.p50).toBeCloseTo(45, 0);
    expect(summary.latencyMs.p99).toBeCloseTo(95, 0);
    expect(summary.latencyMs.max).toBeCloseTo(96, 0);
    expect(formatSummary(summary)).toContain('400: 5, 401: 1');
  });

  it('summarizes an empty run without dividing by zero', () => {
    expect(new SendStats().summary(0)).toMatchObject({ events: 0, acceptedPerSecond: 0, latencyMs: { p50: 0, p99: 0, max: 0, count: 0 } });
  });
});
