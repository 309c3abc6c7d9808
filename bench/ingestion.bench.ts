// The ingestion benchmark (issue 3): ingestion as its own process against real Postgres and Kafka,
// loaded with signed canonical requests — single events and 100-event batches — in a closed model
// (max throughput) and an open model at 70% of that maximum (latency), next to a bare Fastify route
// measured the same way in the same run (the ceiling). Afterwards every event that got a 202 must
// be on the topic exactly once. See bench/README.md.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { emitBenchResult, type BenchResultInput } from './runner/bench-result';
import { createBenchDatabase, type BenchDatabase } from './support/bench-database';
import { benchEnvironmentFrom, REPO_ROOT } from './support/bench-environment';
import { benchTopicName, createBenchTopic, deleteBenchTopic } from './support/bench-topics';
import { startNodeService, freePort, type NodeService } from './support/node-service';
import { RssSampler, UsageProbe } from './support/process-usage';
import { kafkaBrokerPid } from './support/kafka-pid';
import { trimServiceLog } from './support/service-log';
import { DeliveryLedger } from './ingestion/delivery-ledger';
import { ingestionFigures, OPEN_MODEL_LOAD, phaseNote, type IngestionMeasurements, type ShapeMeasurements } from './ingestion/ingestion-figures';
import { startIngestion, type IngestionUnderTest } from './ingestion/ingestion-under-test';
import { closedPhase, openPhase, type LoadShape, type LoadTarget, type PhaseContext } from './ingestion/load-phases';
import { profileNotes } from './ingestion/profile-notes';
import { readEventIds } from './ingestion/topic-reader';

const NAME = 'ingestion';
const env = benchEnvironmentFrom(process.env);
const seconds = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const SETTINGS = {
  warmupSeconds: seconds('BENCH_INGESTION_WARMUP_S', 3),
  closedSeconds: seconds('BENCH_INGESTION_CLOSED_S', 10),
  openSeconds: seconds('BENCH_INGESTION_OPEN_S', 15),
  singleConnections: seconds('BENCH_INGESTION_SINGLE_CONNECTIONS', 64),
  batchConnections: seconds('BENCH_INGESTION_BATCH_CONNECTIONS', 16),
  logLevel: process.env.BENCH_INGESTION_LOG_LEVEL ?? 'info',
  /** Extra node flags for the service, space-separated: experiments (`--max-semi-space-size=64`). */
  nodeFlags: (process.env.BENCH_INGESTION_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== ''),
  /** `single`, `batch` or both (e.g. to profile one shape alone). */
  shapes: new Set((process.env.BENCH_INGESTION_SHAPES ?? 'single,batch').split(',').map((s) => s.trim())),
  partitions: 6,
};
const SHAPES: Record<'single' | 'batch', LoadShape> = {
  single: { tag: 'single', eventsPerRequest: 1, connections: SETTINGS.singleConnections },
  batch: { tag: 'batch', eventsPerRequest: 100, connections: SETTINGS.batchConnections },
};
const EVENTS_PATH = (sourceId: string) => `/v1/sources/${sourceId}/events`;

const progress = (message: string) => process.stderr.write(`[ingestion bench] ${message}\n`);

