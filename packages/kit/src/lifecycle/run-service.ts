import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import type { Component } from './component';
import { shutdown } from './shutdown';

export interface RunServiceOptions {
  logger: Logger;
  /** Total time given to components to stop after a signal (SHUTDOWN_GRACE_MS). */
  graceMs: number;
  /**
   * Builds and starts the service. `track` registers each component as soon as it is up, in
   * start order, so that a failure half-way still stops what had started.
   */
  start: (track: <C extends Component>(component: C) => C) => Promise<void>;
}

/**
 * The process lifecycle of a service, for `main.ts` only: start, then on SIGTERM/SIGINT (or an
 * uncaught error) stop every component in reverse order and exit — 0 when all stopped cleanly,
 * 1 otherwise. Library code never installs signal handlers nor exits the process.
 */
export async function runService({ logger, graceMs, start }: RunServiceOptions): Promise<void> {
  const components: Component[] = [];
  const track = <C extends Component>(component: C): C => {
    components.push(component);
    return component;
  };

  // NOTE: the extra second lets `shutdown` finish its own accounting (and log which component
  // hung) before close-with-grace gives up and exits 1.
  const closer = closeWithGrace({ delay: graceMs + 1_000, logger }, async ({ signal, err }) => {
    if (err) logger.fatal({ err }, 'uncaught error, shutting down');
    else logger.info({ signal }, 'shutting down');
    const results = await shutdown(components, logger, graceMs);
    const unclean = results.filter((result) => result.outcome !== 'stopped').map((result) => result.id);
    if (unclean.length > 0) throw new Error(`components did not stop cleanly: ${unclean.join(', ')}`);
    logger.info('shut down cleanly');
  });

  try {
    await start(track);
    logger.info({ components: components.map((component) => component.id) }, 'service started');
  } catch (error) {
    closer.uninstall();
    logger.fatal({ err: error }, 'service failed to start');
    await shutdown(components, logger, graceMs);
    // Only main.ts reaches this: a service that cannot start must not linger half-started.
    process.exit(1);
  }
}
