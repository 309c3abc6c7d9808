import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { cleanText } from './platform-text';
import { eventTime, isoFromDateString, isoFromUnixEpochGuess, isoFromUnixMillis, isoFromUnixSeconds } from './platform-time';

describe('platform-time', () => {
  it('reads the forms platforms send', () => {
    expect(isoFromUnixSeconds(1520383571)).toBe('2018-03-07T00:46:11.000Z');
    expect(isoFromUnixSeconds('1355517523.000005')).toBe('2012-12-14T20:38:43.000Z');
    expect(isoFromUnixMillis('1517588749178')).toBe('2018-02-02T16:25:49.178Z');
    expect(isoFromUnixEpochGuess(1714566000000)).toBe('2024-05-01T12:20:00.000Z');
    expect(isoFromUnixEpochGuess(1714566000)).toBe('2024-05-01T12:20:00.000Z');
    expect(isoFromDateString('Mon Mar 26 16:33:26 +0000 2018')).toBe('2018-03-26T16:33:26.000Z');
    expect(isoFromDateString('2019-05-15T15:20:40Z')).toBe('2019-05-15T15:20:40.000Z');
  });

  it('answers undefined for unusable values and falls back on the receive time', () => {
    for (const bad of [undefined, null, '', 'soon', '-5', '1e9', Number.NaN, Infinity, 1e20, 5]) expect(isoFromUnixSeconds(bad)).toBeUndefined();
    expect(isoFromDateString('not a date')).toBeUndefined();
    expect(isoFromDateString('x'.repeat(100))).toBeUndefined();
    const at = new Date('2024-05-01T00:00:00Z');
    expect(eventTime(at, undefined, undefined)).toBe('2024-05-01T00:00:00.000Z');
    expect(eventTime(at, undefined, '2020-01-01T00:00:00.000Z')).toBe('2020-01-01T00:00:00.000Z');
  });

  test.prop([fc.anything()])('never throws', (value) => {
    expect(() => [isoFromUnixSeconds(value), isoFromUnixMillis(value), isoFromUnixEpochGuess(value), isoFromDateString(value)]).not.toThrow();
  });
});

describe('platform-text', () => {
  it('removes NUL, replaces lone surrogates, clips by code points', () => {
    expect(cleanText('a\u0000b', 10)).toBe('ab');
    expect(cleanText('a\uD800b', 10)).toBe('a\uFFFDb');
    expect(cleanText('😀😀😀', 2)).toBe('😀😀');
    expect(cleanText(undefined, 5)).toBeUndefined();
  });

  test.prop([fc.string({ unit: 'binary' }), fc.integer({ min: 0, max: 50 })])('yields storable text within the bound', (text, max) => {
    const out = cleanText(text, max) ?? '';
    expect(Array.from(out).length).toBeLessThanOrEqual(max);
    expect(out.includes('\u0000')).toBe(false);
    expect(out).not.toMatch(/\p{Surrogate}/u);
  });
});
