import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signDiscourse, verifyDiscourseSignature } from './discourse-signature';

// Discourse signs the raw body: "sha256=" + HMAC-SHA256(secret, body) in hex
// (https://meta.discourse.org/t/setting-up-webhooks/49045, WebHook#emit "X-Discourse-Event-Signature").
const secret = 'discourse-secret-0123456789';
const body = Buffer.from('{"post":{"id":10,"post_number":2,"username":"alice"}}');
const header = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');

describe('verifyDiscourseSignature', () => {
  it('accepts an independently computed signature and signs the same', () => {
    expect(verifyDiscourseSignature({ secret, signatureHeader: header, rawBody: body })).toEqual({ ok: true });
    expect(signDiscourse(secret, body)).toBe(header);
  });

  it('rejects tampering, wrong secrets and malformed headers', () => {
    expect(verifyDiscourseSignature({ secret, signatureHeader: header, rawBody: Buffer.from('{}') })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyDiscourseSignature({ secret: secret + 'x', signatureHeader: header, rawBody: body })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyDiscourseSignature({ secret, signatureHeader: header.replace('sha256=', 'sha1='), rawBody: body })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verifyDiscourseSignature({ secret, signatureHeader: '', rawBody: body })).toEqual({ ok: false, reason: 'missing_header' });
  });
});
