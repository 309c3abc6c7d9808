import { benchKafka } from '../support/bench-topics';

export interface DrainTiming {
  /** Seconds from the consumer having joined its group to its last commit covering the backlog. */
  seconds: number;
  eventsPerSecond: number;
  /** Events/s between 10% and 90% of the drain (without the start and the tail). */
  steadyEventsPerSecond: number;
}

/**
 * Follows a consumer group's committed offsets on a topic (what it has durably finished) until they
 * cover `total` messages, calling `onProgress` with the share done. Both consumers of the benchmark
 * are measured this same way.
 */
export async function followDrain(
  brokers: readonly string[],
  groupId: string,
  topic: string,
  total: number,
  onProgress: (done: number) => void,
  timeoutMs: number,
): Promise<DrainTiming> {
  const admin = benchKafka(brokers, 'rapport-bench-drain').admin();
  await admin.connect();
  const started = performance.now();
  const marks: { at: number; done: number }[] = [];
  try {
    for (;;) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const done = (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      const at = performance.now();
      marks.push({ at, done });
      onProgress(done / total);
      if (done >= total) break;
      if (at - started > timeoutMs) throw new Error(`drain of ${topic} by ${groupId} not done after ${timeoutMs} ms (${done}/${total})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await admin.disconnect();
  }
  const end = marks[marks.length - 1] as { at: number; done: number };
  const seconds = (end.at - started) / 1000;
  const first = marks.find((m) => m.done >= total * 0.1) ?? marks[0]!;
  const last = marks.find((m) => m.done >= total * 0.9) ?? end;
  const steady = last.at > first.at ? (last.done - first.done) / ((last.at - first.at) / 1000) : total / seconds;
  return { seconds, eventsPerSecond: total / seconds, steadyEventsPerSecond: steady };
}
