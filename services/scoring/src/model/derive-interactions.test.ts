import { describe, expect, it } from 'vitest';
import { AppliedInteraction } from '@rapport/contracts';
import { deriveInteractions } from './derive-interactions';
import { DAY, HOUR, T0, ev, iso, many } from './test-events';

describe('derived interactions', () => {
  it('carry weight, sentiment and the intrinsic fields, valid against the contract', () => {
    const entries = deriveInteractions([
      ev({ id: 'r', type: 'review', at: T0, rating: 5, text: 'good', platform: 'store' }),
      { ...ev({ id: 'c', type: 'comment', at: T0 + 1 }), sourceId: 'src-1' },
    ]);
    expect(entries).toEqual([
      { id: 'r', type: 'review', direction: 'inbound', platform: 'store', occurredAt: iso(T0), weight: 9, sentiment: 0.6 },
      { id: 'c', sourceId: 'src-1', type: 'comment', direction: 'inbound', platform: 'x', occurredAt: iso(T0 + 1), weight: 4, sentiment: null },
    ]);
    for (const entry of entries) expect(AppliedInteraction.safeParse(entry).success).toBe(true);
  });

  it('give a conversion its value, currency and the stage just before it', () => {
    const engagedThenBuys = [...many(2, 'comment', T0), ev({ id: 'buy', type: 'conversion', at: T0 + HOUR, value: 42 })];
    expect(deriveInteractions(engagedThenBuys).find((e) => e.id === 'buy')).toMatchObject({
      value: 42,
      currency: 'EUR',
      stageBefore: 'at_risk', // love decayed just under 8 one hour later; rule 3 held at T0
      weight: 10,
    });
    const advocate = [...many(3, 'share', T0), ev({ id: 'buy', type: 'conversion', at: T0 + DAY })];
    expect(deriveInteractions(advocate).find((e) => e.id === 'buy')?.stageBefore).toBe('advocate');
  });

  it('exclude events of the same instant from the stage before a conversion', () => {
    const sameInstant = [...many(2, 'comment', T0), ev({ id: 'buy', type: 'conversion', at: T0 })];
    expect(deriveInteractions(sameInstant).find((e) => e.id === 'buy')?.stageBefore).toBe('new');
  });

  it("call a first-ever buyer 'new', not 'lapsed' for want of earlier activity", () => {
    expect(deriveInteractions([ev({ id: 'buy', type: 'conversion', at: T0 })])[0]?.stageBefore).toBe('new');
  });

  it("keep 'lapsed' for a member whose earlier activity is over 60 days old", () => {
    const returning = [ev({ id: 'old', type: 'comment', at: T0 }), ev({ id: 'buy', type: 'conversion', at: T0 + 61 * DAY })];
    expect(deriveInteractions(returning).find((e) => e.id === 'buy')?.stageBefore).toBe('lapsed');
  });

  it('are one per id, in canonical order, whatever the input order', () => {
    const a = ev({ id: 'a', type: 'reaction', at: T0 + 1 });
    const b = ev({ id: 'b', type: 'reaction', at: T0 });
    expect(deriveInteractions([a, b, a]).map((e) => e.id)).toEqual(['b', 'a']);
  });
});
