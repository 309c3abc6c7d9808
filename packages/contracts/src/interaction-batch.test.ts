import { describe, expect, test } from 'vitest';
import { inputEvent } from '../test/fixtures';
import { parseIngestBody } from './interaction-batch';
import { summarizeIssues } from './issues';

const paths = (body: unknown) => {
  const r = parseIngestBody(body);
  expect(r.ok).toBe(false);
  return r.ok ? [] : summarizeIssues(r.error).map((i) => i.path);
};

describe('parseIngestBody', () => {
  test('takes one event', () => {
    expect(parseIngestBody(inputEvent())).toEqual({ ok: true, batch: false, events: [inputEvent()] });
  });

  test('takes a batch of 1 to 1,000 events', () => {
    const events = Array.from({ length: 1000 }, (_, i) => inputEvent({ id: `e-${i}` }));
    const r = parseIngestBody({ events });
    expect(r.ok && r.events.length).toBe(1000);
    expect(r.ok && r.batch).toBe(true);
  });

  test('names the failing event and field of a batch', () => {
    const events = Array.from({ length: 5 }, (_, i) => inputEvent({ id: `e-${i}` }));
    events[3] = { ...events[3]!, occurredAt: 'yesterday' };
    events[4] = { ...events[4]!, member: { platformId: '' } };
    expect(paths({ events })).toEqual(['events[3].occurredAt', 'events[4].member.platformId']);
  });

  test('rejects an empty batch, an oversized one and non-objects', () => {
    expect(paths({ events: [] })).toEqual(['events']);
    expect(paths({ events: Array.from({ length: 1001 }, () => inputEvent()) })).toEqual(['events']);
    expect(paths({ events: 'x' })).toEqual(['events']);
    expect(paths([inputEvent()])).toEqual(['']);
    expect(paths(null)).toEqual(['']);
  });
});
