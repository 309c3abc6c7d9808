import { acceptedEntries, createAcceptedLog } from './accepted-log';
import { buildCommunity } from './community-model';
import { EventDelivery } from './event-delivery';
import { toRequests } from './event-requests';
import { HttpTransport } from './http-transport';
import { IngestionAdmin, type SourceCredentials } from './ingestion-admin';
import type { PacerStats } from './open-model-pacer';
import { startProgress } from './progress-display';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { SendStats, type SendSummary } from './send-stats';
import { brandsInStreamFile, createStreamFileWriter, readStreamFile } from './stream-file';
import { fromIterable, limit, stampNow, tap } from './stream-transforms';
import { runClosedModel, runOpenModel } from './traffic-sender';
import { generateTraffic, type SimulatedEvent, type Timeline } from './traffic-generator';

// One simulator run, from options to summary: sources, the stream (generated or replayed), the
// recording, the sender and its bookkeeping. Used by the CLI, the demo and the tests.

const DAY_MS = 86_400_000;
/** History ends this long before now, so that no event is ever ahead of ingestion's clock. */
const HISTORY_END_MARGIN_MS = 60_000;
/** Ingestion refuses events older than the default retention (730 days). */
export const MAX_HISTORY_DAYS = 700;

export interface SimulationOptions {
  ingestionUrl: string;
  adminToken?: string | undefined;
  /** An existing source: every event goes to it (one brand). */
  source?: SourceCredentials | undefined;
  brands: string[];
  membersPerBrand: number;
  seed: number;
  /** Seed of the traffic alone (default: `seed`): another run of the same community. */
  trafficSeed?: number | undefined;
  /** Compressed history over this many days (ending now) instead of live traffic. */
  historyDays?: number | undefined;
  /** Live or replay: stop after this many events. History: about this many events. */
  events?: number | undefined;
  durationMs?: number | undefined;
  /** Open model at this many events per second; closed model (as fast as possible) when absent. */
  ratePerSecond?: number | undefined;
  concurrency: number;
  maxInFlight: number;
  batchSize: number;
  out?: string | undefined;
  from?: string | undefined;
  /** Replay only: stamp each event with the moment it is sent (generated live traffic always is). */
  restamp?: boolean;
  acceptedLog?: string | undefined;
  idPrefix?: string | undefined;
  dryRun?: boolean;
  progress?: boolean;
  retry?: RetryPolicy;
  /** Requests per second of the sources this run creates (ingestion's default otherwise). */
  sourceRateLimit?: number | undefined;
  sourceName?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Counts into these statistics (a caller that watches a long run), else into its own. */
  stats?: SendStats;
}

export interface SimulationReport {
  /** Events taken from the stream (sent, or written in a dry run). */
  streamedEvents: number;
  /** Absent in a dry run. */
  summary?: SendSummary;
  /** The source each brand's events went to. */
  sources: Record<string, string>;
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const signal = options.signal ?? new AbortController().signal;
  const started = Date.now();
  const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : started + options.durationMs;
  const brands = options.from === undefined ? options.brands : await brandsInStreamFile(options.from);
  if (brands.length === 0) throw new Error('no brand to send for');

