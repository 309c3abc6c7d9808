import type { InteractionEvent } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { flushResults, planFlush } from './dedupe-plan';
import type { Submission } from './submission';

function event(id: string, sourceId = 'src_a'): InteractionEvent {
  return {
    id,
    brandId: 'brand',
    sourceId,
    platform: 'custom',
    type: 'comment',
    direction: 'inbound',
    occurredAt: '2026-01-01T00:00:00Z',
    receivedAt: '2026-01-01T00:00:01Z',
    member: { platformId: 'm1' },
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

/** Plans the flush and answers as a database that publishes every candidate except `refused` ids. */
function run(submissions: Submission[], refused: string[] = []) {
  const plan = planFlush(submissions);
  const published = plan.events
    .filter((r) => !refused.includes(r.event.id))
    .map((r) => ({ sourceId: r.event.sourceId, eventId: r.event.id }));
  return { plan, results: flushResults(submissions, plan, published) };
}

describe('flush plan', () => {
  it('accepts every distinct event of new deliveries', () => {
    expect(run([submission('d1', [event('a'), event('b')]), submission('d2', [event('c')])]).results).toEqual([
      { ids: ['a', 'b'], duplicates: 0 },
      { ids: ['c'], duplicates: 0 },
    ]);
  });

  it('counts a repeated id inside one batch as a duplicate; only its first occurrence is sent', () => {
    const { plan, results } = run([submission('d1', [event('a'), event('b'), event('a'), event('a')])]);
    expect(results).toEqual([{ ids: ['a', 'b'], duplicates: 2 }]);
    expect(plan.events.map((r) => [r.event.id, r.position, r.seq])).toEqual([
      ['a', 0, 0],
      ['b', 1, 1],
    ]);
  });

  it('treats a delivery repeated within the flush as all duplicates and never sends it twice', () => {
    const { plan, results } = run([submission('d1', [event('a')]), submission('d1', [event('a'), event('z')])]);
    expect(results).toEqual([
      { ids: ['a'], duplicates: 0 },
      { ids: [], duplicates: 2 },
    ]);
    expect(plan.deliveries).toHaveLength(1);
    expect(plan.events.map((r) => r.event.id)).toEqual(['a']);
  });

  it('gives an id shared by two requests of the flush to the first one', () => {
    expect(run([submission('d1', [event('a'), event('old')]), submission('d2', [event('a'), event('b')])], ['old']).results).toEqual([
      { ids: ['a'], duplicates: 1 },
      { ids: ['b'], duplicates: 1 },
    ]);
  });

  it('scopes event ids by source: the same id from two sources is two events', () => {
    expect(run([submission('d1', [event('a')]), submission('d1', [event('a', 'src_b')], 'src_b')]).results).toEqual([
      { ids: ['a'], duplicates: 0 },
      { ids: ['a'], duplicates: 0 },
    ]);
  });

  it('keeps request order in ids, whatever order the database answers in', () => {
    const submissions = [submission('d1', [event('zz'), event('aa'), event('mm')])];
    const plan = planFlush(submissions);
    const reversed = [...plan.events].reverse().map((r) => ({ sourceId: r.event.sourceId, eventId: r.event.id }));
    expect(flushResults(submissions, plan, reversed)[0]!.ids).toEqual(['zz', 'aa', 'mm']);
  });
});
