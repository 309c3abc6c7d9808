import type { InteractionEvent } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { expectedRollups, withdrawnIds } from './expected-rollups';

const DAY = 86_400_000;
const T0 = Date.parse('2026-02-01T00:00:00.000Z');
const event = (id: string, type: InteractionEvent['type'], ms: number, extra: Partial<InteractionEvent> = {}): InteractionEvent => ({
  id,
  brandId: 'b',
  sourceId: 's',
  receivedAt: new Date(T0 + ms).toISOString(),
  platform: 'x',
  type,
  direction: 'inbound',
  occurredAt: new Date(T0 + ms).toISOString(),
  member: { platformId: 'u' },
  ...extra,
});

describe('withdrawnIds', () => {
  it('withdraws what retractions name, never a retraction', () => {
    const events = [
      event('r1', 'reaction', 0),
      event('x1', 'retraction', 1, { content: { parentId: 'r1' } }),
      event('x2', 'retraction', 2, { content: { parentId: 'x1' } }),
      event('x3', 'retraction', 3, { content: { parentId: 'not-there' } }),
    ];
    expect(withdrawnIds(events)).toEqual(new Set(['r1']));
  });
});

describe('expectedRollups', () => {
  const member = [
    event('f', 'follow', 0),
    event('r', 'reaction', DAY),
    event('x', 'retraction', DAY + 1, { content: { parentId: 'r' } }),
    event('o', 'reply', DAY + 2, { direction: 'outbound', content: { parentId: 'f' } }),
    event('c1', 'conversion', 2 * DAY, { conversion: { value: 20.5, currency: 'EUR' } }),
    event('c2', 'conversion', 3 * DAY, { conversion: { value: 10, currency: 'EUR' } }),
    event('u', 'retraction', 4 * DAY, { content: { parentId: 'c2' } }),
  ];
  const teammate = [event('t', 'comment', DAY)];

  it('counts inbound, non-retraction, non-withdrawn events and conversions of non-team members', () => {
    const expected = expectedRollups([{ isTeam: false, events: member }, { isTeam: true, events: teammate }], { fromMs: T0, toMs: Number.POSITIVE_INFINITY });
    expect(expected.interactionsByType).toEqual({ follow: 1, conversion: 1 });
    expect(expected.interactions).toBe(2);
    expect(expected.conversions).toEqual({ EUR: { count: 1, revenue: 20.5 } });
  });

  it('keeps to the range: from inclusive, to exclusive', () => {
    const expected = expectedRollups([{ isTeam: false, events: member }], { fromMs: T0 + DAY, toMs: T0 + 2 * DAY });
    expect(expected.interactions).toBe(0);
    expect(expectedRollups([{ isTeam: false, events: member }], { fromMs: T0 + 2 * DAY, toMs: T0 + 3 * DAY }).interactions).toBe(1);
  });
});
