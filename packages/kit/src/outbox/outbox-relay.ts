import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Component, Health } from '../lifecycle';
import { assertPlainIdentifier } from '../pg/sql-identifier';
import { q } from '../pg/tagged-query';
import { transaction } from '../pg/transaction';
import { describePgError } from '../pg/transient-errors';
import { OutboxListener } from './outbox-listener';
import { outboxMetrics, type OutboxMetrics } from './outbox-metrics';
import { outboxChannel, type OutboxRecord, type PublishFn } from './outbox-record';
import { DEFAULT_RELAY_BACKOFF, relayBackoffDelay, type RelayBackoff } from './relay-backoff';
import { WakeSignal } from './wake-signal';

export interface OutboxRelayOptions {
  /** The service's runtime pool (its role may SELECT/DELETE the outbox). */
  pool: Pool;
  /** The schema whose `outbox` table is relayed. */
  schema: string;
  /** Publishes a batch; see `PublishFn` for the contract. Kafka-agnostic on purpose. */
  publish: PublishFn;
  logger: Logger;
  registry?: Registry;
  /** Rows claimed per transaction. Default 500. */
  batchSize?: number;
  /** Fallback when no notification arrives (listener down, notification lost). Default 1 s. */
  pollIntervalMs?: number;
  /** A publish taking longer is treated as failed (rows kept, published again later). Default 30 s. */
  publishTimeoutMs?: number;
  /** Between failed attempts, capped exponential. Default 200 ms … 15 s. */
  backoff?: RelayBackoff;
  /** LISTEN for the writers' notifications on a dedicated connection. Default true. */
  listen?: boolean;
}

/** Raised when `publish` rejected or timed out: Kafka's problem, not the database's. */
class PublishFailed extends Error {
  override readonly name = 'PublishFailed';
}

/**
 * Moves outbox rows to Kafka: in one transaction, claim the oldest rows (`FOR UPDATE SKIP LOCKED`,
 * so replicas share the work without publishing the same row twice), publish them, delete them,
 * commit. A failed publish rolls back and the rows stay; the relay backs off and tries again, and
 * once Kafka is back it drains the backlog batch after batch.
 *
 * Guarantees: every committed row is published at least once; a row is published more than once
 * only when the publish succeeded but the commit did not (or a publish timed out but landed).
 * Not guaranteed: order across transactions or across replicas — consumers must not depend on it.
 */
export class OutboxRelay implements Component {
  readonly id = 'outbox-relay';
  private readonly schema: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly publishTimeoutMs: number;
  private readonly backoff: RelayBackoff;
  private readonly logger: Logger;
  private readonly wake = new WakeSignal();
  private readonly listener: OutboxListener | undefined;
  private readonly metrics: OutboxMetrics | undefined;
  private loop: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private cancelBackoff: (() => void) | undefined;
  private failure: { kind: 'database' | 'publish'; detail: string; since: Date } | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.schema = assertPlainIdentifier(options.schema, 'schema');
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 30_000;
    this.backoff = options.backoff ?? DEFAULT_RELAY_BACKOFF;
    this.logger = options.logger.child({ component: 'outbox-relay', schema: this.schema });
    if (options.listen !== false) {
      const config = { ...options.pool.options, application_name: `${options.pool.options.application_name ?? 'rapport'}:outbox-listen` };
      this.listener = new OutboxListener(config, outboxChannel(this.schema), () => this.wake.notify(), this.logger, this.backoff);
    }
    if (options.registry) this.metrics = outboxMetrics(options.registry, this.schema, options.pool);
  }

  /** Starts relaying in the background. Idempotent. */
  start(): void {
    if (this.stopping) throw new Error('outbox relay already stopped');
    if (this.loop) return;
    this.listener?.start();
    this.loop = this.run();
  }

  /**
   * Ok unless the database is unreachable. Kafka being down only degrades the relay (rows wait in
   * the outbox, nothing is lost): readiness must not fail for it, or every replica would be taken
   * out of service for an outage their outbox exists to absorb.
   */
  healthcheck(): Promise<Health> {
    if (this.stopping) return Promise.resolve({ ok: false, detail: 'stopped' });
    if (!this.loop) return Promise.resolve({ ok: false, detail: 'not started' });
    const failure = this.failure;
    if (failure?.kind === 'database') return Promise.resolve({ ok: false, detail: `database failing: ${failure.detail}` });
    if (failure?.kind === 'publish') {
      return Promise.resolve({ ok: true, detail: `degraded: publishing failing since ${failure.since.toISOString()} (${failure.detail})` });
    }
    return Promise.resolve({ ok: true });
  }

  /** Finishes the batch in flight, then stops. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.wake.notify();
      this.cancelBackoff?.();
      await this.loop;
      await this.listener?.stop();
      this.metrics?.unregister();
    })();
    return this.stopping;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let relayed: number;
      try {
        relayed = await this.relayBatch();
        if (this.failure) this.logger.info({ after: failures }, 'outbox relay recovered');
        failures = 0;
        this.failure = undefined;
      } catch (err) {
        failures += 1;
        const publish = err instanceof PublishFailed;
        const detail = publish ? err.message : describePgError(err);
        if (!this.failure || this.failure.kind !== (publish ? 'publish' : 'database')) {
          this.failure = { kind: publish ? 'publish' : 'database', detail, since: new Date() };
        }
        if (publish) this.metrics?.publishFailures.inc({ schema: this.schema });
        this.logger.warn({ failures, detail, kind: this.failure.kind }, 'outbox relay attempt failed; rows kept, retrying');
        await this.backoffSleep(relayBackoffDelay(failures, this.backoff));
        continue;
      }
      // A full batch means more rows are probably waiting: go again at once.
      if (relayed < this.batchSize) await this.wake.wait(this.pollIntervalMs);
    }
  }

  /** One claim–publish–delete transaction; returns how many rows it published. */
  private relayBatch(): Promise<number> {
    return transaction(this.options.pool, async (client) => {
      const { rows } = await q<{ id: string; topic: string; key: string | null; value: string; headers: Record<string, string>; created_at: Date }>(
        client,
        'outbox:claim',
        `SELECT id, topic, key, value, headers, created_at
           FROM "${this.schema}".outbox
          ORDER BY id
          LIMIT $1
            FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const records: OutboxRecord[] = rows.map((r) => ({
        id: r.id,
        topic: r.topic,
        key: r.key,
        value: r.value,
        headers: r.headers,
        createdAt: r.created_at,
      }));
      await this.publishWithTimeout(records);
      await q(client, 'outbox:delete-published', `DELETE FROM "${this.schema}".outbox WHERE id = ANY($1::bigint[])`, [
        records.map((r) => r.id),
      ]);
      this.metrics?.published.inc({ schema: this.schema }, records.length);
      return records.length;
    });
  }

  private async publishWithTimeout(records: readonly OutboxRecord[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`publish timed out after ${this.publishTimeoutMs} ms`)), this.publishTimeoutMs);
    });
    try {
      await Promise.race([this.options.publish(records), timeout]);
    } catch (err) {
      throw new PublishFailed(err instanceof Error ? err.message.slice(0, 200) : 'publish failed', { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  private backoffSleep(ms: number): Promise<void> {
    // Deliberately not woken by notifications: writes keep coming during a Kafka outage and must
    // not turn the backoff into a busy loop. Only stop() cuts it short.
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.cancelBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
