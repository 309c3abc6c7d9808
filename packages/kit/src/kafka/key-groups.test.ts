import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { groupByKey } from './key-groups';

const msg = (offset: number, key: string | null) => ({ offset: String(offset), key });

describe('groupByKey', () => {
  it('groups by key in order of first appearance, offsets in order within a key', () => {
    const groups = groupByKey([msg(0, 'a'), msg(1, 'b'), msg(2, 'a'), msg(3, null), msg(4, 'b'), msg(5, null)]);
    expect(groups.map((g) => [g.key, g.messages.map((m) => m.offset)])).toEqual([
      ['a', ['0', '2']],
      ['b', ['1', '4']],
      [null, ['3', '5']],
    ]);
  });

  it('returns no groups for no messages', () => {
    expect(groupByKey([])).toEqual([]);
  });

  test.prop([fc.array(fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: null }), { maxLength: 60 })])(
    'keeps every message exactly once, each group holds one key, per-key order preserved',
    (keys) => {
      const messages = keys.map((key, offset) => msg(offset, key));
      const groups = groupByKey(messages);
      const flattened = groups.flatMap((g) => g.messages);
      expect([...flattened].sort((x, y) => Number(x.offset) - Number(y.offset))).toEqual(messages);
      expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
      for (const group of groups) {
        expect(group.messages.every((m) => m.key === group.key)).toBe(true);
        const offsets = group.messages.map((m) => Number(m.offset));
        expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
      }
    },
  );
});
