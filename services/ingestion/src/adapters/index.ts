import type { Adapter } from './adapter-contract';
import { adaptDiscourse } from './discourse-adapter';
import { adaptGithub } from './github-adapter';
import { adaptMeta } from './meta-adapter';
import { adaptSlack } from './slack-adapter';
import { adaptX } from './x-adapter';

export type {
  Adapter, AdapterContext, AdapterResult, AdaptedPayload, AdapterRejection, AdapterRejectionReason, AdapterSource, IgnoredItem, MemberlessEvent,
  UnresolvedAnswer,
} from './adapter-contract';
export { withMember } from './adaptation';
export { adaptDiscourse, adaptGithub, adaptMeta, adaptSlack, adaptX };
// Handshakes: X's CRC and Meta's verify-token check are keyed operations, so they live with the
// signature checks; Slack's url_verification is a plain echo of a (signed) body.
export { answerMetaVerification, answerXCrc } from '../signatures';
export { answerSlackUrlVerification } from './slack-handshake';

/** The source platforms that have a native webhook adapter (`/v1/webhooks/{platform}/{sourceId}`). */
export const WEBHOOK_PLATFORMS = ['x', 'meta', 'slack', 'github', 'discourse'] as const;
export type WebhookPlatform = (typeof WEBHOOK_PLATFORMS)[number];

export const adapters: Readonly<Record<WebhookPlatform, Adapter>> = {
  x: adaptX,
  meta: adaptMeta,
  slack: adaptSlack,
  github: adaptGithub,
  discourse: adaptDiscourse,
};

export function isWebhookPlatform(value: string): value is WebhookPlatform {
  return (WEBHOOK_PLATFORMS as readonly string[]).includes(value);
}
