import type { WebhookPlatform } from '../adapters';
import { parseJsonBody, type JsonBodyResult } from './json-body';

/** The media types a platform's deliveries come as: JSON everywhere, and GitHub's form option. */
export function acceptsContentType(platform: WebhookPlatform, contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type === 'application/json') return true;
  return platform === 'github' && type === 'application/x-www-form-urlencoded';
}

/**
 * The delivery's payload: its JSON, or for GitHub's `application/x-www-form-urlencoded` deliveries
 * the JSON in the `payload` field (GitHub signs the form body as sent).
 */
export function parseWebhookBody(contentType: string | undefined, rawBody: Buffer): JsonBodyResult {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return parseJsonBody(rawBody);
  const payload = new URLSearchParams(rawBody.toString('utf8')).get('payload');
  if (payload === null) return { ok: false, message: 'the form has no payload field' };
  return parseJsonBody(Buffer.from(payload, 'utf8'));
}
