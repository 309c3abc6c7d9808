import { join } from 'node:path';
import type { SourceCredentials } from '../simulator/ingestion-admin';
import type { RetryPolicy } from '../simulator/retry-policy';
import { runSimulation, type SimulationOptions, type SimulationReport } from '../simulator/run-simulation';
import { SendStats } from '../simulator/send-stats';
import type { EventLedger } from './event-ledger';

// The simulator as a test's load: one brand's community sent to its source, recorded (`--out`)
// and logged (`--accepted-log`) into the test's folder, folded into the ledger once it ends.

/**
 * A sender that outlasts a service restart or a broker outage: it keeps retrying dropped
 * connections and 503s for about a minute, with the same `webhook-id` each time.
 */
export const PATIENT_RETRIES: RetryPolicy = { maxAttempts: 40, baseDelayMs: 200, maxDelayMs: 2_000 };

export interface LoadOptions {
  ingestionUrl: string;
  brandId: string;
  source: SourceCredentials;
  /** Folder of the recording and the accepted log. */
  dir: string;
  /** Distinguishes this run's files and event ids from the test's other runs. */
  name: string;
  seed: number;
  membersPerBrand?: number;
  /** Open model at this rate; closed model (as fast as `concurrency` connections go) when absent. */
  ratePerSecond?: number;
  events?: number;
  durationMs?: number;
  /** Compressed history over this many days instead of live traffic. */
  historyDays?: number;
  batchSize?: number;
  concurrency?: number;
  /** Replay this recording (same ids: duplicates) instead of generating traffic. */
  from?: string;
  retry?: RetryPolicy;
}

export interface RunningLoad {
  readonly recording: string;
  readonly acceptedLog: string;
  /** Live counts while it runs. */
  readonly stats: SendStats;
  /** Ends the run: no new request starts; those in flight finish (and retries stop waiting). */
  stop(): void;
  /** The run's report once it ended, after the ledger has taken its files. */
  readonly done: Promise<SimulationReport>;
}

export function startLoad(options: LoadOptions, ledger: EventLedger): RunningLoad {
  const recording = join(options.dir, `${options.name}.sent.ndjson`);
  const acceptedLog = join(options.dir, `${options.name}.accepted.ndjson`);
  const controller = new AbortController();
  const stats = new SendStats();
  ledger.addSource(options.brandId, options.source.sourceId);
  const simulation: SimulationOptions = {
    ingestionUrl: options.ingestionUrl,
    source: options.source,
    brands: [options.brandId],
    membersPerBrand: options.membersPerBrand ?? 200,
    seed: options.seed,
    idPrefix: `${options.name}-`,
    ratePerSecond: options.ratePerSecond,
    events: options.events,
    durationMs: options.durationMs,
    historyDays: options.historyDays,
    batchSize: options.batchSize ?? 1,
    concurrency: options.concurrency ?? 4,
    // NOTE: high enough that an outage (requests retrying) never makes the pacer skip events.
    maxInFlight: 2_000,
    // NOTE: a replay keeps the recording's ids; its own recording would only repeat them.
    ...(options.from === undefined ? { out: recording } : { from: options.from }),
    acceptedLog,
    retry: options.retry ?? PATIENT_RETRIES,
    signal: controller.signal,
    stats,
    log: () => {},
  };
  const done = runSimulation(simulation).then((report) => {
    ledger.addSimulatorRun({ recording: options.from ?? recording, acceptedLog }, report.summary);
    return report;
  });
  return { recording, acceptedLog, stats, stop: () => controller.abort(), done };
}
