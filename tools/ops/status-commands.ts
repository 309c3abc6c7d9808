import type { Command } from 'commander';
import { parseGroupTopic } from './cli-values';
import { brokersFrom, databaseUrlFrom, opsKafka, withPool } from './ops-connections';
import { emit, formatAge } from './report-output';
import { RAPPORT_GROUPS, consumerGroupsStatus, type GroupTopic } from './status/consumer-groups-status';
import { outboxStatus } from './status/outbox-status';

interface Globals {
  brokers?: string;
  databaseUrl?: string;
}

export function registerStatusCommands(program: Command): void {
  program
    .command('outbox')
    .description('transactional outboxes')
    .command('status')
    .description(
      'per service schema: rows not yet published to Kafka and the age of the oldest (a growing age means the relay cannot publish). ' +
        'Exits 1 when a row is older than --max-age.',
    )
    .option('--max-age <seconds>', 'oldest row age that counts as a problem', (v) => Number(v), 60)
    .option('--json', 'print JSON')
    .action(async (options: { maxAge: number; json?: boolean }, command: Command) => {
      const statuses = await withPool(databaseUrlFrom(command.optsWithGlobals<Globals>().databaseUrl), (pool) => outboxStatus(pool));
      emit(options.json, statuses, () =>
        statuses.map((s) =>
          s.backlog === null ? `${s.schema}: cannot read the outbox (${s.error ?? 'unknown'})` : `${s.schema}: ${s.backlog} row(s) waiting, oldest ${formatAge(s.oldestAgeSeconds ?? 0)}`,
        ),
      );
      if (statuses.some((s) => s.backlog === null || (s.oldestAgeSeconds ?? 0) > options.maxAge)) process.exitCode = 1;
    });

  program
    .command('consumer-groups')
    .description('consumer groups of scoring and reporting')
    .command('status')
    .description('state, members and lag per partition (committed offset vs end, from the broker) of each group')
    .option('--group <group=topic>', `a group and the topic it consumes; repeatable (default: ${RAPPORT_GROUPS.map((g) => `${g.group}=${g.topic}`).join(', ')})`, parseGroupTopic)
    .option('--json', 'print JSON')
    .action(async (options: { group?: GroupTopic[]; json?: boolean }, command: Command) => {
      const admin = opsKafka(brokersFrom(command.optsWithGlobals<Globals>().brokers)).admin();
      await admin.connect();
      try {
        const statuses = await consumerGroupsStatus(admin, options.group ?? RAPPORT_GROUPS);
        emit(options.json, statuses, () =>
          statuses.flatMap((s) => [
            `${s.group} on ${s.topic}: ${s.state}, ${s.members} member(s), lag ${s.totalLag}${s.error === undefined ? '' : ` (${s.error})`}`,
            ...s.partitions.map((p) => `  [${p.partition}] committed ${p.committed ?? 'none'} end ${p.high} lag ${p.lag}`),
          ]),
        );
      } finally {
        await admin.disconnect();
      }
    });
}
