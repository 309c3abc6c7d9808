import type { InteractionEvent } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import {
  deliveryCandidates,
  eventCandidates,
  freshSubmissions,
  newEvents,
  orderCandidates,
  publishable,
  results,
} from './dedupe-plan';
import type { Submission } from './submission';

function event(id: string, extra: Partial<InteractionEvent> = {}, sourceId = 'src_a', brandId = 'brand'): InteractionEvent {
  return {
    id,
    brandId,
    sourceId,
    platform: 'custom',
    type: 'comment',
    direction: 'inbound',
    occurredAt: '2026-01-01T00:00:00Z',
    receivedAt: '2026-01-01T00:00:01Z',
    member: { platformId: 'm1' },
    ...extra,
  };
}

function submission(deliveryId: string, events: InteractionEvent[], sourceId = 'src_a'): Submission {
  return {
    sourceId,
    brandId: 'brand',
    deliveryId,
    receivedAt: new Date(0),
    archive: { contentType: 'application/json', payload: '{}' },
    events,
  };
}

const conversion = (id: string, orderId: string) =>
  event(id, { type: 'conversion', conversion: { value: 10, currency: 'EUR', orderId } });

/** Runs the plan as the writer does, with a database that already holds `existing` keys. */
function plan(submissions: Submission[], existing: { deliveries?: string[]; events?: string[]; orders?: string[] } = {}) {
  const deliveries = deliveryCandidates(submissions);
  const insertedDeliveries = deliveries.keys.filter((k) => !(existing.deliveries ?? []).includes(k.deliveryId));
  const fresh = freshSubmissions(submissions, deliveries.firstIndex, insertedDeliveries);
  const events = eventCandidates(submissions, fresh);
  const insertedEvents = events.keys.filter((k) => !(existing.events ?? []).includes(k.eventId));
  const added = newEvents(events.refs, insertedEvents);
  const orders = orderCandidates(added);
  const insertedOrders = orders.filter((o) => !(existing.orders ?? []).includes(o.orderId));
  return { deliveries, events, orders, results: results(submissions, publishable(added, insertedOrders)) };
}

describe('dedupe plan', () => {
  it('accepts every distinct event of new deliveries', () => {
    const r = plan([submission('d1', [event('a'), event('b')]), submission('d2', [event('c')])]);
    expect(r.results).toEqual([
      { ids: ['a', 'b'], duplicates: 0 },
      { ids: ['c'], duplicates: 0 },
    ]);
  });

  it('counts a repeated id inside one batch as a duplicate, the first occurrence wins', () => {
    const r = plan([submission('d1', [event('a'), event('b'), event('a'), event('a')])]);
    expect(r.results).toEqual([{ ids: ['a', 'b'], duplicates: 2 }]);
    expect(r.events.keys.map((k) => k.eventId)).toEqual(['a', 'b']);
  });

  it('treats a redelivered webhook id as all duplicates, in the database or earlier in the flush', () => {
    const r = plan([submission('d1', [event('a')]), submission('d1', [event('a'), event('z')]), submission('d0', [event('q')])], {
      deliveries: ['d0'],
    });
    expect(r.results).toEqual([
      { ids: ['a'], duplicates: 0 },
      { ids: [], duplicates: 2 },
      { ids: [], duplicates: 1 },
    ]);
    // Each delivery key is inserted once, so the statement never conflicts with itself.
    expect(r.deliveries.keys.map((k) => k.deliveryId)).toEqual(['d0', 'd1']);
  });

  it('treats an id seen before (database or an earlier request in the flush) as a duplicate', () => {
    const r = plan([submission('d1', [event('a'), event('old')]), submission('d2', [event('a'), event('b')])], { events: ['old'] });
    expect(r.results).toEqual([
      { ids: ['a'], duplicates: 1 },
      { ids: ['b'], duplicates: 1 },
    ]);
  });

  it('scopes event ids by source: the same id from two sources is two events', () => {
    const r = plan([submission('d1', [event('a')]), submission('d1', [event('a', {}, 'src_b')], 'src_b')]);
    expect(r.results).toEqual([
      { ids: ['a'], duplicates: 0 },
      { ids: ['a'], duplicates: 0 },
    ]);
  });

  it('publishes a conversion once per brand order id, even under different event ids', () => {
    const r = plan(
      [submission('d1', [conversion('c1', 'o1'), conversion('c2', 'o1'), conversion('c3', 'o2')]), submission('d2', [conversion('c4', 'o9')])],
      { orders: ['o9'] },
    );
    expect(r.results).toEqual([
      { ids: ['c1', 'c3'], duplicates: 1 },
      { ids: [], duplicates: 1 },
    ]);
    expect(r.orders.map((o) => o.orderId)).toEqual(['o1', 'o2', 'o9']);
  });

  it('keeps request order in ids whatever the key order of the statements', () => {
    const r = plan([submission('d1', [event('zz'), event('aa'), event('mm')])]);
    expect(r.results[0]!.ids).toEqual(['zz', 'aa', 'mm']);
    expect(r.events.keys.map((k) => k.eventId)).toEqual(['aa', 'mm', 'zz']);
  });
});
