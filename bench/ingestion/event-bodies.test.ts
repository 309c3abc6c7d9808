import { parseIngestBody } from '@rapport/contracts';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { benchEventId, parseBenchEventId, requestBody } from './event-bodies';

const at = '2025-11-25T12:00:00.000Z';

describe('requestBody', () => {
  it('is a valid single canonical event with the id of request 0 of the phase', () => {
    const parsed = parseIngestBody(JSON.parse(requestBody('s', 7, 1, at)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.batch).toBe(false);
    expect(parsed.events.map((e) => e.id)).toEqual(['s.7.0']);
  });

  it('is a valid batch of distinct events, sized like the benchmark says (≈ 0.4 kB and ≈ 37 kB)', () => {
    const body = requestBody('b', 3, 100, at);
    const parsed = parseIngestBody(JSON.parse(body));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.batch).toBe(true);
    expect(new Set(parsed.events.map((e) => e.id)).size).toBe(100);
    expect(parsed.events[99]?.id).toBe('b.3.99');
    expect(body.length).toBeGreaterThan(30_000);
    expect(body.length).toBeLessThan(45_000);
    expect(requestBody('s', 1, 1, at).length).toBeLessThan(500);
  });
});

describe('bench event ids', () => {
  test.prop([fc.stringMatching(/^[a-z0-9-]{1,8}$/), fc.nat(), fc.nat({ max: 999 })])('read back what they encode', (phase, request, event) => {
    expect(parseBenchEventId(benchEventId(phase, request, event))).toEqual({ phase, request, event });
  });

  it('are undefined for anything else', () => {
    expect(parseBenchEventId('evt-123')).toBeUndefined();
    expect(parseBenchEventId('s.1')).toBeUndefined();
    expect(parseBenchEventId('s.1.2.3')).toBeUndefined();
    expect(parseBenchEventId('')).toBeUndefined();
  });
});
