import type { Component } from '../lifecycle/component';
import { withTimeout } from '../lifecycle/with-timeout';
import { scrubText } from '../log/redaction';

export interface DependencyState {
  id: string;
  detail: string;
}

export interface Readiness {
  /** Not ok: the process should not get traffic. */
  failing: DependencyState[];
  /**
   * Ok, with a detail: working in a degraded mode the service is built to absorb (the outbox
   * relay while Kafka is away), so it keeps its traffic.
   */
  degraded: DependencyState[];
}

/**
 * Runs every component's healthcheck at once, each bounded by `timeoutMs` so that a hung
 * dependency answers "not ready" instead of hanging the probe. Never throws.
 */
export async function checkReadiness(components: readonly Component[], timeoutMs: number): Promise<Readiness> {
  const readiness: Readiness = { failing: [], degraded: [] };
  const results = await Promise.all(
    components.map(async (component) => {
      try {
        const health = await withTimeout(component.healthcheck(), timeoutMs, `${component.id} healthcheck`);
        return { id: component.id, ok: health.ok, detail: health.detail };
      } catch (error) {
        // The contract says healthcheck() does not throw; one that does is still just "failing".
        return { id: component.id, ok: false, detail: error instanceof Error ? error.message : 'healthcheck failed' };
      }
    }),
  );
  for (const { id, ok, detail } of results) {
    if (!ok) readiness.failing.push({ id, detail: scrubText(detail ?? 'not ok') });
    else if (detail !== undefined) readiness.degraded.push({ id, detail: scrubText(detail) });
  }
  return readiness;
}
