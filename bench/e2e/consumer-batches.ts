// Where end-to-end latency goes, from the consumers' own figures: each service's `/metrics`
// histograms of batch size and batch duration (kit/kafka), read before and after a phase.

export interface BatchTotals {
  batches: number;
  messages: number;
  seconds: number;
}

/** Sums of a histogram's `_sum` and `_count` over every label set, from Prometheus text. */
export function histogramTotals(text: string, name: string): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}_sum`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    else if (line.startsWith(`${name}_count`)) count += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return { sum, count };
}

export async function readBatchTotals(baseUrl: string): Promise<BatchTotals> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const size = histogramTotals(text, 'rapport_consumer_batch_size');
  const duration = histogramTotals(text, 'rapport_consumer_batch_duration_seconds');
  return { batches: duration.count, messages: size.sum, seconds: duration.sum };
}

/** `n batches, mean m messages in d ms` between two readings. */
export function describeBatches(before: BatchTotals, after: BatchTotals): string {
  const batches = after.batches - before.batches;
  if (batches <= 0) return 'no batch';
  const messages = after.messages - before.messages;
  const ms = ((after.seconds - before.seconds) * 1_000) / batches;
  return `${batches} batches, mean ${(messages / batches).toFixed(1)} messages in ${ms.toFixed(0)} ms`;
}
