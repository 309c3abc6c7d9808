import { setTimeout as delay } from 'node:timers/promises';
import * as z from 'zod';
import { deliveryId, requestBody, type EventRequest } from './event-requests';
import type { HttpTransport } from './http-transport';
import type { SourceCredentials } from './ingestion-admin';
import { retryDelayMs, type AttemptResult, type RetryPolicy } from './retry-policy';
import { webhookHeaders } from './webhook-signer';

// One request to `POST /v1/sources/{sourceId}/events`, signed with Standard Webhooks, retried on
// 429/503 (as `Retry-After` says) and on dropped connections, with the same `webhook-id` each
// time so that ingestion never stores a retried delivery twice.

/** The 202 of the canonical events route (spec/api.md). */
const AcceptedReply = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  ignored: z.array(z.object({ id: z.string(), reason: z.string() })),
  ids: z.array(z.string()),
});
export type AcceptedReply = z.infer<typeof AcceptedReply>;

export type DeliveryOutcome =
  /** A 2xx: every event of the request is durable. `reply` is undefined if the body was unreadable. */
  | { kind: 'accepted'; status: number; reply: AcceptedReply | undefined }
  /** A final non-2xx answer: nothing of the request was stored. */
  | { kind: 'rejected'; status: number; detail: string }
  /** No answer after the last attempt (or the run was stopped while waiting to retry): unknown. */
  | { kind: 'failed'; error: string };

export interface DeliveryResult {
  request: EventRequest;
  sourceId: string;
  outcome: DeliveryOutcome;
  attempts: number;
  /** Each attempt's time to answer (a failed connection counts until it failed). */
  latenciesMs: number[];
}

export interface EventDeliveryOptions {
  transport: HttpTransport;
  ingestionUrl: string;
  /** The source of each brand. */
  sourceFor: (brandId: string) => SourceCredentials;
  retry: RetryPolicy;
  /** Retries stop waiting when this aborts. */
  signal?: AbortSignal;
  now?: () => number;
}

export class EventDelivery {
  private readonly now: () => number;

  constructor(private readonly options: EventDeliveryOptions) {
    this.now = options.now ?? Date.now;
  }

  async deliver(request: EventRequest): Promise<DeliveryResult> {
    const { sourceId, secret } = this.options.sourceFor(request.brandId);
    const url = new URL(`/v1/sources/${encodeURIComponent(sourceId)}/events`, this.options.ingestionUrl);
    const body = requestBody(request);
    const id = deliveryId(request);
    const latenciesMs: number[] = [];

    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let result: AttemptResult;
      let outcome: DeliveryOutcome;
      try {
        const headers = webhookHeaders({ secret, id, timestamp: Math.floor(this.now() / 1000), body });
        const reply = await this.options.transport.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        latenciesMs.push(performance.now() - started);
        result = { kind: 'status', status: reply.status, retryAfter: reply.headers['retry-after'] };
        outcome =
          reply.status >= 200 && reply.status < 300
            ? { kind: 'accepted', status: reply.status, reply: parseAccepted(reply.body) }
            : { kind: 'rejected', status: reply.status, detail: reply.body.slice(0, 500) };
      } catch (error) {
        latenciesMs.push(performance.now() - started);
        result = { kind: 'network' };
        outcome = { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
      }
      if (outcome.kind === 'accepted') return { request, sourceId, outcome, attempts: attempt, latenciesMs };
      const wait = this.options.signal?.aborted ? undefined : retryDelayMs(this.options.retry, attempt, result, this.now());
      if (wait === undefined) return { request, sourceId, outcome, attempts: attempt, latenciesMs };
      try {
        await delay(wait, undefined, this.options.signal === undefined ? {} : { signal: this.options.signal });
      } catch {
        return { request, sourceId, outcome, attempts: attempt, latenciesMs }; // stopped while waiting
      }
    }
  }
}

function parseAccepted(body: string): AcceptedReply | undefined {
  try {
    const parsed = AcceptedReply.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
