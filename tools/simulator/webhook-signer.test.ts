import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signStandardWebhook, webhookHeaders } from './webhook-signer';

// The published example that ingestion's verifier is tested with (Svix docs, "Verifying Webhooks
// Manually"; the same vector is in the svix and standardwebhooks library tests).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signer', () => {
  it('signs the published vector exactly', () => {
    expect(signStandardWebhook(VECTOR)).toBe(VECTOR.signature);
    expect(signStandardWebhook({ ...VECTOR, body: Buffer.from(VECTOR.body) })).toBe(VECTOR.signature);
    expect(webhookHeaders(VECTOR)).toEqual({ 'webhook-id': VECTOR.id, 'webhook-timestamp': '1614265330', 'webhook-signature': VECTOR.signature });
  });

  it('changes with every signed part', () => {
    expect(signStandardWebhook({ ...VECTOR, body: '{"test": 2432232315}' })).not.toBe(VECTOR.signature);
    expect(signStandardWebhook({ ...VECTOR, id: 'msg_other' })).not.toBe(VECTOR.signature);
    expect(signStandardWebhook({ ...VECTOR, timestamp: VECTOR.timestamp + 1 })).not.toBe(VECTOR.signature);
  });

  it('signs UTF-8 bodies as their bytes, like an independent HMAC', () => {
    const body = JSON.stringify({ text: 'héllo ✓ 👋' });
    const key = Buffer.from(VECTOR.secret.slice('whsec_'.length), 'base64');
    const expected = 'v1,' + createHmac('sha256', key).update(`${VECTOR.id}.${VECTOR.timestamp}.`).update(Buffer.from(body, 'utf8')).digest('base64');
    expect(signStandardWebhook({ ...VECTOR, body })).toBe(expected);
    // A secret without its prefix is the same key, as in the official libraries.
    expect(signStandardWebhook({ ...VECTOR, body, secret: VECTOR.secret.slice('whsec_'.length) })).toBe(expected);
  });

  it('refuses an unusable secret or timestamp', () => {
    expect(() => signStandardWebhook({ ...VECTOR, secret: 'whsec_' })).toThrow(TypeError);
    expect(() => signStandardWebhook({ ...VECTOR, secret: 'whsec_not base64!' })).toThrow(TypeError);
    expect(() => signStandardWebhook({ ...VECTOR, timestamp: 1.5 })).toThrow(RangeError);
  });
});
