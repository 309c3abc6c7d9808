import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  function counting(values: Record<string, string>) {
    const loads: string[] = [];
    return { loads, load: (key: string) => Promise.resolve(((loads.push(key), values[key]))) };
  }

  it('loads once per key within the TTL, misses included', async () => {
    let now = 0;
    const { loads, load } = counting({ a: 'A' });
    const cache = new TtlCache(load, 1_000, 100, () => now);
    expect(await cache.get('a')).toBe('A');
    expect(await cache.get('a')).toBe('A');
    expect(await cache.get('zz')).toBeUndefined();
    expect(await cache.get('zz')).toBeUndefined();
    expect(loads).toEqual(['a', 'zz']);
    now = 1_000;
    await cache.get('a');
    expect(loads).toEqual(['a', 'zz', 'a']);
  });

  it('shares one load between concurrent misses', async () => {
    const { loads, load } = counting({ a: 'A' });
    const cache = new TtlCache(load, 1_000);
    expect(await Promise.all([cache.get('a'), cache.get('a'), cache.get('a')])).toEqual(['A', 'A', 'A']);
    expect(loads).toEqual(['a']);
  });

  it('reloads after an invalidation, and does not keep a load that raced it', async () => {
    const values: Record<string, string> = { a: 'old' };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const cache = new TtlCache(async (key) => {
      const value = values[key];
      if (first) {
        first = false;
        await gate;
      }
      return value;
    }, 60_000);
    const racing = cache.get('a');
    values.a = 'new';
    cache.invalidate('a');
    release();
    expect(await racing).toBe('old');
    expect(await cache.get('a')).toBe('new');
  });

  it('does not cache a failed load', async () => {
    let fail = true;
    const cache = new TtlCache((key) => (fail ? Promise.reject(new Error('down')) : Promise.resolve(key)), 60_000);
    await expect(cache.get('a')).rejects.toThrow('down');
    fail = false;
    expect(await cache.get('a')).toBe('a');
  });

  it('stays within its size bound', async () => {
    const loads: string[] = [];
    const tracking = new TtlCache((key) => Promise.resolve((loads.push(key), key)), 60_000, 2);
    for (const key of ['a', 'b', 'c']) await tracking.get(key);
    await tracking.get('a'); // evicted as the oldest
    await tracking.get('c'); // still cached
    expect(loads).toEqual(['a', 'b', 'c', 'a']);
  });
});
