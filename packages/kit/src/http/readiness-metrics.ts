import { Gauge, type Registry } from 'prom-client';
import type { Component } from '../lifecycle/component';
import { checkReadiness } from './readiness';

interface Probed {
  components: readonly Component[];
  timeoutMs: number;
}

const probedByRegistry = new WeakMap<Registry, Probed>();

/**
 * `rapport_ready` (1 when `/readyz` would answer 200) and `rapport_component_ready{component}`,
 * computed at scrape time with the same checks as `/readyz`: a gauge set only when Kubernetes
 * probes would be stale wherever nothing probes, and an alert must see the state of now. Get-or-
 * create per registry: a second app on the same registry (tests) takes over the components.
 */
export function registerReadinessMetrics(registry: Registry, components: readonly Component[], timeoutMs: number): void {
  const known = probedByRegistry.get(registry);
  probedByRegistry.set(registry, { components, timeoutMs });
  if (known !== undefined) return;

  // Both gauges are collected in one scrape: one round of checks serves them.
  let checking: Promise<Map<string, boolean>> | undefined;
  const check = () =>
    (checking ??= (async () => {
      const probed = probedByRegistry.get(registry);
      const states = new Map<string, boolean>();
      if (probed === undefined) return states;
      const { failing } = await checkReadiness(probed.components, probed.timeoutMs);
      const failed = new Set(failing.map((dependency) => dependency.id));
      for (const component of probed.components) states.set(component.id, !failed.has(component.id));
      return states;
    })().finally(() => {
      checking = undefined;
    }));

  new Gauge({
    name: 'rapport_ready',
    help: 'Whether the process is ready for traffic (what /readyz answers): 1 ready, 0 not.',
    registers: [registry],
    async collect() {
      const states = await check();
      this.set([...states.values()].every(Boolean) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'rapport_component_ready',
    help: 'Readiness of each component /readyz checks (Postgres, Kafka, consumers, relays): 1 ok or degraded, 0 failing.',
    labelNames: ['component'],
    registers: [registry],
    async collect() {
      const states = await check();
      this.reset();
      for (const [component, ok] of states) this.set({ component }, ok ? 1 : 0);
    },
  });
}
