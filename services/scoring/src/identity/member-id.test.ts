import { fc, test } from '@fast-check/vitest';
import { MemberId, Platform } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { memberIdFor } from './member-id';

describe('memberIdFor', () => {
  it('is a pure function of brand, platform and platform id', () => {
    expect(memberIdFor('acme', 'x', '42')).toBe(memberIdFor('acme', 'x', '42'));
    expect(memberIdFor('acme', 'x', '42')).toMatch(/^m_[a-z2-7]{26}$/);
  });

  it('differs across brands, platforms and ids', () => {
    const ids = new Set([memberIdFor('acme', 'x', '42'), memberIdFor('other', 'x', '42'), memberIdFor('acme', 'github', '42'), memberIdFor('acme', 'x', '43')]);
    expect(ids.size).toBe(4);
  });

  it('does not confuse segment boundaries that the key format makes unambiguous', () => {
    // brand ids and platforms cannot hold ':'; the free-text platform id can.
    expect(memberIdFor('a', 'x', 'b:c')).not.toBe(memberIdFor('a', 'x', 'b'));
  });

  test.prop([fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/), fc.constantFrom(...Platform.options), fc.string({ minLength: 1, maxLength: 200 })])(
    'always satisfies the contract MemberId',
    (brandId, platform, platformId) => {
      expect(MemberId.safeParse(memberIdFor(brandId, platform, platformId)).success).toBe(true);
    },
  );
});
