import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookPlatform } from '../adapters';

const MAX_DELIVERY_ID = 200;
// The same bytes as the delivery ids we store: printable, no NUL.
const USABLE = /^[\x21-\x7e]{1,200}$/;

/**
 * The redelivery dedupe key of a platform delivery: the platform's delivery id where it has one
 * (`X-GitHub-Delivery`, `X-Discourse-Event-Id`, Slack's `event_id`, which a retry repeats), else a
 * hash of the exact bytes (X and Meta retry the same body). Events are deduplicated by their own
 * ids as well, so a key that misses a redelivery costs storage, never a double publication.
 */
export function webhookDeliveryId(platform: WebhookPlatform, headers: IncomingHttpHeaders, payload: unknown, rawBody: Buffer): string {
  const candidate =
    platform === 'github'
      ? headers['x-github-delivery']
      : platform === 'discourse'
        ? headers['x-discourse-event-id']
        : platform === 'slack' && typeof payload === 'object' && payload !== null && 'event_id' in payload
          ? payload.event_id
          : undefined;
  if (typeof candidate === 'string' && candidate.length <= MAX_DELIVERY_ID && USABLE.test(candidate)) return `${platform}:${candidate}`;
  return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}
