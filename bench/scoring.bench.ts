// The scoring benchmark (issue 4): catch-up throughput. A backlog of interactions (1,000,000 events
// over 100,000 members by default) waits on the topic; scoring — its own process, against real
// Postgres and Kafka — drains it into Postgres (relationships, events, history, outbox; the relay
// publishing to relationships.v1 meanwhile). In the same run, the kit's consumer runner with a
// handler that does nothing drains the same topic: the ceiling. Memory is sampled over the drain.
// Prints the bench/README.md result JSON as its last line.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { emitBenchResult, type BenchResultInput } from './runner/bench-result';
import { createBenchDatabase, type BenchDatabase } from './support/bench-database';
import { benchEnvironmentFrom, REPO_ROOT } from './support/bench-environment';
import { benchTopicName, createBenchTopic, deleteBenchTopic } from './support/bench-topics';
import { kafkaBrokerPid } from './support/kafka-pid';
import { rssBytesOf, UsageProbe } from './support/process-usage';
import { trimServiceLog } from './support/service-log';
import { produceBacklog } from './scoring/backlog';
import { followDrain } from './scoring/drain-progress';
import { drainWithNoop } from './scoring/noop-drain';
import { startScoring, type ScoringUnderTest } from './scoring/scoring-under-test';

const NAME = 'scoring';
const env = benchEnvironmentFrom(process.env);
const number = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const SETTINGS = {
  events: number('BENCH_SCORING_EVENTS', 1_000_000),
  members: number('BENCH_SCORING_MEMBERS', 100_000),
  partitions: number('BENCH_SCORING_PARTITIONS', 6),
  maxBatchBytes: number('BENCH_SCORING_MAX_BATCH_BYTES', 8 * 1_048_576),
  concurrency: number('BENCH_SCORING_CONCURRENCY', 2),
  timeoutMs: number('BENCH_SCORING_TIMEOUT_S', 1_800) * 1000,
};
const GOALS = { eventsPerSecond: 30_000, shareOfNoop: 25, rssGrowthMiB: 64 };
const DAY = 86_400_000;
const MiB = 1_048_576;

const progress = (message: string) => process.stderr.write(`[scoring bench] ${message}\n`);

