import { describe, expect, it } from 'vitest';
import { counter, createMetricsRegistry, gauge, histogram } from './metrics-registry';

describe('metrics registry', () => {
  it('exposes default process metrics labelled with the service', async () => {
    const registry = createMetricsRegistry({ service: 'scoring' });
    const text = await registry.metrics();
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="scoring"\} /m);
    expect(text).toMatch(/^process_resident_memory_bytes\{service="scoring"\} /m);
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
  });

  it('creates counters and histograms on its own registry, reusing them by name', async () => {
    const registry = createMetricsRegistry({ service: 'ingestion', defaultMetrics: false });
    const accepted = counter(registry, { name: 'rapport_events_accepted_total', help: 'accepted', labelNames: ['platform'] });
    accepted.inc({ platform: 'x' }, 2);
    counter(registry, { name: 'rapport_events_accepted_total', help: 'accepted', labelNames: ['platform'] }).inc({ platform: 'x' });
    histogram(registry, { name: 'rapport_step_seconds', help: 'step', labelNames: ['step'] }).observe({ step: 'a' }, 0.003);
    gauge(registry, { name: 'rapport_backlog', help: 'backlog' }).set(7);

    const text = await registry.metrics();
    expect(text).toContain('rapport_events_accepted_total{platform="x",service="ingestion"} 3');
    expect(text).toContain('rapport_step_seconds_bucket{le="0.005",service="ingestion",step="a"} 1');
    expect(text).toContain('rapport_backlog{service="ingestion"} 7');
    expect(() => gauge(registry, { name: 'rapport_step_seconds', help: 'x' })).toThrow(/another kind/);
  });

  it('keeps registries apart', async () => {
    const a = createMetricsRegistry({ service: 'a', defaultMetrics: false });
    const b = createMetricsRegistry({ service: 'b', defaultMetrics: false });
    counter(a, { name: 'only_in_a_total', help: 'a' }).inc();
    expect(await b.metrics()).not.toContain('only_in_a_total');
  });
});
