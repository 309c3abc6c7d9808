import type { Logger } from 'pino';
import type { Component } from './component';
import { TimeoutError, withTimeout } from './with-timeout';

export interface StopResult {
  id: string;
  outcome: 'stopped' | 'failed' | 'timed-out';
  ms: number;
}

/**
 * Stops components in reverse start order (HTTP first so no new work arrives, the pool last
 * since everything else may still write to it), within `graceMs` in total.
 *
 * NOTE: each component gets an equal share of the time left, so one that hangs cannot starve
 * those after it (a consumer still leaves its group cleanly when an HTTP drain hangs); time a
 * component does not use goes to the next ones. Never throws.
 */
export async function shutdown(components: readonly Component[], logger: Logger, graceMs: number): Promise<StopResult[]> {
  const deadline = Date.now() + graceMs;
  const pending = [...components].reverse();
  const results: StopResult[] = [];
  while (pending.length > 0) {
    const component = pending.shift() as Component;
    const budget = Math.max(0, Math.floor((deadline - Date.now()) / (pending.length + 1)));
    const started = Date.now();
    let outcome: StopResult['outcome'] = 'stopped';
    try {
      await withTimeout(component.stop(), budget, `stopping ${component.id}`);
      logger.info({ component: component.id, ms: Date.now() - started }, 'component stopped');
    } catch (error) {
      outcome = error instanceof TimeoutError ? 'timed-out' : 'failed';
      logger.error({ component: component.id, err: error }, `component ${outcome === 'timed-out' ? 'did not stop in time' : 'failed to stop'}`);
    }
    results.push({ id: component.id, outcome, ms: Date.now() - started });
  }
  return results;
}
