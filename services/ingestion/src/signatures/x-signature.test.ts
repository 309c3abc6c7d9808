import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerXCrc, signX, verifyXSignature } from './x-signature';

// https://docs.x.com/x-api/webhooks/quickstart (CRC: response_token = "sha256=" + base64 HMAC-SHA256
// of crc_token keyed with the consumer secret; POSTs carry x-twitter-webhooks-signature the same way).
const secret = 'consumer-secret-abc';
const b64 = (data: string | Buffer) => createHmac('sha256', secret).update(data).digest('base64');

describe('answerXCrc', () => {
  it('answers with the base64 HMAC of the token', () => {
    expect(answerXCrc(secret, 'crc-token-123')).toEqual({ ok: true, body: { response_token: `sha256=${b64('crc-token-123')}` } });
  });

  it('refuses missing, non-string or oversized tokens and an empty secret', () => {
    expect(answerXCrc(secret, undefined)).toEqual({ ok: false, reason: 'missing_crc_token' });
    expect(answerXCrc(secret, ['a', 'b'])).toEqual({ ok: false, reason: 'malformed_crc_token' });
    expect(answerXCrc(secret, 'x'.repeat(5000))).toEqual({ ok: false, reason: 'malformed_crc_token' });
    expect(answerXCrc('', 'abc')).toEqual({ ok: false, reason: 'no_usable_secret' });
  });
});

describe('verifyXSignature', () => {
  const body = Buffer.from('{"for_user_id":"2244994945","favorite_events":[]}');

  it('accepts an independently computed signature and signs the same', () => {
    expect(verifyXSignature({ secret, signatureHeader: `sha256=${b64(body)}`, rawBody: body })).toEqual({ ok: true });
    expect(signX(secret, body)).toBe(`sha256=${b64(body)}`);
  });

  it('rejects tampering, hex instead of base64, and malformed headers', () => {
    expect(verifyXSignature({ secret, signatureHeader: `sha256=${b64(body)}`, rawBody: Buffer.from('{}') })).toEqual({ ok: false, reason: 'signature_mismatch' });
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    expect(verifyXSignature({ secret, signatureHeader: `sha256=${hex}`, rawBody: body })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verifyXSignature({ secret, signatureHeader: `sha256=${b64(body).replace('=', '')}`, rawBody: body })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verifyXSignature({ secret, signatureHeader: null, rawBody: body })).toEqual({ ok: false, reason: 'missing_header' });
  });
});
