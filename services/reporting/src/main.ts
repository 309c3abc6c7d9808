// Composition root of the reporting process: config → logger → metrics → infrastructure →
// projection consumer → HTTP (API, dashboard) → signals. Nothing else in the service opens connections or installs signal handlers.
import { fileURLToPath } from 'node:url';
import { createKafkaHealth } from '@rapport/kit/health';
import { httpComponent } from '@rapport/kit/http';
import { loadConfigOrExit, readPackageVersion, runService } from '@rapport/kit/lifecycle';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { createPool, migrate } from '@rapport/kit/pg';
import { createApiKeyVerifier } from './access/api-key-verifier';
import { buildReportingApp } from './app';
import { reportingConfigSchema } from './config';
import { createReportingComponents } from './reporting-components';
import { findActiveApiKey } from './store/api-key-store';

const config = loadConfigOrExit(reportingConfigSchema);
const version = readPackageVersion(new URL('../package.json', import.meta.url));
const logger = createLogger({ service: config.service, level: config.log.level, format: config.log.format });
const registry = createMetricsRegistry({ service: config.service });

await runService({
  logger,
  graceMs: config.shutdownGraceMs,
  async start(track) {
    if (config.postgres.migrationUrl !== undefined) {
      const dir = fileURLToPath(new URL('../migrations', import.meta.url));
      await migrate({ databaseUrl: config.postgres.migrationUrl, schema: 'reporting', dir, logger });
    }
    const work = config.reporting;
    const pg = track(createPool({ connectionString: config.postgres.url, applicationName: 'rapport-reporting', max: work.pgPoolMax, registry, logger }));
    const kafkaHealth = track(createKafkaHealth({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-health` }));

    const { producer, consumer } = createReportingComponents({
      pool: pg.pool, brokers: config.kafka.brokers, clientId: config.kafka.clientId, config: work, logger, registry,
    });
    // Started in dependency order, stopped in reverse: the consumer finishes its batch in flight,
    // then the producer (its dead letters) goes.
    track(producer);
    await track(consumer).start();

    const verifier = createApiKeyVerifier({ findActive: (id) => findActiveApiKey(pg.pool, id) }, { ttlMs: work.api.keyCacheTtlMs });
    const app = await buildReportingApp({
      logger, registry, components: [pg, kafkaHealth, consumer], version,
      db: pg.pool, verifier, adminToken: work.adminToken, rateLimit: work.api.rateLimit,
    });
    await app.listen({ host: config.http.host, port: config.http.port });
    track(httpComponent(app));
  },
});
