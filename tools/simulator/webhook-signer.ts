import { createHmac } from 'node:crypto';

// The sender's side of Standard Webhooks (https://www.standardwebhooks.com), symmetric `v1`:
//   webhook-signature: v1,<base64 HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{raw body}")>
// where the key is the base64 after `whsec_`. Kept here (a dozen lines) rather than imported from
// ingestion, whose internals a tool must not depend on.

const PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface WebhookSigning {
  secret: string;
  /** The delivery id: a redelivery carries the same one. */
  id: string;
  /** Unix seconds. */
  timestamp: number;
  body: Buffer | string;
}

export function signStandardWebhook(input: WebhookSigning): string {
  const text = input.secret.startsWith(PREFIX) ? input.secret.slice(PREFIX.length) : input.secret;
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new TypeError('not a Standard Webhooks secret (expected whsec_ + base64)');
  }
  if (!Number.isSafeInteger(input.timestamp) || input.timestamp < 0) throw new RangeError('timestamp must be unix seconds');
  const mac = createHmac('sha256', Buffer.from(text, 'base64'));
  mac.update(`${input.id}.${input.timestamp}.`);
  mac.update(input.body);
  return `v1,${mac.digest('base64')}`;
}

export function webhookHeaders(input: WebhookSigning): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': signStandardWebhook(input),
  };
}