async function main(): Promise<BenchResultInput> {
  await mkdir(env.artifactsDir, { recursive: true });
  const failures: string[] = [];
  const notes: string[] = [];
  let db: BenchDatabase | undefined;
  let ingestion: IngestionUnderTest | undefined;
  let bare: NodeService | undefined;
  const topic = benchTopicName(NAME, 'interactions');
  let topicCreated = false;
  try {
    db = await createBenchDatabase(NAME, env.adminDatabaseUrl);
    await createBenchTopic(env.kafkaBrokers, topic, SETTINGS.partitions);
    topicCreated = true;
    ingestion = await startIngestion({ db, brokers: env.kafkaBrokers, topic, artifactsDir: env.artifactsDir, profile: env.profile, logLevel: SETTINGS.logLevel, nodeFlags: SETTINGS.nodeFlags });
    const barePort = await freePort();
    bare = await startNodeService({
      name: 'bare route',
      script: join(REPO_ROOT, 'bench/ingestion/bare-route-server.ts'),
      cwd: REPO_ROOT,
      env: { PORT: String(barePort), NODE_ENV: 'production' },
      logFile: join(env.artifactsDir, 'bare-route.log'),
      healthUrl: `http://127.0.0.1:${barePort}/healthz`,
    });
    progress(`ingestion pid ${ingestion.service.pid} on ${ingestion.port}, bare route pid ${bare.pid} on ${barePort}, topic ${topic}`);

    const service = ingestion;
    const kafkaPid = await kafkaBrokerPid(REPO_ROOT);
    let backends: number[] = [];
    const probe = new UsageProbe(() => ({
      ingestion: [service.service.pid],
      bare: [bare!.pid],
      postgres: backends,
      ...(kafkaPid === undefined ? {} : { kafka: [kafkaPid] }),
    }));
    const rss = new RssSampler(service.service.pid).start();
    const ledger = new DeliveryLedger();
    const context: PhaseContext = {
      secret: service.source.secret,
      probe,
      beforePhase: async () => {
        backends = await service.backendPids();
        await sleep(1_000); // a quiet second between phases
      },
    };
    const tracked: PhaseContext = {
      ...context,
      onStatus: (phase, index, status) => {
        if (status === 202) ledger.acknowledge(phase, index);
      },
    };
    const targets: Record<'ingestion' | 'bare', LoadTarget> = {
      ingestion: { name: 'ingestion', port: service.port, path: EVENTS_PATH(service.source.id) },
      bare: { name: 'bare', port: barePort, path: EVENTS_PATH(service.source.id) },
    };

    const drain = async (): Promise<number> => {
      const started = performance.now();
      while ((await service.outboxDepth()) > 0) {
        if (performance.now() - started > 180_000) throw new Error('the outbox did not drain within 180 s');
        await sleep(100);
      }
      return (performance.now() - started) / 1000;
    };

    const measureShape = async (shape: LoadShape): Promise<ShapeMeasurements> => {
      const p = shape.tag === 'single' ? 's' : 'b';
      const guess = shape.eventsPerRequest === 1 ? 3_000 : 100;
      for (const phase of [`${p}w`, p, `${p}o`]) ledger.addPhase(phase, shape.eventsPerRequest);

      progress(`${shape.tag}: bare route, closed model`);
      const bareWarm = await closedPhase(context, targets.bare, shape, `bare-${p}w`, SETTINGS.warmupSeconds, guess * 3);
      const bareClosed = await closedPhase(context, targets.bare, shape, `bare-${p}`, SETTINGS.closedSeconds, bareWarm.eventsPerSecond / shape.eventsPerRequest);
      notes.push(phaseNote(bareClosed));

      progress(`${shape.tag}: ingestion, closed model`);
      const warm = await closedPhase(tracked, targets.ingestion, shape, `${p}w`, SETTINGS.warmupSeconds, guess);
      const serviceClosed = await closedPhase(tracked, targets.ingestion, shape, p, SETTINGS.closedSeconds, warm.eventsPerSecond / shape.eventsPerRequest);
      notes.push(phaseNote(serviceClosed));
      const drainSeconds = await drain();

      progress(`${shape.tag}: bare route, open model at ${Math.round(bareClosed.eventsPerSecond * OPEN_MODEL_LOAD)} events/s`);
      const bareOpen = await openPhase(context, targets.bare, shape, `bare-${p}o`, SETTINGS.openSeconds, bareClosed.eventsPerSecond * OPEN_MODEL_LOAD);
      notes.push(phaseNote(bareOpen));

      progress(`${shape.tag}: ingestion, open model at ${Math.round(serviceClosed.eventsPerSecond * OPEN_MODEL_LOAD)} events/s`);
      const serviceOpen = await openPhase(tracked, targets.ingestion, shape, `${p}o`, SETTINGS.openSeconds, serviceClosed.eventsPerSecond * OPEN_MODEL_LOAD);
      notes.push(phaseNote(serviceOpen));
      await drain();
      return { bareClosed, serviceClosed, bareOpen, serviceOpen, drainSeconds };
    };

    const single = SETTINGS.shapes.has('single') ? await measureShape(SHAPES.single) : undefined;
    const batch = SETTINGS.shapes.has('batch') ? await measureShape(SHAPES.batch) : undefined;
    if (single === undefined || batch === undefined) notes.push(`only ${[...SETTINGS.shapes].join(', ')} measured (BENCH_INGESTION_SHAPES)`);
    rss.stop();
    if (!service.service.running()) failures.push('ingestion stopped during the run');

    progress('reading the topic back');
    const read = await readEventIds(env.kafkaBrokers, topic, (id) => ledger.recordPublished(id));
    const audit = ledger.audit();
    notes.push(
      `topic audit: ${read} messages read; ${audit.acknowledged} events acknowledged (202), ${audit.publishedDistinct} distinct published, ` +
        `${audit.lost} lost, ${audit.extraCopies} extra copies, ${audit.publishedWithoutAnswer} published whose answer the client never saw ` +
        `(in flight when a phase ended), ${audit.foreign} foreign`,
    );
    if (audit.lost > 0) failures.push(`${audit.lost} accepted events never reached the topic (e.g. ${audit.lostSample.join(', ')})`);
    if (audit.extraCopies > 0) failures.push(`${audit.extraCopies} events were published more than once`);
    if (audit.foreign > 0) failures.push(`${audit.foreign} messages on the topic were never sent by the benchmark`);

    const measurements: IngestionMeasurements = { single, batch, rss: { peakBytes: rss.peakBytes, endBytes: rss.lastBytes }, audit };
    return {
      name: NAME,
      figures: ingestionFigures(measurements),
      machine: {
        'ingestion settings': Object.entries(service.settings)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
        'closed model': `autocannon, ${SETTINGS.singleConnections} connections (single), ${SETTINGS.batchConnections} (batches), no pipelining, ${SETTINGS.closedSeconds} s after a ${SETTINGS.warmupSeconds} s warm-up`,
        'open model': `own fixed-rate scheduler, ${SETTINGS.openSeconds} s at ${OPEN_MODEL_LOAD * 100}% of each target's max, latency from each request's due time (HDR histogram)`,
        requests: 'pre-signed Standard Webhooks deliveries, distinct webhook-id and event ids; single body ≈ 0.4 kB, batch ≈ 37 kB',
        'topic partitions': SETTINGS.partitions,
        profiled: env.profile,
      },
      notes,
      failures,
    };
  } finally {
    const stopped = await ingestion?.stop();
    if (stopped !== undefined && stopped !== 0) failures.push(`ingestion exited with ${String(stopped)} on SIGTERM`);
    await bare?.stop();
    if (env.profile) notes.push(...(await profileNotes(env.artifactsDir, REPO_ROOT)));
    await trimServiceLog(join(env.artifactsDir, 'ingestion.log')).catch(() => undefined);
    if (topicCreated) await deleteBenchTopic(env.kafkaBrokers, topic).catch((e: unknown) => progress(`could not delete ${topic}: ${String(e)}`));
    await db?.drop().catch((e: unknown) => progress(`could not drop the bench database: ${String(e)}`));
  }
}

main().then(
  (result) => {
    emitBenchResult(result);
    process.exit(result.failures !== undefined && result.failures.length > 0 ? 1 : 0);
  },
  (error: unknown) => {
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // A result all the same, so the report says why (stdout to a pipe is synchronous on Linux).
    emitBenchResult({ name: NAME, figures: [], failures: [`the benchmark stopped: ${error instanceof Error ? error.message : String(error)}`] });
    process.exit(1);
  },
);
