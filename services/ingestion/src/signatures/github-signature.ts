import { prefixedHmac, verifyPrefixedHmac } from './prefixed-hmac';
import type { SignatureResult } from './signature-result';

// GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(webhook secret, raw body)>`. The legacy
// SHA-1 `X-Hub-Signature` is not accepted. GitHub sends no timestamp; replays are caught by the
// delivery id (`X-GitHub-Delivery`) dedupe instead.
const PREFIX = 'sha256=';

export function verifyGithubSignature(input: { secret: string; signatureHeader: unknown; rawBody: Buffer }): SignatureResult {
  return verifyPrefixedHmac({ secret: input.secret, header: input.signatureHeader, prefix: PREFIX, encoding: 'hex', signedParts: [input.rawBody] });
}

export function signGithub(secret: string, rawBody: Buffer | string): string {
  return prefixedHmac(secret, PREFIX, 'hex', [rawBody]);
}
