import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpTransport } from '../simulator/http-transport';

/** Polls each service's `/readyz` until all answer 200; throws naming the ones that never did. */
export async function waitReady(transport: HttpTransport, services: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Map(Object.entries(services));
  while (pending.size > 0) {
    for (const [name, url] of pending) {
      try {
        const reply = await transport.request(new URL('/readyz', url), { method: 'GET' });
        if (reply.status === 200) pending.delete(name);
      } catch {
        // not listening yet
      }
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) throw new Error(`not ready after ${Math.round(timeoutMs / 1000)} s: ${[...pending.keys()].join(', ')}`);
    await sleep(500, undefined, signal === undefined ? {} : { signal });
  }
}
