import { prefixedHmac, verifyPrefixedHmac } from './prefixed-hmac';
import type { SignatureResult } from './signature-result';

// X (Twitter) Account Activity API: HMAC-SHA256 keyed with the app's consumer secret, base64.
// - CRC (GET ?crc_token=…): answer {"response_token": "sha256=<base64 HMAC(secret, crc_token)>"}.
// - Deliveries (POST): `x-twitter-webhooks-signature: sha256=<base64 HMAC(secret, raw body)>`.
const PREFIX = 'sha256=';
// Real tokens are short; a bound keeps a GET from making us HMAC arbitrary amounts of data.
const MAX_CRC_TOKEN_LENGTH = 1024;

export type XCrcResult = { ok: true; body: { response_token: string } } | { ok: false; reason: 'missing_crc_token' | 'malformed_crc_token' | 'no_usable_secret' };

export function answerXCrc(consumerSecret: string, crcToken: unknown): XCrcResult {
  if (typeof consumerSecret !== 'string' || consumerSecret.length === 0) return { ok: false, reason: 'no_usable_secret' };
  if (crcToken === undefined || crcToken === null || crcToken === '') return { ok: false, reason: 'missing_crc_token' };
  if (typeof crcToken !== 'string' || crcToken.length > MAX_CRC_TOKEN_LENGTH) return { ok: false, reason: 'malformed_crc_token' };
  return { ok: true, body: { response_token: prefixedHmac(consumerSecret, PREFIX, 'base64', [crcToken]) } };
}

export function verifyXSignature(input: { secret: string; signatureHeader: unknown; rawBody: Buffer }): SignatureResult {
  return verifyPrefixedHmac({ secret: input.secret, header: input.signatureHeader, prefix: PREFIX, encoding: 'base64', signedParts: [input.rawBody] });
}

export function signX(secret: string, rawBody: Buffer | string): string {
  return prefixedHmac(secret, PREFIX, 'base64', [rawBody]);
}
