import { prefixedHmac, verifyPrefixedHmac } from './prefixed-hmac';
import type { SignatureResult } from './signature-result';

// Discourse: `X-Discourse-Event-Signature: sha256=<hex HMAC-SHA256(webhook secret, raw body)>`.
// No timestamp either; `X-Discourse-Event-Id` serves as the delivery id for dedupe.
const PREFIX = 'sha256=';

export function verifyDiscourseSignature(input: { secret: string; signatureHeader: unknown; rawBody: Buffer }): SignatureResult {
  return verifyPrefixedHmac({ secret: input.secret, header: input.signatureHeader, prefix: PREFIX, encoding: 'hex', signedParts: [input.rawBody] });
}

export function signDiscourse(secret: string, rawBody: Buffer | string): string {
  return prefixedHmac(secret, PREFIX, 'hex', [rawBody]);
}
