import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliveryResult } from './event-delivery';
import type { EventRequest } from './event-requests';
import { OpenModelPacer, type PacerStats } from './open-model-pacer';

// The two load models. Closed: N connections, each sending its next request as soon as the last
// one is answered (as fast as the server goes). Open: requests leave on a fixed-rate schedule
// whatever the answers, up to a bound of requests in flight.

export interface SendLoop {
  requests: AsyncIterable<EventRequest>;
  deliver: (request: EventRequest) => Promise<DeliveryResult>;
  /** Sees every result (statistics, accepted log); awaited, so a slow disk slows the sender. */
  onResult: (result: DeliveryResult) => Promise<void>;
  /** No new request starts once this aborts; those in flight finish. */
  signal: AbortSignal;
}

export async function runClosedModel(loop: SendLoop, concurrency: number): Promise<void> {
  const iterator = loop.requests[Symbol.asyncIterator]();
  const worker = async () => {
    while (!loop.signal.aborted) {
      // NOTE: concurrent next() calls on an async generator are queued, so each request is taken once.
      const next = await iterator.next();
      if (next.done === true) return;
      await loop.onResult(await loop.deliver(next.value));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

export interface OpenModelOptions {
  ratePerSecond: number;
  maxInFlight: number;
  now?: () => number;
}

export async function runOpenModel(loop: SendLoop, options: OpenModelOptions): Promise<PacerStats> {
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const pacer = new OpenModelPacer({ ratePerSecond: options.ratePerSecond, startMs: now() });
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;

  for await (const request of loop.requests) {
    if (loop.signal.aborted || failure !== undefined) break;
    for (;;) {
      const decision = pacer.decide(now(), request.events.length, inFlight.size < options.maxInFlight);
      if (decision.kind === 'wait') {
        try {
          await sleep(decision.ms, undefined, { signal: loop.signal });
        } catch {
          break; // stopped while waiting: the request is not sent
        }
        continue;
      }
      if (decision.kind === 'send') {
        const sending: Promise<void> = loop
          .deliver(request)
          .then((result) => loop.onResult(result))
          .catch((error: unknown) => {
            failure ??= error instanceof Error ? error : new Error('a delivery failed', { cause: error });
          })
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      break;
    }
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return pacer.stats;
}
