import { digestsEqual } from './constant-time';
import { decodeBase64Digest, decodeHexDigest } from './digest-codec';
import { hmacSha256 } from './hmac-sha256';
import { signatureFailed, signatureOk, type SignatureResult } from './signature-result';

// Far above any real signature header (≈ 70 chars); refusing longer ones early keeps a hostile
// sender from making us scan megabytes of header.
export const MAX_SIGNATURE_HEADER_LENGTH = 4096;

export interface PrefixedHmacCheck {
  /** The shared secret, used as raw UTF-8 HMAC key (as every platform here documents). */
  secret: string;
  /** The header value as received; typed loosely because HTTP layers may hand over arrays. */
  header: unknown;
  /** Scheme prefix before the digest, e.g. `sha256=` or `v0=`. */
  prefix: string;
  encoding: 'hex' | 'base64';
  /** What was signed, in order (concatenated byte for byte). */
  signedParts: (string | Buffer)[];
}

// The single-signature schemes of X, Meta, Slack, GitHub and Discourse all have the same shape:
// `<prefix><digest of HMAC-SHA256(secret, content)>` in one header.
export function verifyPrefixedHmac(check: PrefixedHmacCheck): SignatureResult {
  const { header, prefix } = check;
  if (typeof check.secret !== 'string' || check.secret.length === 0) return signatureFailed('no_usable_secret');
  if (header === undefined || header === null || header === '') return signatureFailed('missing_header');
  if (typeof header !== 'string') return signatureFailed('malformed_header');
  if (header.length > MAX_SIGNATURE_HEADER_LENGTH) return signatureFailed('malformed_header');
  if (!header.startsWith(prefix)) return signatureFailed('malformed_header');
  const text = header.slice(prefix.length);
  const received = check.encoding === 'hex' ? decodeHexDigest(text) : decodeBase64Digest(text);
  if (!received) return signatureFailed('malformed_header');
  const expected = hmacSha256(check.secret, ...check.signedParts);
  return digestsEqual(expected, received) ? signatureOk : signatureFailed('signature_mismatch');
}

export function prefixedHmac(secret: string, prefix: string, encoding: 'hex' | 'base64', signedParts: (string | Buffer)[]): string {
  return prefix + hmacSha256(secret, ...signedParts).toString(encoding);
}
