import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as arb from '../test/arbitraries';
import { inputEvent } from '../test/fixtures';
import { emailHashOf, toInteractionEvent } from './canonicalize';
import { InteractionEvent } from './interaction';

const ctx = { brandId: 'acme', sourceId: 'src_01', receivedAt: '2025-03-01T12:00:01Z' };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

test('the email hash is SHA-256 of the trimmed, lower-cased address', () => {
  expect(emailHashOf('  Ada@Example.COM \n')).toBe(sha('ada@example.com'));
});

test('adds ingestion fields and hashes a raw email', () => {
  const e = toInteractionEvent(inputEvent({ member: { platformId: 'u-1', email: 'Ada@Example.com' } }), ctx);
  expect(e).toMatchObject({ ...ctx, member: { platformId: 'u-1', emailHash: sha('ada@example.com') } });
  expect(e.member).not.toHaveProperty('email');
});

test('for platform email the hash becomes the platformId, so the address never leaves', () => {
  const e = toInteractionEvent(inputEvent({ platform: 'email', member: { platformId: 'ada@example.com', email: 'ada@example.com' } }), ctx);
  expect(e.member.platformId).toBe(sha('ada@example.com'));
  expect(JSON.stringify(e)).not.toContain('ada@example.com');
});

test('a raw email wins over a hash the sender computed', () => {
  const e = toInteractionEvent(inputEvent({ member: { platformId: 'u', email: 'a@b.co', emailHash: 'f'.repeat(64) } }), ctx);
  expect(e.member.emailHash).toBe(sha('a@b.co'));
});

test('every valid sender event becomes a valid canonical event', () => {
  fc.assert(
    fc.property(arb.inputEvent, (input) => {
      const e = toInteractionEvent(input, ctx);
      expect(InteractionEvent.safeParse(e).error).toBeUndefined();
      if (input.member.email !== undefined) expect(JSON.stringify(e)).not.toContain(input.member.email);
    }),
    { numRuns: 200 },
  );
});
