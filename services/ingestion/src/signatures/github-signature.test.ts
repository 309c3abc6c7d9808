import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signGithub, verifyGithubSignature } from './github-signature';

const hex = (secret: string, body: Buffer | string) => createHmac('sha256', secret).update(body).digest('hex');

describe('verifyGithubSignature', () => {
  it("accepts GitHub's documented test values", () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const result = verifyGithubSignature({
      secret: "It's a Secret to Everybody",
      signatureHeader: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      rawBody: Buffer.from('Hello, World!'),
    });
    expect(result).toEqual({ ok: true });
    expect(signGithub("It's a Secret to Everybody", 'Hello, World!')).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });

  const secret = 'gh-secret';
  const body = Buffer.from('{"action":"created","starred_at":"2024-01-01T00:00:00Z"}');

  it('accepts an independently computed signature, in either hex case', () => {
    expect(verifyGithubSignature({ secret, signatureHeader: `sha256=${hex(secret, body)}`, rawBody: body })).toEqual({ ok: true });
    expect(verifyGithubSignature({ secret, signatureHeader: `sha256=${hex(secret, body).toUpperCase()}`, rawBody: body })).toEqual({ ok: true });
  });

  it('rejects tampering and wrong secrets', () => {
    const signatureHeader = `sha256=${hex(secret, body)}`;
    expect(verifyGithubSignature({ secret, signatureHeader, rawBody: Buffer.from(body.toString() + ' ') })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyGithubSignature({ secret: 'other', signatureHeader, rawBody: body })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('rejects the legacy sha1 form and malformed headers', () => {
    const digest = hex(secret, body);
    const sha1 = createHmac('sha1', secret).update(body).digest('hex');
    for (const signatureHeader of [`sha1=${sha1}`, digest, `sha256=${digest.slice(1)}`, `sha256=${digest}0`, `sha256=${'g'.repeat(64)}`, `SHA256=${digest}`, ` sha256=${digest}`, `sha256=${digest}`.repeat(100), 42]) {
      expect(verifyGithubSignature({ secret, signatureHeader, rawBody: body })).toEqual({ ok: false, reason: 'malformed_header' });
    }
    expect(verifyGithubSignature({ secret, signatureHeader: undefined, rawBody: body })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifyGithubSignature({ secret: '', signatureHeader: `sha256=${digest}`, rawBody: body })).toEqual({ ok: false, reason: 'no_usable_secret' });
  });
});
