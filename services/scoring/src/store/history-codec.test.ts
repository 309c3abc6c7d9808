import { fc, test } from '@fast-check/vitest';
import type { InteractionEvent } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { interactionStream } from '../../test/interaction-stream';
import { compactEvent, DEFAULT_MODEL_CONFIG, emptyHistory, evaluateHistory, historyFromEvents, ModelConfigSchema, type RelationshipHistory } from '../model';
import { applyEvents, type RetentionPolicy } from '../relationships/apply-events';
import type { StoredRelationship } from '../relationships/stored-relationship';
import { decodeHistory, encodeHistory } from './history-codec';

const DAY = 86_400_000;
const config = DEFAULT_MODEL_CONFIG;
const START = Date.parse('2025-01-01T00:00:00Z');
const roundTrip = (h: RelationshipHistory) => decodeHistory(JSON.parse(encodeHistory(h)), config);
const storedHead = (h: RelationshipHistory) => (JSON.parse(encodeHistory(h)) as { head: unknown }).head;

function stream(seed: number, events: number): InteractionEvent[] {
  return [...interactionStream({ seed, brandId: 'b', sourceId: 's', members: 1, events, start: START, spanMs: 60 * DAY, lateFraction: 0.3, lateMs: 4 * DAY })];
}

describe('history codec', () => {
  const compact = stream(7, 80).map((e) => compactEvent(e));

  it('stores no head when everything is folded, and restores a separate equal copy', () => {
    const folded = historyFromEvents(compact, config, START + 90 * DAY);
    expect(folded.events).toEqual([]);
    expect(storedHead(folded)).toBeNull();
    const back = roundTrip(folded);
    expect(back).toEqual(JSON.parse(JSON.stringify(folded)));
    expect(back.head).not.toBe(back.base);
  });

  it('stores no head when the retained events replay in order, and rebuilds the same head', () => {
    const partial = historyFromEvents(compact, config, START + 45 * DAY);
    expect(partial.events.length).toBeGreaterThan(0);
    expect(storedHead(partial)).toBeNull();
    const back = roundTrip(partial);
    expect(back.events).toEqual(partial.events);
    expect(evaluateHistory(back, START + 70 * DAY, config)).toEqual(evaluateHistory(partial, START + 70 * DAY, config));
    expect(roundTrip(emptyHistory(config))).toEqual(emptyHistory(config));
  });

  it('keeps the head of a retained retraction whose target is folded (the model only rebuilds that)', () => {
    const base = compact.filter((e) => e.type !== 'retraction');
    const target = base[0]!;
    const retraction = { ...compactEvent({ id: 'r-late', platform: 'x', type: 'retraction', direction: 'inbound', occurredAt: new Date(START + 59 * DAY).toISOString(), member: { platformId: 'u0' }, content: { parentId: target.id } }) };
    const history = historyFromEvents([...base, retraction], config, START + 50 * DAY);
    expect(history.events.some((e) => e.id === 'r-late')).toBe(true);
    expect(storedHead(history)).not.toBeNull();
    expect(roundTrip(history)).toEqual(JSON.parse(JSON.stringify(history)));
  });

  it('leaves a history of another model version unreplayed (the model asks for a rebuild anyway)', () => {
    const partial = historyFromEvents(compact, config, START + 45 * DAY);
    const v2 = ModelConfigSchema.parse({ version: 2 });
    const back = decodeHistory(JSON.parse(encodeHistory(partial)), v2);
    expect(back.modelVersion).toBe(1);
  });

  test.prop([fc.integer({ min: 1, max: 100_000 }), fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 6 })], { numRuns: 30 })(
    'a relationship stored through the codec after every batch ends exactly where one kept in memory ends',
    (seed, sizes, retainDays) => {
      const events = stream(seed, 90);
      const retention: RetentionPolicy = { retainMs: retainDays * DAY, maxRetained: 1 + (seed % 15) };
      const now = START + 61 * DAY;
      let viaCodec: StoredRelationship | null = null;
      let inMemory: StoredRelationship | null = null;
      let offset = 0;
      for (let b = 0; offset < events.length; b++) {
        const batch = events.slice(offset, offset + (sizes[b % sizes.length] ?? 1)).map((event) => ({ event, compact: compactEvent(event) }));
        offset += batch.length;
        const log = events.slice(0, offset - batch.length).map((event) => ({ sourceId: event.sourceId, compact: compactEvent(event) }));
        const step = (existing: StoredRelationship | null, codec: boolean): StoredRelationship => {
          const copy = existing === null ? null : { ...existing, history: codec ? roundTrip(existing.history) : (JSON.parse(JSON.stringify(existing.history)) as RelationshipHistory) };
          let result = applyEvents(copy, batch, { now, config, retention });
          if (result.kind === 'needs-log') result = applyEvents(existing, batch, { now, config, retention, log });
          if (result.kind !== 'changed') throw new Error(`unexpected ${result.kind}`);
          return { brandId: 'b', memberId: 'u', version: 1, history: result.history, profile: result.profile, stage: result.values.stage, level: result.values.level, eventCount: result.eventCount };
        };
        viaCodec = step(viaCodec, true);
        inMemory = step(inMemory, false);
      }
      const a = evaluateHistory(viaCodec!.history, now, config);
      const b = evaluateHistory(inMemory!.history, now, config);
      expect(Math.abs(a.love - b.love)).toBeLessThanOrEqual(1e-9 * Math.max(1, b.love));
      expect({ ...a, love: 0, gravity: 0, score: 0, advocacy: 0, sentiment: 0 }).toEqual({ ...b, love: 0, gravity: 0, score: 0, advocacy: 0, sentiment: 0 });
      expect(viaCodec!.history.events).toEqual(inMemory!.history.events);
    },
  );
});
