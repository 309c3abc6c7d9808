import { Client, type ClientConfig } from 'pg';
import type { Logger } from 'pino';
import { describePgError } from '../pg/transient-errors';
import { relayBackoffDelay, type RelayBackoff } from './relay-backoff';

/**
 * A dedicated connection LISTENing on the outbox channel, reconnecting with backoff whenever it is
 * lost. It only speeds the relay up: while it is down, the relay's poll interval still finds the rows.
 */
export class OutboxListener {
  private stopped = false;
  private client: Client | undefined;
  private isListening = false;
  private loop: Promise<void> | undefined;
  private cancelSleep: (() => void) | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly logger: Logger,
    private readonly backoff: RelayBackoff,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** True while a connection is up and listening. */
  get listening(): boolean {
    return this.isListening;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelSleep?.();
    await this.client?.end().catch(() => {});
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const client = new Client({ ...this.config, keepAlive: true });
      this.client = client; // so that stop() can end it, even mid-connect
      try {
        const lost = new Promise<void>((resolve) => {
          // An 'error' without a listener would crash the process; either event means "reconnect".
          client.on('error', (err) => {
            this.logger.warn({ code: describePgError(err) }, 'outbox listener connection lost');
            resolve();
          });
          client.on('end', () => resolve());
        });
        client.on('notification', () => this.onNotify());
        await client.connect();
        await client.query(`LISTEN ${this.channel}`);
        if (this.stopped) break;
        this.isListening = true;
        failures = 0;
        // Rows may have been committed while nobody listened.
        this.onNotify();
        await lost;
      } catch (err) {
        failures += 1;
        if (!this.stopped) this.logger.warn({ code: describePgError(err), failures }, 'outbox listener cannot connect');
      } finally {
        this.isListening = false;
        this.client = undefined;
        client.removeAllListeners('notification');
        await client.end().catch(() => {});
      }
      if (!this.stopped) await this.sleep(relayBackoffDelay(Math.max(1, failures), this.backoff));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.cancelSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
