import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerMetaVerification, signMeta, verifyMetaSignature } from './meta-signature';

// https://developers.facebook.com/docs/graph-api/webhooks/getting-started
// "Validating Payloads": X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, payload).
const secret = '8a1b2c3d4e5f60718293a4b5c6d7e8f9';
const body = Buffer.from('{"object":"page","entry":[{"id":"1","time":1700000000,"changes":[]}]}');
const header = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');

describe('verifyMetaSignature', () => {
  it('accepts an independently computed signature and signs the same', () => {
    expect(verifyMetaSignature({ secret, signatureHeader: header, rawBody: body })).toEqual({ ok: true });
    expect(signMeta(secret, body)).toBe(header);
  });

  it('rejects tampering, a wrong secret, the sha1 header form and bad shapes', () => {
    expect(verifyMetaSignature({ secret, signatureHeader: header, rawBody: Buffer.from(body.toString().replace('page', 'user')) })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyMetaSignature({ secret: 'nope', signatureHeader: header, rawBody: body })).toEqual({ ok: false, reason: 'signature_mismatch' });
    const sha1 = 'sha1=' + createHmac('sha1', secret).update(body).digest('hex');
    expect(verifyMetaSignature({ secret, signatureHeader: sha1, rawBody: body })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verifyMetaSignature({ secret, signatureHeader: 'sha256=', rawBody: body })).toEqual({ ok: false, reason: 'malformed_header' });
  });
});

describe('answerMetaVerification', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token', 'hub.challenge': '1158201444' };

  it('echoes the challenge when the token matches', () => {
    expect(answerMetaVerification(query, 'my-verify-token')).toEqual({ ok: true, challenge: '1158201444' });
  });

  it('refuses a wrong token, a wrong mode, a missing challenge or no configured token', () => {
    expect(answerMetaVerification(query, 'other-token')).toEqual({ ok: false, reason: 'token_mismatch' });
    expect(answerMetaVerification({ ...query, 'hub.verify_token': undefined }, 'my-verify-token')).toEqual({ ok: false, reason: 'token_mismatch' });
    expect(answerMetaVerification({ ...query, 'hub.verify_token': ['my-verify-token'] }, 'my-verify-token')).toEqual({ ok: false, reason: 'token_mismatch' });
    expect(answerMetaVerification({ ...query, 'hub.mode': 'unsubscribe' }, 'my-verify-token')).toEqual({ ok: false, reason: 'not_subscribe' });
    expect(answerMetaVerification({ ...query, 'hub.challenge': '' }, 'my-verify-token')).toEqual({ ok: false, reason: 'missing_challenge' });
    expect(answerMetaVerification({ ...query, 'hub.challenge': 'x'.repeat(2000) }, 'my-verify-token')).toEqual({ ok: false, reason: 'missing_challenge' });
    expect(answerMetaVerification(query, undefined)).toEqual({ ok: false, reason: 'no_verify_token_configured' });
    expect(answerMetaVerification(query, '')).toEqual({ ok: false, reason: 'no_verify_token_configured' });
  });
});
