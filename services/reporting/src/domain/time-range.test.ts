import { describe, expect, it } from 'vitest';
import { resolveRange } from './time-range';

const now = new Date('2025-06-01T12:00:00Z');

describe('resolveRange', () => {
  it('defaults to the last 90 days', () => {
    expect(resolveRange(undefined, undefined, now)).toEqual({ ok: true, from: new Date('2025-03-03T12:00:00Z'), to: now });
    expect(resolveRange('2025-05-01T00:00:00Z', undefined, now)).toEqual({ ok: true, from: new Date('2025-05-01T00:00:00Z'), to: now });
    expect(resolveRange(undefined, '2025-05-01T00:00:00Z', now)).toMatchObject({ ok: true, from: new Date('2025-01-31T00:00:00Z') });
  });

  it('refuses an empty, inverted or longer-than-two-years range', () => {
    expect(resolveRange('2025-05-01T00:00:00Z', '2025-05-01T00:00:00Z', now)).toMatchObject({ ok: false, path: 'from' });
    expect(resolveRange('2023-05-01T00:00:00Z', '2025-05-01T00:00:00Z', now)).toEqual({ ok: true, from: new Date('2023-05-01T00:00:00Z'), to: new Date('2025-05-01T00:00:00Z') });
    expect(resolveRange('2023-05-01T00:00:00Z', '2025-05-01T00:00:00.001Z', now)).toMatchObject({ ok: false, path: 'to' });
    expect(resolveRange('2000-01-01T00:00:00Z', undefined, now)).toMatchObject({ ok: false, path: 'to' });
  });
});
