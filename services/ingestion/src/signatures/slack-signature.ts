import { checkTimestamp, DEFAULT_TOLERANCE_SECONDS } from './timestamp-window';
import { prefixedHmac, verifyPrefixedHmac } from './prefixed-hmac';
import { signatureFailed, type SignatureResult } from './signature-result';

// Slack request signing: `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:{ts}:{raw body}")>`
// with `X-Slack-Request-Timestamp` (unix seconds) within five minutes of now, against replays.
const VERSION = 'v0';

export interface SlackVerification {
  secret: string;
  timestampHeader: unknown;
  signatureHeader: unknown;
  rawBody: Buffer;
  now: Date;
  toleranceSeconds?: number;
}

export function verifySlackSignature(input: SlackVerification): SignatureResult {
  if (typeof input.secret !== 'string' || input.secret.length === 0) return signatureFailed('no_usable_secret');
  if (input.signatureHeader === undefined || input.signatureHeader === '') return signatureFailed('missing_header');
  const time = checkTimestamp(input.timestampHeader, input.now, input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  if (!time.ok) return time;
  return verifyPrefixedHmac({
    secret: input.secret,
    header: input.signatureHeader,
    prefix: `${VERSION}=`,
    encoding: 'hex',
    signedParts: [`${VERSION}:${time.text}:`, input.rawBody],
  });
}

export function signSlack(secret: string, timestampSeconds: number, rawBody: Buffer | string): string {
  return prefixedHmac(secret, `${VERSION}=`, 'hex', [`${VERSION}:${timestampSeconds}:`, rawBody]);
}
