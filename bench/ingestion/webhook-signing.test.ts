import { describe, expect, it } from 'vitest';
import { signingKey, standardWebhookSignature } from './webhook-signing';

describe('standardWebhookSignature', () => {
  it('matches the example of the Standard Webhooks specification', () => {
    const key = signingKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(standardWebhookSignature(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('changes with the id, the timestamp and the body', () => {
    const key = signingKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const base = standardWebhookSignature(key, 'msg_1', 1, '{}');
    expect(standardWebhookSignature(key, 'msg_2', 1, '{}')).not.toBe(base);
    expect(standardWebhookSignature(key, 'msg_1', 2, '{}')).not.toBe(base);
    expect(standardWebhookSignature(key, 'msg_1', 1, '{ }')).not.toBe(base);
  });

  it('refuses a secret without the whsec_ prefix', () => {
    expect(() => signingKey('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toThrow(/whsec_/);
  });
});
