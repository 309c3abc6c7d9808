// A tiny process driven by run-service.test.ts: what main.ts does, with scripted components.
// Usage: tsx run-service.fixture.ts <mode>  (mode: ok | hang | fail-start)
import pino from 'pino';
import type { Component } from './component';
import { runService } from './run-service';

const mode = process.argv[2] ?? 'ok';
const logger = pino({ base: null, timestamp: false });

function fake(id: string, stop: () => Promise<void> = () => Promise.resolve()): Component {
  return {
    id,
    healthcheck: () => Promise.resolve({ ok: true }),
    stop: async () => {
      await stop();
      logger.info({ stopped: id });
    },
  };
}

// Something that keeps the event loop alive, like a listening server.
const keepAlive = setInterval(() => undefined, 1_000);

await runService({
  logger,
  graceMs: 600,
  start(track) {
    track(fake('postgres'));
    track(fake('kafka'));
    if (mode === 'fail-start') return Promise.reject(new Error('cannot listen'));
    const stopHttp = () => {
      clearInterval(keepAlive);
      return Promise.resolve();
    };
    track(fake('http', mode === 'hang' ? () => new Promise(() => undefined) : stopHttp));
    return Promise.resolve();
  },
});
