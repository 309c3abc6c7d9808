import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookPlatform } from '../adapters';
import {
  verifyDiscourseSignature,
  verifyGithubSignature,
  verifyMetaSignature,
  verifySlackSignature,
  verifyXSignature,
  type SignatureResult,
} from '../signatures';

/**
 * Checks a platform delivery's own signature over the raw bytes with the source's app secret,
 * before anything is parsed. A source registered without an app secret verifies nothing.
 */
export function verifyPlatformRequest(
  platform: WebhookPlatform,
  appSecret: string | null,
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  now: Date,
): SignatureResult {
  const secret = appSecret ?? '';
  switch (platform) {
    case 'x':
      return verifyXSignature({ secret, signatureHeader: headers['x-twitter-webhooks-signature'], rawBody });
    case 'meta':
      return verifyMetaSignature({ secret, signatureHeader: headers['x-hub-signature-256'], rawBody });
    case 'slack':
      return verifySlackSignature({
        secret,
        timestampHeader: headers['x-slack-request-timestamp'],
        signatureHeader: headers['x-slack-signature'],
        rawBody,
        now,
      });
    case 'github':
      return verifyGithubSignature({ secret, signatureHeader: headers['x-hub-signature-256'], rawBody });
    case 'discourse':
      return verifyDiscourseSignature({ secret, signatureHeader: headers['x-discourse-event-signature'], rawBody });
  }
}

/** The header naming the event kind, for the platforms that do not put it in the body. */
export function platformEventName(platform: WebhookPlatform, headers: IncomingHttpHeaders): string | undefined {
  const name = platform === 'github' ? headers['x-github-event'] : platform === 'discourse' ? headers['x-discourse-event'] : undefined;
  return typeof name === 'string' ? name : undefined;
}
