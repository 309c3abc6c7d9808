// The end-to-end latency benchmark (issue 6, item 2): the three services as their own processes
// (production mode) against real Kafka and Postgres; simulator traffic in the background at 500,
// 1,000 and 2,000 events/s (open model); probe events at a fixed rate, each timed from its 202 to
// the moment reporting's member API shows it. The same probes on the idle system are the floor
// ("ceiling") each phase is compared with. Ends with a full reconciliation of everything sent:
// a lost or double-counted event fails the benchmark. Prints the bench/README.md result last.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EventLedger } from '../tools/e2e/event-ledger';
import { LatencyProbe } from '../tools/e2e/latency-probe';
import { formatReconciliation, reconcile } from '../tools/e2e/reconcile';
import { ReportingClient } from '../tools/e2e/reporting-client';
import { waitUntilSettled } from '../tools/e2e/settle';
import { startLoad } from '../tools/e2e/simulated-load';
import { RapportSystem } from '../tools/e2e/system';
import { runLatencyPhase, type PhaseResult } from './e2e/latency-phase';
import { emitBenchResult, type BenchResultInput } from './runner/bench-result';
import { createBenchDatabase } from './support/bench-database';
import { benchEnvironmentFrom, REPO_ROOT } from './support/bench-environment';
import { kafkaBrokerPid } from './support/kafka-pid';
import { UsageProbe } from './support/process-usage';
import { trimServiceLog } from './support/service-log';

const NAME = 'e2e';
const env = benchEnvironmentFrom(process.env);
const number = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const SETTINGS = {
  rates: (process.env.BENCH_E2E_RATES ?? '500,1000,2000').split(',').map(Number),
  probesPerSecond: number('BENCH_E2E_PROBES_PER_S', 20),
  warmupMs: number('BENCH_E2E_WARMUP_S', 5) * 1_000,
  measureMs: number('BENCH_E2E_PHASE_S', 30) * 1_000,
  batchSize: number('BENCH_E2E_BATCH', 10),
  members: number('BENCH_E2E_MEMBERS', 2_000),
  partitions: number('BENCH_E2E_PARTITIONS', 6),
  probeTimeoutMs: number('BENCH_E2E_PROBE_TIMEOUT_S', 30) * 1_000,
  /** Partitions each scoring and reporting process works on at once; the services' default when unset. */
  consumerConcurrency: process.env.BENCH_E2E_CONSUMER_CONCURRENCY,
};
const GOAL_P99_MS_AT_1000 = 250;
const BRAND = 'bench-e2e';

const progress = (line: string) => process.stderr.write(`[e2e bench] ${line}\n`);

