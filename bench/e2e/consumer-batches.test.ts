import { describe, expect, it } from 'vitest';
import { describeBatches, histogramTotals } from './consumer-batches';

const METRICS = `# HELP rapport_consumer_batch_size Messages per batch handed to the handler.
# TYPE rapport_consumer_batch_size histogram
rapport_consumer_batch_size_bucket{le="1",group="g",topic="t"} 2
rapport_consumer_batch_size_sum{group="g",topic="t"} 30
rapport_consumer_batch_size_count{group="g",topic="t"} 3
rapport_consumer_batch_size_sum{group="g",topic="t.dlq"} 5
rapport_consumer_batch_size_count{group="g",topic="t.dlq"} 1
rapport_consumer_batch_duration_seconds_sum{group="g",topic="t"} 0.75
rapport_consumer_batch_duration_seconds_count{group="g",topic="t"} 3
`;

describe('histogramTotals', () => {
  it('sums _sum and _count over every label set, and nothing else', () => {
    expect(histogramTotals(METRICS, 'rapport_consumer_batch_size')).toEqual({ sum: 35, count: 4 });
    expect(histogramTotals(METRICS, 'rapport_consumer_batch_duration_seconds')).toEqual({ sum: 0.75, count: 3 });
    expect(histogramTotals(METRICS, 'absent')).toEqual({ sum: 0, count: 0 });
  });
});

describe('describeBatches', () => {
  it('describes the batches between two readings', () => {
    expect(describeBatches({ batches: 2, messages: 10, seconds: 1 }, { batches: 6, messages: 50, seconds: 2 })).toBe('4 batches, mean 10.0 messages in 250 ms');
    expect(describeBatches({ batches: 2, messages: 10, seconds: 1 }, { batches: 2, messages: 10, seconds: 1 })).toBe('no batch');
  });
});
