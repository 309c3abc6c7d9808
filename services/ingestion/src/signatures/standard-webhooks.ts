import { digestsEqual } from './constant-time';
import { decodeBase64Digest } from './digest-codec';
import { hmacSha256 } from './hmac-sha256';
import { MAX_SIGNATURE_HEADER_LENGTH } from './prefixed-hmac';
import { signatureFailed, signatureOk, type SignatureResult } from './signature-result';
import { decodeStandardWebhookSecret } from './standard-webhooks-secret';
import { checkTimestamp, DEFAULT_TOLERANCE_SECONDS } from './timestamp-window';

// Standard Webhooks (https://www.standardwebhooks.com), symmetric `v1` signatures only:
//   webhook-signature: v1,<base64 HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{raw body}")> ...
// NOTE: the body is signed as raw bytes. The official JS library decodes it as UTF-8 first, which
// only differs for bodies that are not valid UTF-8 (never the case for JSON we accept).

export interface StandardWebhookVerification {
  /** The current secret and, during a rotation, the previous one(s). Unusable entries are skipped. */
  secrets: readonly string[];
  id: unknown;
  timestamp: unknown;
  signatureHeader: unknown;
  rawBody: Buffer;
  now: Date;
  toleranceSeconds?: number;
}

export function verifyStandardWebhook(input: StandardWebhookVerification): SignatureResult {
  const keys = input.secrets.map(decodeStandardWebhookSecret).filter((key): key is Buffer => key !== undefined);
  if (keys.length === 0) return signatureFailed('no_usable_secret');

  const { id, signatureHeader } = input;
  if (typeof id !== 'string' || id.length === 0) return signatureFailed('missing_header');
  if (signatureHeader === undefined || signatureHeader === null || signatureHeader === '') return signatureFailed('missing_header');
  if (typeof signatureHeader !== 'string' || signatureHeader.length > MAX_SIGNATURE_HEADER_LENGTH) {
    return signatureFailed('malformed_header');
  }

  const time = checkTimestamp(input.timestamp, input.now, input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  if (!time.ok) return time;

  const received = parseV1Signatures(signatureHeader);
  if (received.length === 0) return signatureFailed('malformed_header');

  // The timestamp is signed as the text received (digits only, checked above).
  const prefix = Buffer.from(`${id}.${time.text}.`, 'utf8');
  for (const key of keys) {
    const expected = hmacSha256(key, prefix, input.rawBody);
    // Compare with every candidate, no early exit: the time taken does not tell which one matched.
    let matched = false;
    for (const candidate of received) matched = digestsEqual(expected, candidate) || matched;
    if (matched) return signatureOk;
  }
  return signatureFailed('signature_mismatch');
}

/** The well-formed `v1` digests of a space-separated signature list; other versions are ignored. */
export function parseV1Signatures(header: string): Buffer[] {
  const digests: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const digest = decodeBase64Digest(entry.slice(comma + 1));
    if (digest) digests.push(digest);
  }
  return digests;
}

export interface StandardWebhookSigning {
  secret: string;
  id: string;
  /** Unix seconds. */
  timestamp: number;
  rawBody: Buffer | string;
}

/** One `v1,<base64>` signature entry. Throws on an unusable secret: signing is our own code path. */
export function signStandardWebhook(input: StandardWebhookSigning): string {
  const key = decodeStandardWebhookSecret(input.secret);
  if (!key) throw new TypeError('not a Standard Webhooks secret (expected whsec_ + base64)');
  if (!Number.isSafeInteger(input.timestamp) || input.timestamp < 0) throw new RangeError('timestamp must be unix seconds');
  const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  return `v1,${hmacSha256(key, `${input.id}.${input.timestamp}.`, body).toString('base64')}`;
}

/** The three request headers a sender attaches; several secrets give a space-separated list. */
export function standardWebhookHeaders(input: Omit<StandardWebhookSigning, 'secret'> & { secrets: readonly string[] }): {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
} {
  const signatures = input.secrets.map((secret) => signStandardWebhook({ ...input, secret }));
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': signatures.join(' '),
  };
}
