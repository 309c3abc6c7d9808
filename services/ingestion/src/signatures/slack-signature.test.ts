import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSlack, verifySlackSignature } from './slack-signature';

describe('verifySlackSignature', () => {
  it("accepts Slack's documented walk-through example", () => {
    // https://api.slack.com/authentication/verifying-requests-from-slack (step-by-step walk-through)
    const rawBody = Buffer.from(
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    );
    const input = {
      secret: '8f742231b10e8888abcd99yyyzzz85a5',
      timestampHeader: '1531420618',
      signatureHeader: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      rawBody,
      now: new Date(1531420618 * 1000),
    };
    expect(verifySlackSignature(input)).toEqual({ ok: true });
    expect(signSlack(input.secret, 1531420618, rawBody)).toBe(input.signatureHeader);
    // The same request replayed six minutes later is refused.
    expect(verifySlackSignature({ ...input, now: new Date((1531420618 + 360) * 1000) })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
  });

  const secret = 'slack-signing-secret';
  const ts = 1_700_000_000;
  const body = Buffer.from('{"type":"event_callback","event_id":"Ev1"}');
  const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex');
  const base = { secret, timestampHeader: String(ts), signatureHeader: sig, rawBody: body, now: new Date(ts * 1000) };

  it('accepts an independently computed signature within five minutes either way', () => {
    expect(verifySlackSignature(base)).toEqual({ ok: true });
    expect(verifySlackSignature({ ...base, now: new Date((ts + 300) * 1000) })).toEqual({ ok: true });
    expect(verifySlackSignature({ ...base, now: new Date((ts - 301) * 1000) })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
  });

  it('binds the timestamp into the signature', () => {
    expect(verifySlackSignature({ ...base, timestampHeader: String(ts + 1) })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('rejects tampered bodies, wrong secrets and malformed headers', () => {
    expect(verifySlackSignature({ ...base, rawBody: Buffer.from('{}') })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifySlackSignature({ ...base, secret: 'x' })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifySlackSignature({ ...base, signatureHeader: sig.replace('v0=', 'v1=') })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verifySlackSignature({ ...base, signatureHeader: undefined })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifySlackSignature({ ...base, timestampHeader: undefined })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifySlackSignature({ ...base, timestampHeader: 'soon' })).toEqual({ ok: false, reason: 'malformed_timestamp' });
    expect(verifySlackSignature({ ...base, secret: '' })).toEqual({ ok: false, reason: 'no_usable_secret' });
  });
});
