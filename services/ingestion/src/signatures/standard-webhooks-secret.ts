import { randomBytes } from 'node:crypto';

export const STANDARD_WEBHOOK_SECRET_PREFIX = 'whsec_';
const MIN_SECRET_BYTES = 24;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new source secret: `whsec_` + base64 of random bytes (at least 24, as the spec requires). */
export function generateStandardWebhookSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES) {
    throw new RangeError(`a Standard Webhooks secret needs at least ${MIN_SECRET_BYTES} random bytes`);
  }
  return STANDARD_WEBHOOK_SECRET_PREFIX + randomBytes(bytes).toString('base64');
}

/**
 * The HMAC key of a secret: the base64 after `whsec_`. Like the official libraries, a secret given
 * without the prefix is accepted as bare base64. Undefined when nothing usable remains, so one
 * broken secret in a rotation list never makes verification throw.
 */
export function decodeStandardWebhookSecret(secret: unknown): Buffer | undefined {
  if (typeof secret !== 'string') return undefined;
  const text = secret.startsWith(STANDARD_WEBHOOK_SECRET_PREFIX) ? secret.slice(STANDARD_WEBHOOK_SECRET_PREFIX.length) : secret;
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const key = Buffer.from(text, 'base64');
  return key.length > 0 ? key : undefined;
}
