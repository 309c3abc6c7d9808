import { describe, expect, it } from 'vitest';
import { interactionStream } from '../../test/interaction-stream';
import { compactEvent, DEFAULT_MODEL_CONFIG, emptyHistory, evaluateHistory, historyFromEvents } from '../model';
import { applyEvents, DEFAULT_RETENTION } from '../relationships/apply-events';
import { decodeHistory, encodeHistory } from './history-codec';

const DAY = 86_400_000;
const roundTrip = (h: Parameters<typeof encodeHistory>[0]) => decodeHistory(JSON.parse(encodeHistory(h)));

describe('history codec', () => {
  const events = [...interactionStream({ seed: 7, brandId: 'b', sourceId: 's', members: 1, events: 80, start: Date.parse('2025-01-01T00:00:00Z'), spanMs: 60 * DAY })];
  const compact = events.map((e) => compactEvent(e));

  it('stores head once when it equals base, and restores a separate equal copy', () => {
    const folded = historyFromEvents(compact, DEFAULT_MODEL_CONFIG, Date.parse('2025-04-01T00:00:00Z'));
    expect(folded.events).toEqual([]);
    const text = encodeHistory(folded);
    expect((JSON.parse(text) as { head: unknown }).head).toBeNull();
    const back = roundTrip(folded);
    expect(back).toEqual(JSON.parse(JSON.stringify(folded)));
    expect(back.head).not.toBe(back.base);
  });

  it('keeps both when recent events are retained', () => {
    const partial = historyFromEvents(compact, DEFAULT_MODEL_CONFIG, Date.parse('2025-02-15T00:00:00Z'));
    expect(partial.events.length).toBeGreaterThan(0);
    expect((JSON.parse(encodeHistory(partial)) as { head: unknown }).head).not.toBeNull();
    expect(roundTrip(partial)).toEqual(JSON.parse(JSON.stringify(partial)));
    expect(roundTrip(emptyHistory(DEFAULT_MODEL_CONFIG))).toEqual(emptyHistory(DEFAULT_MODEL_CONFIG));
  });

  it('a decoded history goes on exactly like the original (base untouched by later events)', () => {
    const now = Date.parse('2025-03-05T00:00:00Z');
    const first = applyEvents(null, events.slice(0, 60).map((event, i) => ({ event, compact: compact[i]! })), { now, config: DEFAULT_MODEL_CONFIG, retention: { ...DEFAULT_RETENTION, retainMs: 0 } });
    if (first.kind !== 'changed') throw new Error('expected a change');
    const stored = { brandId: 'b', memberId: 'm', version: 1, profile: first.profile, stage: first.values.stage, level: first.values.level, eventCount: 60 };
    const rest = events.slice(60).map((event, i) => ({ event, compact: compact[60 + i]! }));
    const viaCodec = applyEvents({ ...stored, history: roundTrip(first.history) }, rest, { now, config: DEFAULT_MODEL_CONFIG, retention: DEFAULT_RETENTION });
    const direct = applyEvents({ ...stored, history: JSON.parse(JSON.stringify(first.history)) as typeof first.history }, rest, { now, config: DEFAULT_MODEL_CONFIG, retention: DEFAULT_RETENTION });
    if (viaCodec.kind !== 'changed' || direct.kind !== 'changed') throw new Error('expected changes');
    expect(viaCodec.values).toEqual(direct.values);
    expect(evaluateHistory(viaCodec.history, now + DAY, DEFAULT_MODEL_CONFIG)).toEqual(evaluateHistory(direct.history, now + DAY, DEFAULT_MODEL_CONFIG));
  });
});
