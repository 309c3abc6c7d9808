import type { Command } from 'commander';
import { dlqTopic } from '@rapport/contracts';
import { parseOffset, parseTime } from './cli-values';
import { ackDeadLetters } from './dlq/dead-letter-ack';
import { readDeadLetters } from './dlq/dead-letter-reader';
import { replayDeadLetters } from './dlq/dead-letter-replay';
import { countByReason, provenanceOf, type DeadLetterSelection } from './dlq/dead-letter-selection';
import { brokersFrom, opsKafka, opsLogger } from './ops-connections';
import { emit } from './report-output';

interface Globals {
  brokers?: string;
}

export function registerDlqCommands(program: Command): void {
  const dlq = program
    .command('dlq')
    .description('dead-letter topics (<topic>.dlq): see what is there, replay it to its topic after a fix, mark it handled');

  dlq
    .command('list')
    .description('count the dead letters of a topic by reason and show the latest ones (offset, time, reason, key, origin)')
    .requiredOption('--topic <topic>', 'the original topic, e.g. interactions.v1 (reads interactions.v1.dlq)')
    .option('--limit <n>', 'dead letters to show, newest first', (v) => Number.parseInt(v, 10), 20)
    .option('--json', 'print JSON')
    .action(async (options: { topic: string; limit: number; json?: boolean }, command: Command) => {
      const kafka = opsKafka(brokersFrom(command.optsWithGlobals<Globals>().brokers));
      const records = await readDeadLetters(kafka, dlqTopic(options.topic));
      const latest = records.slice(-options.limit).reverse().map((r) => {
        const origin = provenanceOf(r);
        return {
          partition: r.partition,
          offset: r.offset,
          deadLetteredAt: new Date(Number(r.timestamp)).toISOString(),
          reason: origin?.reason ?? null,
          service: origin?.service ?? null,
          origin: origin === undefined ? null : `${origin.topic}[${origin.partition}]@${origin.offset}`,
          key: r.key?.toString('utf8') ?? null,
        };
      });
      const byReason = countByReason(records);
      emit(options.json, { topic: dlqTopic(options.topic), total: records.length, byReason, latest }, () => [
        `${dlqTopic(options.topic)}: ${records.length} dead letter(s)`,
        ...byReason.map(([reason, count]) => `  ${String(count).padStart(6)}  ${reason}`),
        ...(latest.length === 0 ? [] : ['latest:']),
        ...latest.map((r) => `  [${r.partition}]@${r.offset} ${r.deadLetteredAt} ${r.service ?? '?'} from ${r.origin ?? '?'} key=${r.key ?? '∅'}: ${r.reason ?? '(no provenance)'}`),
      ]);
    });

  dlq
    .command('replay')
    .description(
      're-publish selected dead letters to their original topic (key, value and headers as first sent, without the dlq_* headers) ' +
        'with an idempotent producer. Fix the consumer first: a record that fails again is dead-lettered again. Criteria combine (all must hold).',
    )
    .requiredOption('--topic <topic>', 'the original topic, e.g. interactions.v1')
    .option('--reason <text>', 'only dead letters whose dlq_reason contains this text')
    .option('--since <time>', 'only those dead-lettered at or after this RFC 3339 time', parseTime)
    .option('--until <time>', 'only those dead-lettered before this RFC 3339 time', parseTime)
    .option('--from-offset <n>', 'only those at or after this offset of the dead-letter topic', parseOffset)
    .option('--dry-run', 'report what would be replayed; publish nothing')
    .option('--json', 'print JSON')
    .action(async (options: DeadLetterSelection & { topic: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const logger = opsLogger();
      const kafka = opsKafka(brokersFrom(command.optsWithGlobals<Globals>().brokers), logger);
      const selection: DeadLetterSelection = {};
      if (options.reason !== undefined) selection.reason = options.reason;
      if (options.since !== undefined) selection.since = options.since;
      if (options.until !== undefined) selection.until = options.until;
      if (options.fromOffset !== undefined) selection.fromOffset = options.fromOffset;
      const report = await replayDeadLetters(kafka, { topic: options.topic, selection, dryRun: options.dryRun === true, logger });
      emit(options.json, report, () => [
        `${report.dlqTopic}: ${report.examined} examined, ${report.selected} selected, ${report.republished} re-published to ${report.topic}${report.dryRun ? ' (dry run)' : ''}`,
        ...(report.foreign > 0 ? [`  ${report.foreign} selected record(s) came from another topic and were left alone`] : []),
        ...report.selectedByReason.map(([reason, count]) => `  ${String(count).padStart(6)}  ${reason}`),
        ...(report.republished > 0 ? [`once the consumers processed them: pnpm ops dlq ack --topic ${report.topic}`] : []),
      ]);
    });

  dlq
    .command('ack')
    .description(
      'mark the dead letters of a topic as dealt with (replayed, or to be dropped) up to an offset: ' +
        'rapport_dlq_pending_messages and its alert then count only later ones. Never moves the mark back.',
    )
    .requiredOption('--topic <topic>', 'the original topic, e.g. interactions.v1')
    .option('--to-offset <n>', 'exclusive end (default: everything there now)', parseOffset)
    .option('--json', 'print JSON')
    .action(async (options: { topic: string; toOffset?: bigint; json?: boolean }, command: Command) => {
      const admin = opsKafka(brokersFrom(command.optsWithGlobals<Globals>().brokers)).admin();
      await admin.connect();
      try {
        const moves = await ackDeadLetters(admin, options.topic, options.toOffset);
        emit(options.json, moves, () =>
          moves.map((m) => `${dlqTopic(options.topic)}[${m.partition}]: handled up to ${m.to} (was ${m.from ?? 'never'}), ${m.pending} still pending`),
        );
      } finally {
        await admin.disconnect();
      }
    });
}
