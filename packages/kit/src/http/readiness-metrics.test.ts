import { describe, expect, it } from 'vitest';
import type { Component, Health } from '../lifecycle/component';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { registerReadinessMetrics } from './readiness-metrics';

function component(id: string, health: () => Promise<Health>): Component {
  return { id, healthcheck: health, stop: () => Promise.resolve() };
}

describe('readiness metrics', () => {
  it('reports 1 while every component is ok or degraded, and names the failing one at the next scrape', async () => {
    const registry = createMetricsRegistry({ service: 'test', defaultMetrics: false });
    let kafka: Health = { ok: true, detail: 'degraded: cannot reach Kafka' };
    const components = [component('postgres', () => Promise.resolve({ ok: true })), component('kafka', () => Promise.resolve(kafka))];
    registerReadinessMetrics(registry, components, 100);

    let text = await registry.metrics();
    expect(text).toContain('rapport_ready{service="test"} 1');
    expect(text).toContain('rapport_component_ready{component="kafka",service="test"} 1');

    kafka = { ok: false, detail: 'down' };
    text = await registry.metrics();
    expect(text).toContain('rapport_ready{service="test"} 0');
    expect(text).toContain('rapport_component_ready{component="kafka",service="test"} 0');
    expect(text).toContain('rapport_component_ready{component="postgres",service="test"} 1');
  });

  it('counts a hung or throwing healthcheck as not ready, and follows the components pushed later', async () => {
    const registry = createMetricsRegistry({ service: 'test', defaultMetrics: false });
    const components: Component[] = [component('hung', () => new Promise<Health>(() => undefined))];
    registerReadinessMetrics(registry, components, 50);
    expect(await registry.metrics()).toContain('rapport_ready{service="test"} 0');

    components.splice(0, 1, component('thrower', () => Promise.reject(new Error('boom'))), component('fine', () => Promise.resolve({ ok: true })));
    const text = await registry.metrics();
    expect(text).toContain('rapport_component_ready{component="thrower",service="test"} 0');
    expect(text).toContain('rapport_component_ready{component="fine",service="test"} 1');
    expect(text).not.toContain('component="hung"');
  });
});
