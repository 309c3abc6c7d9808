// Composition root of the ingestion process: config → logger → metrics → infrastructure → intake →
// HTTP → signals. Nothing else in the service opens connections or installs signal handlers.
import { createKafkaHealth } from '@rapport/kit/health';
import { httpComponent } from '@rapport/kit/http';
import { loadConfigOrExit, readPackageVersion, runService } from '@rapport/kit/lifecycle';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { createPool } from '@rapport/kit/pg';
import { buildIngestionApp } from './app';
import { ingestionConfigSchema } from './config';
import { createIntakeComponents } from './intake-components';
import { migrateIngestion } from './store/ingestion-schema';
import { createInteractionRelay } from './store/interaction-relay';

const config = loadConfigOrExit(ingestionConfigSchema);
const version = readPackageVersion(new URL('../package.json', import.meta.url));
const logger = createLogger({ service: config.service, level: config.log.level, format: config.log.format });
const registry = createMetricsRegistry({ service: config.service });

await runService({
  logger,
  graceMs: config.shutdownGraceMs,
  async start(track) {
    if (config.postgres.migrationUrl !== undefined) await migrateIngestion(config.postgres.migrationUrl, logger);
    const pg = track(
      createPool({ connectionString: config.postgres.url, applicationName: 'rapport-ingestion', max: config.intake.pgPoolMax, registry, logger }),
    );
    // NOTE: not critical: events are made durable in Postgres first, so a Kafka outage must not
    // take ingestion out of service (`/readyz` lists Kafka as degraded instead).
    const kafkaHealth = track(createKafkaHealth({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-health`, critical: false }));
    // Committed events leave the outbox for Kafka; stopped after the intake (reverse start order),
    // the relay finishes its batch before the producer goes.
    const { producer, relay } = createInteractionRelay({
      pool: pg.pool,
      brokers: config.kafka.brokers,
      clientId: config.kafka.clientId,
      logger,
      registry,
      batchSize: config.intake.relayBatchSize,
    });
    track(producer);
    track(relay).start();

    const intake = createIntakeComponents({ pool: pg.pool, logger, config: config.intake, registry });
    // Stopped right after HTTP: flushes the requests already queued for a group commit.
    track(intake.component);
    await intake.outboxBound.refresh();

    const app = await buildIngestionApp({
      logger,
      registry,
      components: [pg, kafkaHealth, relay],
      version,
      routes: intake.routes,
      backPressure: { maxEventLoopDelayMs: config.intake.maxEventLoopDelayMs, retryAfterSeconds: config.intake.retryAfterSeconds },
    });
    await app.listen({ host: config.http.host, port: config.http.port });
    track(httpComponent(app));
  },
});
