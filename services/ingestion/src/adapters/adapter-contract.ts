import type { InteractionEventInput, IssueSummary } from '@rapport/contracts';

// What every platform adapter promises: a pure function from a verified native payload to
// canonical events. No I/O, no clock (the receive time comes in), no throw on any input.

/** The part of a registered source an adapter needs (a `Source` fits structurally). */
export interface AdapterSource {
  brandId: string;
  /**
   * The brand's own accounts and staff on the platform: X/Meta/Slack/GitHub/Discourse user ids,
   * and for GitHub and Discourse also logins/usernames. Their acts are `outbound`.
   */
  brandAccountIds: readonly string[];
}

export interface AdapterContext {
  source: AdapterSource;
  /** The platform's delivery id header (X-GitHub-Delivery, X-Discourse-Event-Id…), if any. */
  deliveryId?: string | undefined;
  /** The event name header, for platforms that do not put it in the body (X-GitHub-Event, X-Discourse-Event). */
  eventName?: string | undefined;
  /** When ingestion received the request; the event time when the payload carries none. */
  receivedAt: Date;
}

/** Something in the payload that is valid but maps to no interaction; acknowledged, not published. */
export interface IgnoredItem {
  id: string;
  reason: string;
}

/** An outbound event complete except for its member. */
export type MemberlessEvent = Omit<InteractionEventInput, 'member'>;

/**
 * A brand's answer whose payload does not say whom it answers (a Page replying to a comment, a
 * Discourse staff reply): the member is the one of the inbound event `answersId` of the same
 * source. Resolving it needs the ingestion store, so the adapter hands it back unresolved; the
 * caller looks the member up and completes it with `withMember`, or ignores it when unknown.
 */
export interface UnresolvedAnswer {
  answersId: string;
  event: MemberlessEvent;
}

export interface AdaptedPayload {
  ok: true;
  events: InteractionEventInput[];
  ignored: IgnoredItem[];
  unresolved: UnresolvedAnswer[];
}

export type AdapterRejectionReason = 'malformed_payload' | 'missing_event_name';

/** The payload as a whole is not what the platform sends: the request is answered 400. */
export interface AdapterRejection {
  ok: false;
  reason: AdapterRejectionReason;
  issues: IssueSummary[];
}

export type AdapterResult = AdaptedPayload | AdapterRejection;

export type Adapter = (payload: unknown, ctx: AdapterContext) => AdapterResult;