  const transport = new HttpTransport({ maxSockets: Math.max(options.concurrency, options.ratePerSecond === undefined ? 1 : options.maxInFlight) });
  try {
    const sources = options.dryRun === true ? new Map<string, SourceCredentials>() : await resolveSources(options, brands, transport, log);
    let streamed = 0;
    const out = options.out === undefined ? undefined : createStreamFileWriter(options.out);
    const source = buildStream(options, brands, started);
    const stream = tap(
      limit(source.stream, { count: source.cap, stop: () => signal.aborted || Date.now() >= deadline }),
      async (event: SimulatedEvent) => {
        streamed++;
        await out?.write(event);
      },
    );

    const report = (summary?: SendSummary): SimulationReport => ({
      streamedEvents: streamed,
      ...(summary === undefined ? {} : { summary }),
      sources: Object.fromEntries([...sources].map(([brand, s]) => [brand, s.sourceId])),
    });

    if (options.dryRun === true) {
      for await (const _ of stream) {
        // drained into --out
      }
      await out?.close();
      return report();
    }

    const stats = options.stats ?? new SendStats();
    const accepted = options.acceptedLog === undefined ? undefined : createAcceptedLog(options.acceptedLog);
    const delivery = new EventDelivery({
      transport,
      ingestionUrl: options.ingestionUrl,
      sourceFor: (brandId) => {
        const found = sources.get(brandId);
        if (found === undefined) throw new Error(`no source for brand ${brandId}`);
        return found;
      },
      retry: options.retry ?? DEFAULT_RETRY_POLICY,
      signal,
    });
    const progress = options.progress === true ? startProgress(stats, source.expected ?? expectedFromRate(options)) : undefined;
    const loop = {
      requests: toRequests(stream, options.batchSize),
      deliver: (request: Parameters<EventDelivery['deliver']>[0]) => delivery.deliver(request),
      onResult: async (result: Parameters<SendStats['record']>[0]) => {
        stats.record(result);
        if (accepted !== undefined) for (const entry of acceptedEntries(result, new Date())) await accepted.write(entry);
      },
      signal,
    };
    let pacing: PacerStats | undefined;
    try {
      if (options.ratePerSecond === undefined) await runClosedModel(loop, options.concurrency);
      else pacing = await runOpenModel(loop, { ratePerSecond: options.ratePerSecond, maxInFlight: options.maxInFlight });
    } finally {
      progress?.stop();
      await out?.close();
      await accepted?.close();
    }
    return report(stats.summary(Date.now() - started, pacing));
  } finally {
    transport.close();
  }
}

function buildStream(options: SimulationOptions, brands: string[], nowMs: number): { stream: AsyncIterable<SimulatedEvent>; cap: number | undefined; expected: number | undefined } {
  const live = (stream: AsyncIterable<SimulatedEvent>) => (options.dryRun === true ? stream : stampNow(stream, Date.now));
  if (options.from !== undefined) {
    const replay = readStreamFile(options.from);
    return { stream: options.restamp === true ? live(replay) : replay, cap: options.events, expected: options.events };
  }
  const community = buildCommunity({ seed: options.seed, brandIds: brands, membersPerBrand: options.membersPerBrand });
  const seed = options.trafficSeed ?? options.seed;
  const idPrefix = options.idPrefix ?? `sim-${seed}-`;
  if (options.historyDays !== undefined) {
    if (!(options.historyDays > 0 && options.historyDays <= MAX_HISTORY_DAYS)) throw new RangeError(`history days must be in (0, ${MAX_HISTORY_DAYS}]`);
    const toMs = nowMs - HISTORY_END_MARGIN_MS;
    const targetEvents = options.events ?? brands.length * options.membersPerBrand * 5;
    const timeline: Timeline = { kind: 'history', fromMs: toMs - options.historyDays * DAY_MS, toMs, targetEvents };
    return { stream: fromIterable(generateTraffic({ community, seed, timeline, idPrefix })), cap: undefined, expected: targetEvents };
  }
  // Live: the generator's clock runs at the sending rate, so its answer delays are real delays.
  const timeline: Timeline = { kind: 'live', startMs: nowMs, ratePerSecond: options.ratePerSecond ?? 1_000 };
  return { stream: live(fromIterable(generateTraffic({ community, seed, timeline, idPrefix }))), cap: options.events, expected: options.events };
}

function expectedFromRate(options: SimulationOptions): number | undefined {
  if (options.ratePerSecond === undefined || options.durationMs === undefined) return undefined;
  return Math.round((options.ratePerSecond * options.durationMs) / 1_000);
}

async function resolveSources(options: SimulationOptions, brands: string[], transport: HttpTransport, log: (line: string) => void): Promise<Map<string, SourceCredentials>> {
  if (options.source !== undefined) {
    if (brands.length > 1) throw new Error(`one source serves one brand; this run has ${brands.length} (give --admin-token to create a source per brand)`);
    return new Map([[brands[0]!, options.source]]);
  }
  if (options.adminToken === undefined) throw new Error('give --source-id and --secret, or --admin-token to create sources (or --dry-run)');
  const admin = new IngestionAdmin(transport, options.ingestionUrl, options.adminToken);
  const sources = new Map<string, SourceCredentials>();
  const name = options.sourceName ?? `simulator ${new Date().toISOString()}`;
  for (const brandId of brands) {
    const created = await admin.createSource({ brandId, name, ...(options.sourceRateLimit === undefined ? {} : { rateLimitPerSecond: options.sourceRateLimit }) });
    sources.set(brandId, created);
    log(`created source ${created.sourceId} for brand ${brandId}`);
  }
  return sources;
}
