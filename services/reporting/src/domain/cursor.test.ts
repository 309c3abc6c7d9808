import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { MEMBER_SORTS, decodeAlertCursor, decodeMemberCursor, encodeAlertCursor, encodeMemberCursor } from './cursor';

describe('member cursors', () => {
  test.prop([
    fc.record({
      sort: fc.constantFrom(...MEMBER_SORTS),
      asOfMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      key: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(Number.NEGATIVE_INFINITY)),
      memberId: fc.string({ minLength: 1, maxLength: 200 }),
    }),
  ])('round-trip exactly, including −Infinity keys', (c) => {
    const encoded = encodeMemberCursor(c);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = decodeMemberCursor(encoded);
    expect(decoded).toEqual({ ...c, key: Object.is(c.key, -0) ? 0 : c.key });
  });

  it('rejects anything it did not issue', () => {
    for (const bad of ['', 'x', "' OR 1=1 --", 'a'.repeat(5000), Buffer.from('{"v":2}').toString('base64url'),
      Buffer.from('{"v":1,"s":"-score","a":1,"k":"NaN","m":"x"}').toString('base64url'),
      Buffer.from('{"v":1,"s":"-score","a":1,"k":"Infinity","m":"x"}').toString('base64url'),
      Buffer.from('{"v":1,"s":"name","a":1,"k":"1","m":"x"}').toString('base64url')]) {
      expect(decodeMemberCursor(bad)).toBeNull();
    }
  });
});

describe('alert cursors', () => {
  it('round-trip and reject garbage', () => {
    const c = { atMs: 1_700_000_000_000, memberId: 'm-1', kind: 'lapsed' };
    expect(decodeAlertCursor(encodeAlertCursor(c))).toEqual(c);
    expect(decodeAlertCursor('%%%')).toBeNull();
    expect(decodeAlertCursor(encodeMemberCursor({ sort: '-score', asOfMs: 1, key: 1, memberId: 'm' }))).toBeNull();
  });
});
