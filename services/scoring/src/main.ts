// Composition root of the scoring process: config → logger → metrics → infrastructure → scoring
// components → HTTP → signals. Nothing else in the service opens connections or installs signal
// handlers.
import { createKafkaHealth } from '@rapport/kit/health';
import { httpComponent } from '@rapport/kit/http';
import { loadConfigOrExit, readPackageVersion, runService } from '@rapport/kit/lifecycle';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { createPool } from '@rapport/kit/pg';
import { buildScoringApp } from './app';
import { scoringConfigSchema } from './config';
import { fixedModel } from './relationships/model-lookup';
import { createScoringComponents } from './scoring-components';
import { migrateScoring } from './store/scoring-schema';

const config = loadConfigOrExit(scoringConfigSchema);
const version = readPackageVersion(new URL('../package.json', import.meta.url));
const logger = createLogger({ service: config.service, level: config.log.level, format: config.log.format });
const registry = createMetricsRegistry({ service: config.service });

// TEST ONLY (fault injection, refused in production): with this probability the process kills
// itself with SIGKILL right after a batch's transaction committed and before its Kafka offsets are
// committed — the window where only the database knows the batch was applied.
const crashAfterCommit = Number(process.env.FAULT_CRASH_AFTER_DB_COMMIT_PROB ?? '0');
if (!(crashAfterCommit >= 0 && crashAfterCommit <= 1) || (crashAfterCommit > 0 && config.nodeEnv === 'production')) {
  logger.fatal('FAULT_CRASH_AFTER_DB_COMMIT_PROB must be between 0 and 1, and is refused in production');
  process.exit(1);
}
const afterCommit = crashAfterCommit > 0 ? () => (Math.random() < crashAfterCommit ? process.kill(process.pid, 'SIGKILL') : undefined) : undefined;

await runService({
  logger,
  graceMs: config.shutdownGraceMs,
  async start(track) {
    if (config.postgres.migrationUrl !== undefined) await migrateScoring(config.postgres.migrationUrl, logger);
    const pg = track(
      createPool({
        connectionString: config.postgres.url,
        applicationName: 'rapport-scoring',
        max: config.scoring.pgPoolMax,
        statementTimeoutMs: config.scoring.pgStatementTimeoutMs,
        registry,
        logger,
      }),
    );
    const kafkaHealth = track(createKafkaHealth({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-health` }));
    const models = fixedModel();

    // Started in dependency order, stopped in reverse: the sweeper and the consumer finish their
    // transaction in flight, the relay its batch, then the producer goes.
    const scoring = createScoringComponents({
      pool: pg.pool,
      brokers: config.kafka.brokers,
      clientId: config.kafka.clientId,
      config: config.scoring,
      models,
      logger,
      registry,
      ...(afterCommit === undefined ? {} : { afterCommit }),
    });
    track(scoring.producer);
    track(scoring.relay).start();
    await track(scoring.consumer).start();
    track(scoring.sweeper).start();

    const app = await buildScoringApp({
      logger,
      registry,
      components: [pg, kafkaHealth, scoring.consumer, scoring.relay, scoring.sweeper],
      version,
      admin: { pool: pg.pool, adminToken: config.scoring.adminToken, models },
    });
    await app.listen({ host: config.http.host, port: config.http.port });
    track(httpComponent(app));
  },
});
