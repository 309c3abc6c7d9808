import * as z from 'zod';
import { Adaptation, rejectPayload } from './adaptation';
import type { AdapterContext, AdapterResult } from './adapter-contract';
import { BrandAccounts } from './brand-accounts';
import { eventTime, isoFromUnixSeconds } from './platform-time';
import { adaptSlackMembership } from './slack-membership';
import { adaptSlackDeletion, adaptSlackMessage } from './slack-messages';
import { SlackEnvelope, SlackEventType, SlackMessage, SlackMessageDeleted } from './slack-payload';
import { adaptSlackReaction } from './slack-reactions';

// Slack Events API → canonical events (platform slack). Brand accounts are the source's
// brandAccountIds: the Slack user ids of the brand's team and its bot's user and bot ids.
// - message (plain, thread_broadcast, file_share, me_message) and app_mention → slack-messages.
// - message_deleted → retraction; message_changed and other subtypes → ignored (an edit changes no
//   relationship; joins and leaves arrive as member_joined_channel / member_left_channel).
// - reaction_added / reaction_removed → slack-reactions; member_joined/left_channel → slack-membership.
// - url_verification is a handshake: answered by answerSlackUrlVerification, ignored here.

const MESSAGE_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message']);

type Envelope = z.infer<typeof SlackEnvelope>;

export function adaptSlack(payload: unknown, ctx: AdapterContext): AdapterResult {
  const envelope = SlackEnvelope.safeParse(payload);
  if (!envelope.success) return rejectPayload('malformed_payload', envelope.error);
  const body = envelope.data;
  const out = new Adaptation();
  if (body.type === 'url_verification') {
    out.ignore('url_verification', 'handshake (answered with the challenge)');
  } else if (body.type !== 'event_callback') {
    out.ignore(body.event_id ?? body.type, `envelope type ${body.type}`);
  } else {
    const kind = SlackEventType.safeParse(body.event);
    if (!kind.success) return rejectPayload('malformed_payload', prefixed(kind.error));
    adaptEvent(kind.data, body, ctx, out);
  }
  return out.result();
}

function adaptEvent(kind: z.infer<typeof SlackEventType>, body: Envelope, ctx: AdapterContext, out: Adaptation): void {
  const brand = new BrandAccounts(ctx.source);
  const { type, subtype } = kind;
  const eventId = body.event_id ?? ctx.deliveryId ?? type;
  const fallbackTime = eventTime(ctx.receivedAt, isoFromUnixSeconds(body.event_time));

  switch (type) {
    case 'message':
    case 'app_mention': {
      if (type === 'message' && subtype === 'message_deleted') {
        const deleted = SlackMessageDeleted.safeParse(body.event);
        return deleted.success ? adaptSlackDeletion(deleted.data, brand, fallbackTime, out) : out.ignoreMalformed(eventId, deleted.error);
      }
      if (subtype !== undefined && !MESSAGE_SUBTYPES.has(subtype)) return out.ignore(eventId, `message subtype ${subtype}`);
      const message = SlackMessage.safeParse(body.event);
      if (!message.success) return out.ignoreMalformed(eventId, message.error);
      return adaptSlackMessage(message.data, brand, ctx.receivedAt, out, type === 'app_mention');
    }
    case 'reaction_added':
    case 'reaction_removed':
      return adaptSlackReaction(body.event, type === 'reaction_removed', brand, fallbackTime, out, eventId);
    case 'member_joined_channel':
    case 'member_left_channel':
      return adaptSlackMembership(body.event, type === 'member_joined_channel', eventId, brand, fallbackTime, out);
    default:
      return out.ignore(eventId, `event type ${type} is not a relationship interaction`);
  }
}

/** Issues of the inner event, with paths under `event` as the sender sees them. */
function prefixed(error: z.ZodError): z.ZodError {
  return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: ['event', ...issue.path] })));
}