async function main(): Promise<BenchResultInput> {
  await mkdir(env.artifactsDir, { recursive: true });
  const failures: string[] = [];
  const notes: string[] = [];
  const topics = { interactions: benchTopicName(NAME, 'interactions'), relationships: benchTopicName(NAME, 'relationships') };
  const dlq = `${topics.interactions}.dlq`;
  let db: BenchDatabase | undefined;
  let scoring: ScoringUnderTest | undefined;
  try {
    db = await createBenchDatabase(NAME, env.adminDatabaseUrl);
    await createBenchTopic(env.kafkaBrokers, topics.interactions, SETTINGS.partitions);
    await createBenchTopic(env.kafkaBrokers, topics.relationships, SETTINGS.partitions);
    await createBenchTopic(env.kafkaBrokers, dlq, 1);

    const backlog = await produceBacklog({ brokers: env.kafkaBrokers, topic: topics.interactions, events: SETTINGS.events, members: SETTINGS.members, brandId: 'bench-brand', spanMs: 90 * DAY }, progress);
    progress(`backlog: ${backlog.events} events over ${backlog.members} members (${(backlog.bytes / MiB).toFixed(0)} MiB of JSON) in ${backlog.seconds.toFixed(1)} s`);

    const noop = await drainWithNoop({ brokers: env.kafkaBrokers, topic: topics.interactions, total: backlog.events, maxBytesPerPartition: SETTINGS.maxBatchBytes, concurrency: SETTINGS.concurrency, timeoutMs: SETTINGS.timeoutMs });
    progress(`no-op consumer: ${Math.round(noop.eventsPerSecond)} events/s (${noop.seconds.toFixed(1)} s)`);
    await sleep(2_000);

    const groupId = `${topics.interactions}.scoring`;
    scoring = await startScoring({
      db,
      brokers: env.kafkaBrokers,
      topics,
      groupId,
      artifactsDir: env.artifactsDir,
      profile: env.profile,
      settings: { CONSUMER_MAX_BATCH_BYTES: String(SETTINGS.maxBatchBytes), CONSUMER_CONCURRENCY: String(SETTINGS.concurrency), PG_POOL_MAX: '8' },
    });
    const service = scoring;
    progress(`scoring pid ${service.service.pid} joined its group; draining`);
    const kafkaPid = await kafkaBrokerPid(REPO_ROOT);
    let backends = await service.backendPids();
    const probe = new UsageProbe(() => ({ scoring: [service.service.pid], postgres: backends, ...(kafkaPid === undefined ? {} : { kafka: [kafkaPid] }) }));
    const before = probe.snapshot();
    // RSS sampled through the drain, with the share drained at each sample: flat means the second
    // half of the drain holds no more than the first (after warm-up), whatever the backlog size.
    const rssAt: number[] = [];
    const samples: { share: number; rss: number }[] = [];
    let share = 0;
    let peakRss = 0;
    const sampler = setInterval(() => {
      const rss = rssBytesOf(service.service.pid) ?? 0;
      peakRss = Math.max(peakRss, rss);
      samples.push({ share, rss });
    }, 250);
    const refresh = setInterval(() => void service.backendPids().then((pids) => (backends = pids)), 2_000);
    let drained;
    try {
      drained = await followDrain(
        env.kafkaBrokers,
        groupId,
        topics.interactions,
        backlog.events,
        (done) => {
          share = done;
          while (rssAt.length < 10 && share >= (rssAt.length + 1) / 10) {
            rssAt.push(rssBytesOf(service.service.pid) ?? 0);
            progress(`scoring: ${(rssAt.length * 10).toFixed(0)}% drained, rss ${((rssAt[rssAt.length - 1] ?? 0) / MiB).toFixed(0)} MiB`);
          }
        },
        SETTINGS.timeoutMs,
      );
    } finally {
      clearInterval(sampler);
      clearInterval(refresh);
    }
    const usage = UsageProbe.between(before, probe.snapshot());
    progress(`scoring: ${Math.round(drained.eventsPerSecond)} events/s (${drained.seconds.toFixed(1)} s); cores ${JSON.stringify(usage.cores)}`);

    // The relay keeps publishing updates after the consumer is done: how long until all are out.
    const relayStarted = performance.now();
    const outboxAtDrain = Number((await service.admin.query<{ n: string }>('SELECT count(*) AS n FROM scoring.outbox')).rows[0]?.n ?? 0);
    for (;;) {
      const left = Number((await service.admin.query<{ n: string }>('SELECT count(*) AS n FROM scoring.outbox')).rows[0]?.n ?? 0);
      if (left === 0) break;
      if (performance.now() - relayStarted > SETTINGS.timeoutMs) {
        failures.push(`outbox not drained: ${left} rows left`);
        break;
      }
      await sleep(500);
    }
    const relaySeconds = (performance.now() - relayStarted) / 1000;

    // Exactly once: every event recorded once, every member one relationship holding all its events.
    const counts = (await service.admin.query<{ events: string; relationships: string; applied: string; versions: string }>(
      'SELECT (SELECT count(*) FROM scoring.events) AS events, count(*) AS relationships, sum(event_count) AS applied, sum(version) AS versions FROM scoring.relationships',
    )).rows[0];
    if (Number(counts?.events) !== backlog.events) failures.push(`events recorded: ${counts?.events} of ${backlog.events}`);
    if (Number(counts?.applied) !== backlog.events) failures.push(`events applied to relationships: ${counts?.applied} of ${backlog.events}`);
    if (Number(counts?.relationships) !== backlog.members) failures.push(`relationships: ${counts?.relationships} for ${backlog.members} members`);
    const updates = Number(counts?.versions ?? 0);
    notes.push(
      `Backlog: ${backlog.events} events over ${backlog.members} members, ${SETTINGS.partitions} partitions, ${(backlog.bytes / backlog.events).toFixed(0)} bytes of JSON per event; fetch ${SETTINGS.maxBatchBytes / MiB} MiB per partition, ${SETTINGS.concurrency} partitions at once.`,
      `Scoring wrote ${updates} relationship updates (${(backlog.events / Math.max(1, updates)).toFixed(2)} events per update: one per changed relationship per batch); the relay had ${outboxAtDrain} left when the consumer finished and published them in ${relaySeconds.toFixed(1)} s.`,
      `CPU during the drain (cores): ${Object.entries(usage.cores).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}; machine busy ${(usage.machineBusy * 100).toFixed(0)}%.`,
      `RSS by tenth of the drain (MiB): ${rssAt.map((b) => (b / MiB).toFixed(0)).join(', ')}.`,
    );

    const mean = (xs: readonly { rss: number }[]) => (xs.length === 0 ? null : xs.reduce((sum, x) => sum + x.rss, 0) / xs.length);
    const firstHalf = mean(samples.filter((x) => x.share >= 0.1 && x.share < 0.5));
    const secondHalf = mean(samples.filter((x) => x.share >= 0.5));
    const rssGrowth = firstHalf === null || secondHalf === null ? null : (secondHalf - firstHalf) / MiB;
    return {
      name: NAME,
      figures: [
        { name: 'catch-up throughput into Postgres', value: Math.round(drained.eventsPerSecond), unit: 'events/s', goal: { op: '>=', value: GOALS.eventsPerSecond }, ceiling: { name: 'no-op consumer, same topic', value: Math.round(noop.eventsPerSecond) } },
        { name: 'catch-up throughput, 10%–90% of the drain', value: Math.round(drained.steadyEventsPerSecond), unit: 'events/s' },
        { name: 'share of the no-op consumer rate', value: Math.round((drained.eventsPerSecond / noop.eventsPerSecond) * 1000) / 10, unit: '%', goal: { op: '>=', value: GOALS.shareOfNoop } },
        { name: 'no-op consumer throughput', value: Math.round(noop.eventsPerSecond), unit: 'events/s' },
        { name: 'scoring mean RSS, second half of the drain minus 10–50%', value: rssGrowth === null ? null : Math.round(rssGrowth), unit: 'MiB', goal: { op: '<=', value: GOALS.rssGrowthMiB } },
        { name: 'scoring RSS peak', value: Math.round(peakRss / MiB), unit: 'MiB' },
        { name: 'scoring process CPU during the drain', value: Math.round((usage.cores.scoring ?? 0) * 100) / 100, unit: 'cores' },
        { name: 'Postgres CPU during the drain', value: Math.round((usage.cores.postgres ?? 0) * 100) / 100, unit: 'cores' },
        { name: 'relationship updates published', value: updates, unit: 'count' },
      ],
      machine: { events: backlog.events, members: backlog.members, partitions: SETTINGS.partitions },
      notes,
      failures,
    };
  } finally {
    if (scoring !== undefined) {
      const code = await scoring.stop();
      if (code !== 0) failures.push(`scoring exited with ${String(code)}`);
      await trimServiceLog(join(env.artifactsDir, 'scoring.log')).catch(() => undefined);
    }
    for (const topic of [topics.interactions, topics.relationships, dlq]) await deleteBenchTopic(env.kafkaBrokers, topic).catch(() => undefined);
    await db?.drop();
  }
}

main().then(
  (result) => {
    emitBenchResult(result);
    process.exit(0);
  },
  (error: unknown) => {
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    emitBenchResult({ name: NAME, figures: [], failures: [`benchmark failed: ${error instanceof Error ? error.message : String(error)}`] });
    process.exit(1);
  },
);
