import { stringsEqualConstantTime } from './constant-time';
import { prefixedHmac, verifyPrefixedHmac } from './prefixed-hmac';
import type { SignatureResult } from './signature-result';

// Meta (Facebook Pages, Instagram) webhooks:
// - Verification (GET): hub.mode=subscribe, hub.verify_token, hub.challenge → echo the challenge
//   when the token is the one configured for the source, else 403.
// - Deliveries (POST): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`.
const PREFIX = 'sha256=';
const MAX_CHALLENGE_LENGTH = 1024;

export function verifyMetaSignature(input: { secret: string; signatureHeader: unknown; rawBody: Buffer }): SignatureResult {
  return verifyPrefixedHmac({ secret: input.secret, header: input.signatureHeader, prefix: PREFIX, encoding: 'hex', signedParts: [input.rawBody] });
}

export function signMeta(secret: string, rawBody: Buffer | string): string {
  return prefixedHmac(secret, PREFIX, 'hex', [rawBody]);
}

export interface MetaVerificationQuery {
  'hub.mode'?: unknown;
  'hub.verify_token'?: unknown;
  'hub.challenge'?: unknown;
}

export type MetaVerificationResult =
  | { ok: true; challenge: string }
  | { ok: false; reason: 'not_subscribe' | 'missing_challenge' | 'token_mismatch' | 'no_verify_token_configured' };

export function answerMetaVerification(query: MetaVerificationQuery, expectedVerifyToken: string | undefined): MetaVerificationResult {
  if (typeof expectedVerifyToken !== 'string' || expectedVerifyToken.length === 0) return { ok: false, reason: 'no_verify_token_configured' };
  if (query['hub.mode'] !== 'subscribe') return { ok: false, reason: 'not_subscribe' };
  const challenge = query['hub.challenge'];
  if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > MAX_CHALLENGE_LENGTH) {
    return { ok: false, reason: 'missing_challenge' };
  }
  const token = query['hub.verify_token'];
  if (typeof token !== 'string' || !stringsEqualConstantTime(token, expectedVerifyToken)) return { ok: false, reason: 'token_mismatch' };
  return { ok: true, challenge };
}
