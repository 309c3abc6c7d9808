import type { Component } from '../lifecycle/component';
import { withTimeout } from '../lifecycle/with-timeout';
import { scrubText } from '../log/redaction';

export interface FailingDependency {
  id: string;
  detail: string;
}

/**
 * Runs every component's healthcheck at once, each bounded by `timeoutMs` so that a hung
 * dependency answers "not ready" instead of hanging the probe. Never throws.
 */
export async function checkReadiness(components: readonly Component[], timeoutMs: number): Promise<FailingDependency[]> {
  const results = await Promise.all(
    components.map(async (component): Promise<FailingDependency | undefined> => {
      try {
        const health = await withTimeout(component.healthcheck(), timeoutMs, `${component.id} healthcheck`);
        return health.ok ? undefined : { id: component.id, detail: scrubText(health.detail ?? 'not ok') };
      } catch (error) {
        // The contract says healthcheck() does not throw; one that does is still just "failing".
        const message = error instanceof Error ? error.message : 'healthcheck failed';
        return { id: component.id, detail: scrubText(message) };
      }
    }),
  );
  return results.filter((result): result is FailingDependency => result !== undefined);
}
