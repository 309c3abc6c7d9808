import { createHmac } from 'node:crypto';

// Standard Webhooks signing, the sender's side (https://www.standardwebhooks.com): the signature is
// `v1,` + base64 HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the
// base64-decoded secret after its `whsec_` prefix.

/** The HMAC key of a `whsec_…` secret. */
export function signingKey(secret: string): Buffer {
  if (!secret.startsWith('whsec_')) throw new Error('expected a whsec_ secret');
  return Buffer.from(secret.slice('whsec_'.length), 'base64');
}

/** The `webhook-signature` header value for one delivery. */
export function standardWebhookSignature(key: Buffer, webhookId: string, timestamp: number, body: Buffer | string): string {
  const mac = createHmac('sha256', key).update(`${webhookId}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}
