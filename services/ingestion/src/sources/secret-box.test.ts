import { randomBytes } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createSecretBox, decodeSecretKey, keyIdOf } from './secret-box';

describe('secret box', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  test.prop([fc.string({ unit: 'grapheme' }), fc.string()])('opens what it sealed, for any text and context', (text, context) => {
    expect(box.open(box.seal(text, context), context)).toBe(text);
  });

  it('never stores the plaintext and never seals twice alike (random IV)', () => {
    const secret = 'whsec_c2VjcmV0LXZhbHVlLWZvci10ZXN0cw==';
    const a = box.seal(secret, 'src_1:webhook-secret');
    const b = box.seal(secret, 'src_1:webhook-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('c2VjcmV0');
    expect(a.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
  });

  it('refuses a ciphertext moved to another row or column (context is authenticated)', () => {
    const sealed = box.seal('s3cret', 'src_1:webhook-secret');
    expect(() => box.open(sealed, 'src_2:webhook-secret')).toThrow();
    expect(() => box.open(sealed, 'src_1:app-secret')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = box.seal('s3cret', 'ctx');
    const [v, id, payload] = sealed.split('.') as [string, string, string];
    const raw = Buffer.from(payload, 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.open(`${v}.${id}.${raw.toString('base64url')}`, 'ctx')).toThrow();
    expect(() => box.open('garbage', 'ctx')).toThrow();
    expect(() => box.open('v1.deadbeef.AAAA', 'ctx')).toThrow(/unknown key/);
  });

  it('opens values sealed with a retired key after a key rotation, seals with the new one', () => {
    const newKey = randomBytes(32);
    const sealedOld = box.seal('old', 'ctx');
    const rotated = createSecretBox(newKey, [key]);
    expect(rotated.open(sealedOld, 'ctx')).toBe('old');
    expect(rotated.seal('new', 'ctx').split('.')[1]).toBe(keyIdOf(newKey));
    expect(() => createSecretBox(newKey).open(sealedOld, 'ctx')).toThrow(/unknown key/);
  });

  it('takes a 32-byte base64 key from configuration and nothing else', () => {
    expect(decodeSecretKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => decodeSecretKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => decodeSecretKey('')).toThrow(/32 bytes/);
  });
});
