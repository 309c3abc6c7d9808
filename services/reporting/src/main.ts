// Composition root of the reporting process: config → logger → metrics → infrastructure → HTTP →
// signals. Nothing else in the service opens connections or installs signal handlers.
import { fileURLToPath } from 'node:url';
import { createKafkaHealth } from '@rapport/kit/health';
import { httpComponent } from '@rapport/kit/http';
import { loadConfigOrExit, readPackageVersion, runService } from '@rapport/kit/lifecycle';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { createPool, migrate } from '@rapport/kit/pg';
import { buildReportingApp } from './app';
import { reportingConfigSchema } from './config';

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
    const pg = track(createPool({ connectionString: config.postgres.url, applicationName: 'rapport-reporting', registry, logger }));
    const kafkaHealth = track(createKafkaHealth({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-health` }));

    const app = await buildReportingApp({ logger, registry, components: [pg, kafkaHealth], version });
    await app.listen({ host: config.http.host, port: config.http.port });
    track(httpComponent(app));
  },
});
