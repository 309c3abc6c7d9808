import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseGroupTopic, parseOffset, parseTime } from './cli-values';

describe('CLI values', () => {
  it('parses RFC 3339 times and dates, refusing times without an offset', () => {
    expect(parseTime('2026-11-20T10:00:00Z').toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(parseTime('2026-11-20T10:00:00.5+01:00').toISOString()).toBe('2026-11-20T09:00:00.500Z');
    expect(parseTime('2026-11-20').toISOString()).toBe('2026-11-20T00:00:00.000Z');
    for (const bad of ['2026-11-20T10:00:00', 'yesterday', '2026-13-45T10:00:00Z', '']) expect(() => parseTime(bad), bad).toThrow(InvalidArgumentError);
  });

  it('keeps offsets exact and refuses anything but digits', () => {
    expect(parseOffset('18446744073709551615')).toBe(18446744073709551615n);
    for (const bad of ['-1', '1.5', 'ten', '']) expect(() => parseOffset(bad), bad).toThrow(InvalidArgumentError);
  });

  it('collects group=topic pairs', () => {
    expect(parseGroupTopic('b=t2', parseGroupTopic('a=t1'))).toEqual([
      { group: 'a', topic: 't1' },
      { group: 'b', topic: 't2' },
    ]);
    expect(() => parseGroupTopic('a')).toThrow(InvalidArgumentError);
  });
});
