import type { SimulatedEvent } from './traffic-generator';

// Small steps of the pipeline between a stream's source (generator or recording) and the sender.

export async function* fromIterable<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  yield* items;
}

/** Stops after `count` items, or as soon as `stop()` says so (duration, Ctrl-C). */
export async function* limit<T>(items: AsyncIterable<T>, options: { count?: number | undefined; stop?: () => boolean }): AsyncGenerator<T, void, undefined> {
  let n = 0;
  const count = options.count ?? Number.POSITIVE_INFINITY;
  if (count <= 0 || options.stop?.()) return;
  for await (const item of items) {
    yield item;
    if (++n >= count || options.stop?.()) return;
  }
}

/**
 * Live traffic: each event takes the moment it is pulled for sending as its `occurredAt` (the
 * generator's own clock only sets the order and the delays), so it is never in the future.
 */
export async function* stampNow(stream: AsyncIterable<SimulatedEvent>, now: () => number): AsyncGenerator<SimulatedEvent, void, undefined> {
  for await (const { brandId, event } of stream) yield { brandId, event: { ...event, occurredAt: new Date(now()).toISOString() } };
}

/** Passes every item through after `sideEffect` has seen it (writing `--out`). */
export async function* tap<T>(items: AsyncIterable<T>, sideEffect: (item: T) => Promise<void>): AsyncGenerator<T, void, undefined> {
  for await (const item of items) {
    await sideEffect(item);
    yield item;
  }
}
