import { createHmac, randomBytes } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateStandardWebhookSecret } from './standard-webhooks-secret';
import { signStandardWebhook, standardWebhookHeaders, verifyStandardWebhook } from './standard-webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = Buffer.from('{"test": 2432232314}');
const at = (seconds: number) => new Date(seconds * 1000);

// Computed here, independently of the module: base64 HMAC-SHA256 keyed with the decoded secret.
function reference(secret: string, id: string, ts: number | string, body: Buffer): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest('base64');
}

const verify = (over: Partial<Parameters<typeof verifyStandardWebhook>[0]> = {}) =>
  verifyStandardWebhook({
    secrets: [SECRET],
    id: ID,
    timestamp: String(TS),
    signatureHeader: reference(SECRET, ID, TS, BODY),
    rawBody: BODY,
    now: at(TS),
    ...over,
  });

describe('verifyStandardWebhook', () => {
  it('accepts the published example (Svix docs, "Verifying Webhooks Manually"; same vector in the svix library tests)', () => {
    // https://docs.svix.com/receiving/verifying-payloads/how-manual
    const result = verifyStandardWebhook({
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: '1614265330',
      signatureHeader: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      rawBody: Buffer.from('{"test": 2432232314}'),
      now: at(1614265330),
    });
    expect(result).toEqual({ ok: true });
  });

  it('signs exactly what an independent HMAC computes', () => {
    expect(signStandardWebhook({ secret: SECRET, id: ID, timestamp: TS, rawBody: BODY })).toBe(reference(SECRET, ID, TS, BODY));
    expect(signStandardWebhook({ secret: SECRET, id: ID, timestamp: TS, rawBody: BODY })).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('rejects a tampered body, id, timestamp or a wrong secret', () => {
    expect(verify({ rawBody: Buffer.from('{"test": 2432232315}') })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ id: 'msg_other' })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ timestamp: String(TS + 1) })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ secrets: [generateStandardWebhookSecret()] })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('accepts within ±5 minutes and rejects beyond, in both directions', () => {
    expect(verify({ now: at(TS + 300) })).toEqual({ ok: true });
    expect(verify({ now: at(TS - 300) })).toEqual({ ok: true });
    expect(verify({ now: at(TS + 301) })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(verify({ now: at(TS - 301) })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(verify({ now: at(TS + 30), toleranceSeconds: 10 })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
  });

  it('accepts any of the current and previous secrets during a rotation', () => {
    const next = generateStandardWebhookSecret();
    expect(verify({ secrets: [next, SECRET] })).toEqual({ ok: true });
    const signedWithNext = reference(next, ID, TS, BODY);
    expect(verify({ secrets: [next, SECRET], signatureHeader: signedWithNext })).toEqual({ ok: true });
    expect(verify({ secrets: [SECRET], signatureHeader: signedWithNext })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('finds the matching entry in a space-separated list and ignores other versions', () => {
    const good = reference(SECRET, ID, TS, BODY);
    const other = reference(generateStandardWebhookSecret(), ID, TS, BODY);
    expect(verify({ signatureHeader: `${other} ${good}` })).toEqual({ ok: true });
    expect(verify({ signatureHeader: `v1a,${good.slice(3)} ${good}` })).toEqual({ ok: true });
    expect(verify({ signatureHeader: `v2,${good.slice(3)}` })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verify({ signatureHeader: `v1a,${good.slice(3)} ${other}` })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ signatureHeader: `garbage  ${good}` })).toEqual({ ok: true });
  });

  it('rejects malformed and missing headers with a reason, without throwing', () => {
    const digest = reference(SECRET, ID, TS, BODY).slice(3);
    const cases: [unknown, string][] = [
      [undefined, 'missing_header'],
      ['', 'missing_header'],
      [['v1,' + digest], 'malformed_header'],
      ['v1,', 'malformed_header'],
      ['v1,not base64!', 'malformed_header'],
      [`v1,${digest.slice(0, -4)}`, 'malformed_header'], // too short
      [`v1,${digest}AAAA`, 'malformed_header'], // too long
      [`v1,${Buffer.alloc(31).toString('base64')}`, 'malformed_header'],
      [`${digest}`, 'malformed_header'], // no version
      [`v1,${digest} `.repeat(200), 'malformed_header'], // over the header bound
    ];
    for (const [signatureHeader, reason] of cases) expect(verify({ signatureHeader })).toEqual({ ok: false, reason });
  });

  it('rejects missing ids and malformed timestamps', () => {
    expect(verify({ id: undefined })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verify({ id: '' })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verify({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing_header' });
    for (const timestamp of [`${TS}abc`, '1.6e9', `-${TS}`, ` ${TS}`, `${TS}.0`, '0x5f', 'x'.repeat(10_000), TS]) {
      expect(verify({ timestamp })).toEqual({ ok: false, reason: 'malformed_timestamp' });
    }
  });

  it('reports a configuration problem when no secret is usable, and skips unusable ones', () => {
    expect(verify({ secrets: [] })).toEqual({ ok: false, reason: 'no_usable_secret' });
    expect(verify({ secrets: ['whsec_', 'whsec_!!!!', ''] })).toEqual({ ok: false, reason: 'no_usable_secret' });
    expect(verify({ secrets: ['whsec_!!!!', SECRET] })).toEqual({ ok: true });
    // Like the official libraries, bare base64 (no prefix) is the same key.
    expect(verify({ secrets: [SECRET.slice('whsec_'.length)] })).toEqual({ ok: true });
  });

  it('signs and builds headers for several secrets', () => {
    const other = generateStandardWebhookSecret();
    const headers = standardWebhookHeaders({ secrets: [SECRET, other], id: ID, timestamp: TS, rawBody: BODY });
    expect(headers).toEqual({
      'webhook-id': ID,
      'webhook-timestamp': String(TS),
      'webhook-signature': `${reference(SECRET, ID, TS, BODY)} ${reference(other, ID, TS, BODY)}`,
    });
    expect(() => signStandardWebhook({ secret: 'whsec_', id: ID, timestamp: TS, rawBody: BODY })).toThrow(TypeError);
  });
});

describe('interoperability with the official standardwebhooks library', () => {
  const body = Buffer.from(JSON.stringify({ id: 'evt_1', type: 'comment', text: 'héllo ✓' }));

  it('verifies what the official library signs', () => {
    const secret = generateStandardWebhookSecret();
    const now = new Date();
    const signature = new Webhook(secret).sign('msg_interop_1', now, body);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    expect(verifyStandardWebhook({ secrets: [secret], id: 'msg_interop_1', timestamp, signatureHeader: signature, rawBody: body, now })).toEqual({ ok: true });
  });

  it('is verified by the official library', () => {
    const secret = generateStandardWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = standardWebhookHeaders({ secrets: [secret], id: 'msg_interop_2', timestamp, rawBody: body });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body.toString()));
    // And the official library refuses ours when the body changes: the comparison is real.
    expect(() => new Webhook(secret).verify(Buffer.from('{}'), headers)).toThrow();
  });

  test.prop([fc.uint8Array({ minLength: 24, maxLength: 64 }), fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 500 })])(
    'agrees with the official signer for random secrets, ids and UTF-8 bodies',
    (secretBytes, id, text) => {
      const secret = 'whsec_' + Buffer.from(secretBytes).toString('base64');
      const when = new Date(TS * 1000);
      const official = new Webhook(secret).sign(id, when, text);
      expect(signStandardWebhook({ secret, id, timestamp: TS, rawBody: Buffer.from(text) })).toBe(official);
    },
  );
});

describe('garbage never throws and never verifies', () => {
  test.prop([fc.anything(), fc.anything(), fc.anything(), fc.uint8Array({ maxLength: 256 })])(
    'random headers',
    (id, timestamp, signatureHeader, body) => {
      const result = verifyStandardWebhook({ secrets: [SECRET], id, timestamp, signatureHeader, rawBody: Buffer.from(body), now: at(TS) });
      expect(result.ok).toBe(false);
    },
  );

  test.prop([fc.array(fc.string(), { maxLength: 4 }), fc.string()])('random secrets', (secrets, header) => {
    expect(() => verify({ secrets, signatureHeader: header })).not.toThrow();
  });

  it('a random key never verifies a real signature', () => {
    const forged = 'v1,' + randomBytes(32).toString('base64');
    expect(verify({ signatureHeader: forged })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });
});
