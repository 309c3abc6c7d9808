import type { Command } from 'commander';
import { TOPICS } from '@rapport/contracts';
import { loadConfig } from '@rapport/kit/config';
import { ensureTopics } from '@rapport/kit/kafka';
import { TopicsEnv, describeReport, rapportTopicSpecs } from '../../infra/kafka/topics';
import { backfill } from './backfill/backfill';
import { parseTime } from './cli-values';
import { verifyMigrations } from './migrations/migrations-verify';
import { brokersFrom, databaseUrlFrom, opsKafka, opsLogger, withPool } from './ops-connections';
import { emit } from './report-output';

interface Globals {
  brokers?: string;
  databaseUrl?: string;
}

export function registerMaintenanceCommands(program: Command): void {
  program
    .command('topics')
    .description("Rapport's Kafka topics")
    .command('create')
    .description(
      'create the missing topics (and each one\'s .dlq) with the partition counts and retention of infra/kafka/topics.ts ' +
        '(KAFKA_PARTITIONS_*, KAFKA_*_RETENTION_MS, KAFKA_REPLICATION_FACTOR from the environment) and bring existing ones\' settings to them. ' +
        'Never changes a partition count: exits 2 when one differs.',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const env = loadConfig(TopicsEnv, { ...process.env, KAFKA_BROKERS: brokersFrom(command.optsWithGlobals<Globals>().brokers).join(',') });
      const admin = opsKafka(env.KAFKA_BROKERS).admin();
      await admin.connect();
      try {
        const report = await ensureTopics(admin, rapportTopicSpecs(env));
        emit(options.json, report, () => describeReport(report));
        if (report.partitionMismatches.length > 0) process.exitCode = 2;
      } finally {
        await admin.disconnect();
      }
    });

  program
    .command('migrations')
    .description('database migrations of the three schemas')
    .command('verify')
    .description(
      "compare each schema's applied migrations (<schema>.pgmigrations) with this checkout's services/<service>/migrations; " +
        'exits 1 unless all three are exactly current (behind: the migration Job did not run; ahead: a newer release migrated; diverged: history differs)',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const verdicts = await withPool(databaseUrlFrom(command.optsWithGlobals<Globals>().databaseUrl), (pool) => verifyMigrations(pool));
      emit(options.json, verdicts, () =>
        verdicts.map(
          (v) =>
            `${v.schema}: ${v.state}${v.pending.length > 0 ? `; pending ${v.pending.join(', ')}` : ''}${v.unknown.length > 0 ? `; not in this checkout ${v.unknown.join(', ')}` : ''}`,
        ),
      );
      if (verdicts.some((v) => v.state !== 'current')) process.exitCode = 1;
    });

  program
    .command('backfill')
    .description(
      "re-publish a brand's archived events received in a time range to interactions.v1, exactly as ingestion published them " +
        '(same key, CloudEvents id and headers). Scoring keeps each (source, event id) once: events it already counted change nothing. ' +
        'Canonical deliveries only; platform webhook deliveries are counted as skipped.',
    )
    .requiredOption('--brand <brandId>', 'the brand')
    .requiredOption('--from <time>', 'received at or after (RFC 3339)', parseTime)
    .requiredOption('--to <time>', 'received before (RFC 3339)', parseTime)
    .option('--topic <topic>', 'where to publish', TOPICS.interactions)
    .option('--dry-run', 'count what would be published; publish nothing')
    .option('--json', 'print JSON')
    .action(async (options: { brand: string; from: Date; to: Date; topic: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const logger = opsLogger();
      const kafka = options.dryRun === true ? undefined : opsKafka(brokersFrom(globals.brokers), logger);
      const report = await withPool(databaseUrlFrom(globals.databaseUrl), (pool) =>
        backfill(pool, kafka, { brandId: options.brand, from: options.from, to: options.to, topic: options.topic, dryRun: options.dryRun === true, logger }),
      );
      emit(options.json, report, () => [
        `${report.brandId} ${report.from} → ${report.to}: ${report.deliveries} archived deliveries, ${report.events} events, ${report.published} published to ${report.topic}${report.dryRun ? ' (dry run)' : ''}`,
        ...Object.entries(report.skipped).map(([reason, count]) => `  skipped ${count} deliveries: ${reason}`),
      ]);
    });
}
