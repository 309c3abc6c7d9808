import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { emailHash, normalizeMember } from './email-hash';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('emailHash', () => {
  it('hashes the trimmed, lower-cased address', () => {
    expect(emailHash('  Ada.Lovelace@Example.COM \n')).toBe(sha256('ada.lovelace@example.com'));
    // Known value, computed outside this code base: printf 'ada@example.com' | sha256sum
    expect(emailHash('Ada@Example.com ')).toBe('b5fc85e55755f9e0d030a10ab4429b6b2944855f9a0d60077fe832becbc41d72');
  });

  test.prop([fc.emailAddress()])('is insensitive to case and surrounding blanks', (email) => {
    expect(emailHash(` ${email.toUpperCase()}\t`)).toBe(emailHash(email));
    expect(emailHash(email)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('normalizeMember', () => {
  it('replaces a raw email by its hash and keeps the other fields', () => {
    const out = normalizeMember({ platformId: 'u-1', handle: 'ada', displayName: 'Ada', followers: 3, isTeam: false, email: 'Ada@Example.com' }, 'x');
    expect(out).toEqual({ platformId: 'u-1', handle: 'ada', displayName: 'Ada', followers: 3, isTeam: false, emailHash: sha256('ada@example.com') });
    expect(JSON.stringify(out)).not.toMatch(/example\.com/i);
    expect('email' in out).toBe(false);
  });

  it('uses the hash as platformId for platform email', () => {
    expect(normalizeMember({ platformId: 'Ada@Example.com', email: 'Ada@Example.com' }, 'email')).toEqual({
      platformId: sha256('ada@example.com'),
      emailHash: sha256('ada@example.com'),
    });
    const hash = sha256('bob@example.com');
    expect(normalizeMember({ platformId: 'whatever', emailHash: hash }, 'email')).toEqual({ platformId: hash, emailHash: hash });
  });

  it('keeps a member without email as it is', () => {
    expect(normalizeMember({ platformId: 'u-2' }, 'slack')).toEqual({ platformId: 'u-2' });
  });

  it('drops keys it does not know, so nothing unexpected is carried along', () => {
    const sneaky = { platformId: 'u-3', email: 'c@d.io', rawEmail: 'c@d.io' } as unknown as Parameters<typeof normalizeMember>[0];
    expect(JSON.stringify(normalizeMember(sneaky, 'web'))).not.toContain('c@d.io');
  });
});
