// Shared by this folder's integration tests (not part of the module's API).
import pino from 'pino';
import type { Logger } from 'pino';

/** Quiet unless asked: `TEST_LOG_LEVEL=debug pnpm vitest run …`. */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'error' });
}

/** Polls until `condition` holds; rejects with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
