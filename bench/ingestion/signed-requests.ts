import { requestBody } from './event-bodies';
import { signingKey, standardWebhookSignature } from './webhook-signing';

export interface SignedRequest {
  body: Buffer;
  headers: Record<string, string>;
  /** The whole HTTP/1.1 request, when the options asked for it (`raw`). */
  raw?: Buffer;
}

export interface SignedRequestsOptions {
  /** Phase tag inside every event id and webhook id. */
  phase: string;
  eventsPerRequest: number;
  /** The source's `whsec_` secret. */
  secret: string;
  /** Signature time (unix seconds): pre-generated requests stay valid for five minutes. */
  now?: () => Date;
  /** Also build each whole HTTP request for this host and path (the open-model client sends bytes). */
  raw?: { host: string; path: string };
  /**
   * Send the pre-generated requests round and round instead of signing more: for a target that
   * does not dedupe (the bare route), so its client does exactly the work it does for ingestion.
   */
  cycle?: boolean;
}

/**
 * The signed requests of one phase, request `i` always the same delivery (`webhook-id`, events),
 * so a 202 for request `i` names exactly which events were promised. Generated ahead with
 * `pregenerate` so that signing and serializing do not take CPU from the measured service while
 * the load runs (both share two cores); a phase that outruns the pool generates the rest live and
 * says how many it did (`generatedLive`).
 */
export class SignedRequests {
  private readonly pool: (SignedRequest | undefined)[] = [];
  private readonly key: Buffer;
  private readonly now: () => Date;
  private nextIndex = 0;
  generatedLive = 0;

  constructor(private readonly options: SignedRequestsOptions) {
    this.key = signingKey(options.secret);
    this.now = options.now ?? (() => new Date());
  }

  get phase(): string {
    return this.options.phase;
  }

  get eventsPerRequest(): number {
    return this.options.eventsPerRequest;
  }

  /** Requests handed out so far. */
  get taken(): number {
    return this.nextIndex;
  }

  pregenerate(count: number): this {
    while (this.pool.length < count) this.pool.push(this.build(this.pool.length));
    return this;
  }

  /** The next request and its index. */
  take(): { index: number; request: SignedRequest } {
    const index = this.options.cycle === true && this.pool.length > 0 ? this.nextIndex % this.pool.length : this.nextIndex;
    this.nextIndex += 1;
    let request = this.pool[index];
    if (request === undefined) {
      request = this.build(index);
      this.generatedLive += 1;
    } else if (this.options.cycle !== true) {
      // Sent requests are not needed again: let the memory go while the phase runs.
      this.pool[index] = undefined;
    }
    return { index, request };
  }

  private build(index: number): SignedRequest {
    const at = this.now();
    const body = Buffer.from(requestBody(this.options.phase, index, this.options.eventsPerRequest, at.toISOString()));
    const webhookId = `msg_${this.options.phase}_${index}`;
    const timestamp = Math.floor(at.getTime() / 1000);
    const request: SignedRequest = {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': standardWebhookSignature(this.key, webhookId, timestamp, body),
      },
    };
    if (this.options.raw !== undefined) request.raw = rawHttpRequest(this.options.raw.host, this.options.raw.path, request);
    return request;
  }
}

/** The whole HTTP/1.1 request as bytes, for the open-model client that writes it as it is. */
export function rawHttpRequest(host: string, path: string, request: SignedRequest): Buffer {
  const lines = [`POST ${path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive', `content-length: ${request.body.length}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), request.body]);
}