async function main(): Promise<BenchResultInput> {
  const artifacts = join(env.artifactsDir);
  await mkdir(artifacts, { recursive: true });
  const failures: string[] = [];
  const notes: string[] = [];
  const db = await createBenchDatabase(NAME, env.adminDatabaseUrl);
  let system: RapportSystem | undefined;
  try {
    system = await RapportSystem.start({
      label: 'bench',
      kafkaBrokers: env.kafkaBrokers,
      adminDatabaseUrl: env.adminDatabaseUrl,
      database: db,
      logDir: join(artifacts, 'logs'),
      partitions: SETTINGS.partitions,
      env: {
        all: { NODE_ENV: 'production', LOG_LEVEL: 'warn' },
        ...(SETTINGS.consumerConcurrency === undefined
          ? {}
          : { scoring: { CONSUMER_CONCURRENCY: SETTINGS.consumerConcurrency }, reporting: { CONSUMER_CONCURRENCY: SETTINGS.consumerConcurrency } }),
      },
    });
    const source = await system.createSource(BRAND);
    const apiKey = await system.mintApiKey([BRAND]);
    const reporting = new ReportingClient(system.reportingUrl, apiKey);
    const ledger = new EventLedger();
    const probe = new LatencyProbe({ ingestionUrl: system.ingestionUrl, reporting, brandId: BRAND, source, ledger, label: 'bench', pollMs: 5 });
    const brokerPid = await kafkaBrokerPid(REPO_ROOT);
    const pidsOf = (kind: 'ingestion' | 'scoring' | 'reporting') => system!.instances(kind).flatMap((i) => (i.pid === undefined ? [] : [i.pid]));
    // Postgres backends of the benchmark's database (the services' pooled connections).
    let postgresPids: number[] = [];
    const refreshPostgresPids = async () => {
      const { rows } = await system!.admin().query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.database]);
      postgresPids = rows.map((r) => r.pid);
    };
    const usage = new UsageProbe(() => ({
      ingestion: pidsOf('ingestion'),
      scoring: pidsOf('scoring'),
      reporting: pidsOf('reporting'),
      postgres: postgresPids,
      ...(brokerPid === undefined ? {} : { kafka: [brokerPid] }),
    }));
    const phase = (name: string, backgroundPerSecond: number, seed: number) =>
      runLatencyPhase({
        name, system: system!, ledger, probe, backgroundPerSecond, probesPerSecond: SETTINGS.probesPerSecond,
        warmupMs: SETTINGS.warmupMs, measureMs: SETTINGS.measureMs, batchSize: SETTINGS.batchSize,
        membersPerBrand: SETTINGS.members, brandId: BRAND, source, dir: artifacts, seed, probeTimeoutMs: SETTINGS.probeTimeoutMs, usage,
        databaseName: db.database, beforeMeasure: refreshPostgresPids, log: progress,
      });

    // History first, so that the background traffic meets members with a past (relationships with
    // state to load), not a first-day community.
    progress('sending history');
    const history = await startLoad(
      { ingestionUrl: system.ingestionUrl, brandId: BRAND, source, dir: artifacts, name: 'history', seed: 1, membersPerBrand: SETTINGS.members, historyDays: 60, events: SETTINGS.members * 5, batchSize: 100, concurrency: 4 },
      ledger,
    ).done;
    progress(`history: ${history.summary?.acceptedEvents ?? 0} events`);
    await waitUntilSettled(system.admin(), 300_000);

    const idle = await phase('idle', 0, 2);
    const phases: PhaseResult[] = [];
    for (const [i, rate] of SETTINGS.rates.entries()) phases.push(await phase(`${rate}/s`, rate - SETTINGS.probesPerSecond, 10 + i));
    probe.close();

    const settle = await waitUntilSettled(system.admin(), 300_000);
    const result = await reconcile({ admin: system.admin(), reporting, ledger, sampleSize: 10 });
    progress(formatReconciliation('e2e bench reconciliation', result));
    if (!settle.settled) failures.push(`the system did not settle after the run: ${JSON.stringify(settle.backlog)}`);
    if (result.lost > 0) failures.push(`${result.lost} acknowledged events lost`);
    if (result.doubleCounted > 0) failures.push(`${result.doubleCounted} events counted twice`);
    if (result.problems.length > 0) failures.push(...result.problems.slice(0, 10));

    const ceiling = (value: number) => ({ name: 'same probes, idle system', value });
    const figures: BenchResultInput['figures'] = [
      { name: 'idle: probe latency p50 (202 → member API)', value: round(idle.latency.p50), unit: 'ms' },
      { name: 'idle: probe latency p99', value: round(idle.latency.p99), unit: 'ms' },
    ];
    for (const p of phases) {
      const at = `${p.name}`;
      figures.push(
        { name: `${at}: probe latency p50`, value: round(p.latency.p50), unit: 'ms', ceiling: ceiling(round(idle.latency.p50)) },
        {
          name: `${at}: probe latency p99`,
          value: round(p.latency.p99),
          unit: 'ms',
          ceiling: ceiling(round(idle.latency.p99)),
          ...(p.name === '1000/s' ? { goal: { op: '<=' as const, value: GOAL_P99_MS_AT_1000 } } : {}),
        },
        { name: `${at}: probe latency max`, value: round(p.latency.max), unit: 'ms' },
        { name: `${at}: background accepted`, value: round(p.backgroundAcceptedPerSecond), unit: 'events/s' },
        { name: `${at}: backlog when the load stopped`, value: p.backlogAtEnd, unit: 'events' },
      );
      if (p.timedOut > 0) notes.push(`${p.name}: ${p.timedOut} probes did not show within ${SETTINGS.probeTimeoutMs / 1_000} s (counted at the timeout: p99/max are lower bounds)`);
      if (p.missedSends > 0) notes.push(`${p.name}: the background sender missed ${p.missedSends} events (in-flight bound reached): the offered rate was lower than nominal`);
      const nominal = (Number(p.name.replace('/s', '')) || 0) - SETTINGS.probesPerSecond;
      if (nominal > 0 && p.backgroundAcceptedPerSecond < 0.95 * nominal) {
        notes.push(`${p.name}: only ${Math.round(p.backgroundAcceptedPerSecond)} of ${nominal} background events/s were accepted (${p.lateSends} requests sent late): the offered load fell short`);
      }
      if (p.backgroundRejected > 0) notes.push(`${p.name}: ${p.backgroundRejected} background events refused or unanswered`);
      notes.push(
        `${p.name}: cores ${Object.entries(p.usage.cores).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}, load client ${p.usage.self.toFixed(2)}, machine busy ${(p.usage.machineBusy * 100).toFixed(0)}%; ` +
          `ingestion p99 ${p.senderP99Ms} ms; drained ${p.drainMs} ms after the load stopped; ` +
          `probe medians: 202 → scoring's batch ${p.toScoringMs.toFixed(0)} ms, then → visible ${p.fromScoringMs.toFixed(0)} ms; scoring ${p.batches.scoring}; reporting ${p.batches.reporting}; ` +
          `postgres (${p.postgres.meanActive.toFixed(1)} statements active on average): ${p.postgres.top.map((t) => `${t.tag} ${(t.share * 100).toFixed(0)}%`).join(', ')}`,
      );
    }
    notes.push(
      `background: simulator live traffic, open model, batches of ${SETTINGS.batchSize}, ${SETTINGS.members} members after ${history.summary?.acceptedEvents ?? 0} events of history; ` +
        `probes: ${SETTINGS.probesPerSecond}/s single events of new members, ${SETTINGS.measureMs / 1_000} s per phase after ${SETTINGS.warmupMs / 1_000} s warm-up, lookups every 5 ms`,
      `reconciliation: ${result.totals.acknowledged} acknowledged, lost ${result.lost}, double-counted ${result.doubleCounted}, ${result.modelChecked - result.modelMismatches}/${result.modelChecked} relationships equal to the model`,
    );
    return {
      name: NAME,
      figures,
      machine: {
        partitions: SETTINGS.partitions,
        'consumer concurrency': SETTINGS.consumerConcurrency ?? 'service default',
        'probes per second': SETTINGS.probesPerSecond,
        'background batch': SETTINGS.batchSize,
      },
      notes,
      failures,
    };
  } finally {
    await system?.stop().catch((error: unknown) => progress(`teardown: ${String(error)}`));
    for (const name of ['ingestion-1', 'scoring-1', 'reporting-1']) await trimServiceLog(join(artifacts, 'logs', `${name}.log`)).catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

main().then(
  (result) => {
    emitBenchResult(result);
    process.exit(0);
  },
  (error: unknown) => {
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
