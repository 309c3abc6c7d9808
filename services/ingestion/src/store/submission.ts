import type { InteractionEvent } from '@rapport/contracts';

/**
 * One request's worth of accepted input, ready to be made durable: what the group committer
 * queues. Everything in it is already validated and normalized (no raw email anywhere).
 */
export interface Submission {
  sourceId: string;
  brandId: string;
  /** The sender's delivery id (`webhook-id`, `X-GitHub-Delivery`…), the redelivery dedupe key. */
  deliveryId: string;
  receivedAt: Date;
  /** The payload as archived for audit and replay: the body with raw emails replaced by hashes. */
  archive: { contentType: string; payload: string };
  /** Canonical events in request order; may repeat an id (counted as a duplicate). */
  events: InteractionEvent[];
}

export interface SubmissionResult {
  /** Ids of the events this request made durable, in request order. */
  ids: string[];
  /** Events acknowledged without being stored again: a redelivery, a seen id, a seen order. */
  duplicates: number;
}
