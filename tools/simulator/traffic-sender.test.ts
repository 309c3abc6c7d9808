import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { DeliveryResult } from './event-delivery';
import type { EventRequest } from './event-requests';
import { fromIterable } from './stream-transforms';
import { runClosedModel, runOpenModel, type SendLoop } from './traffic-sender';

const requests = (n: number): EventRequest[] =>
  Array.from({ length: n }, (_, i) => ({ brandId: 'a', events: [{ id: `e${i}`, platform: 'x', type: 'reaction', direction: 'inbound', occurredAt: '2026-01-01T00:00:00Z', member: { platformId: 'm' } }], single: true }));

function loop(n: number, deliverMs: number, signal = new AbortController().signal) {
  let inFlight = 0;
  let maxInFlight = 0;
  const delivered: string[] = [];
  const send: SendLoop = {
    requests: fromIterable(requests(n)),
    deliver: async (request) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await sleep(deliverMs);
      inFlight--;
      return { request, sourceId: 's', outcome: { kind: 'accepted', status: 202, reply: undefined }, attempts: 1, latenciesMs: [deliverMs] } satisfies DeliveryResult;
    },
    onResult: (result) => {
      delivered.push(result.request.events[0]!.id);
      return Promise.resolve();
    },
    signal,
  };
  return { send, delivered, maxInFlight: () => maxInFlight };
}

describe('closed model', () => {
  it('keeps exactly N requests in flight and sends each request once', async () => {
    const { send, delivered, maxInFlight } = loop(40, 5);
    await runClosedModel(send, 4);
    expect(delivered.sort()).toEqual(requests(40).map((r) => r.events[0]!.id).sort());
    expect(maxInFlight()).toBe(4);
  });

  it('stops taking requests once aborted and lets those in flight finish', async () => {
    const stop = new AbortController();
    const { send, delivered } = loop(1_000, 5, stop.signal);
    setTimeout(() => stop.abort(), 30);
    await runClosedModel(send, 2);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.length).toBeLessThan(100);
  });
});

describe('open model', () => {
  it('sends at the fixed rate whatever the answer time', async () => {
    const { send, delivered, maxInFlight } = loop(50, 100);
    const started = performance.now();
    const stats = await runOpenModel(send, { ratePerSecond: 200, maxInFlight: 100 });
    const elapsed = performance.now() - started;
    // 50 sends at 200/s take 245 ms, plus the last answer's 100 ms; answers overlap.
    expect(elapsed).toBeGreaterThan(330);
    expect(elapsed).toBeLessThan(1_000);
    expect(delivered).toHaveLength(50);
    expect(maxInFlight()).toBeGreaterThan(10);
    expect(stats).toMatchObject({ sent: 50, missedEvents: 0 });
  });

  it('counts the sends it misses when every in-flight slot is taken', async () => {
    const { send, delivered } = loop(40, 60);
    const stats = await runOpenModel(send, { ratePerSecond: 200, maxInFlight: 1 });
    expect(stats.sent + stats.missedRequests).toBe(40);
    expect(delivered).toHaveLength(stats.sent);
    // One slot busy for 60 ms, a request due every 5 ms: most of them are missed.
    expect(stats.missedEvents).toBeGreaterThan(25);
  });
});
