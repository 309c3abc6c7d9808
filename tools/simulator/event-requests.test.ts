import type { InteractionEventInput } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { deliveryId, requestBody, toRequests, type EventRequest } from './event-requests';
import { fromIterable } from './stream-transforms';
import type { SimulatedEvent } from './traffic-generator';

const event = (id: string): InteractionEventInput => ({ id, platform: 'x', type: 'reaction', direction: 'inbound', occurredAt: '2026-01-01T00:00:00.000Z', member: { platformId: 'm' } });
const stream = (...items: [string, string][]): SimulatedEvent[] => items.map(([brandId, id]) => ({ brandId, event: event(id) }));
const collect = async (items: SimulatedEvent[], size: number) => {
  const out: EventRequest[] = [];
  for await (const r of toRequests(fromIterable(items), size)) out.push(r);
  return out;
};

describe('requests', () => {
  it('sends one bare event per request with a batch size of 1', async () => {
    const requests = await collect(stream(['a', '1'], ['b', '2']), 1);
    expect(requests).toEqual([
      { brandId: 'a', events: [event('1')], single: true },
      { brandId: 'b', events: [event('2')], single: true },
    ]);
    expect(JSON.parse(requestBody(requests[0]!))).toEqual(event('1'));
  });

  it("batches each brand's events separately, in order, and flushes the rest at the end", async () => {
    const requests = await collect(stream(['a', '1'], ['b', '2'], ['a', '3'], ['a', '4'], ['b', '5'], ['a', '6']), 2);
    expect(requests.map((r) => [r.brandId, r.events.map((e) => e.id)])).toEqual([
      ['a', ['1', '3']],
      ['b', ['2', '5']],
      ['a', ['4', '6']],
    ]);
    expect(JSON.parse(requestBody(requests[0]!))).toEqual({ events: [event('1'), event('3')] });
    const tail = await collect(stream(['a', '1']), 10);
    expect(tail).toEqual([{ brandId: 'a', events: [event('1')], single: false }]);
  });

  it('refuses batch sizes outside 1–1,000', async () => {
    await expect(collect([], 0)).rejects.toThrow(RangeError);
    await expect(collect([], 1_001)).rejects.toThrow(RangeError);
  });

  it('derives the delivery id from the brand and the event ids, so a replay is a redelivery', () => {
    const r = (brandId: string, ids: string[]): EventRequest => ({ brandId, events: ids.map(event), single: false });
    expect(deliveryId(r('a', ['1', '2']))).toBe(deliveryId(r('a', ['1', '2'])));
    expect(deliveryId(r('a', ['1', '2']))).not.toBe(deliveryId(r('a', ['2', '1'])));
    expect(deliveryId(r('a', ['1', '2']))).not.toBe(deliveryId(r('b', ['1', '2'])));
    expect(deliveryId(r('a', ['12']))).not.toBe(deliveryId(r('a', ['1', '2'])));
    expect(deliveryId(r('a', ['1']))).toMatch(/^msg_[A-Za-z0-9_-]{32}$/);
  });
});
