import type { Figure } from '../runner/bench-result';
import type { LedgerAudit } from './delivery-ledger';
import type { PhaseMeasurement } from './load-phases';

/** The goals of issue 3 on this 2-core machine with Kafka and Postgres beside the service. */
export const INGESTION_GOALS = {
  singleEventsPerSecond: 5_000,
  /** Single-event rate as a share of the bare Fastify route's, in %. */
  singleShareOfBarePercent: 35,
  batchEventsPerSecond: 30_000,
  /** At 70% of the measured maximum. */
  p99Ms: 20,
} as const;

/** The open-model rate as a share of the closed-model maximum. */
export const OPEN_MODEL_LOAD = 0.7;

export interface ShapeMeasurements {
  bareClosed: PhaseMeasurement;
  serviceClosed: PhaseMeasurement;
  bareOpen: PhaseMeasurement;
  serviceOpen: PhaseMeasurement;
  /** Seconds the outbox took to empty once the closed-model load stopped (relay lag). */
  drainSeconds: number;
}

export interface IngestionMeasurements {
  /** Absent when the run skipped the shape (`BENCH_INGESTION_SHAPES`): its figures are then unmeasured. */
  single: ShapeMeasurements | undefined;
  batch: ShapeMeasurements | undefined;
  rss: { peakBytes: number; endBytes: number };
  audit: LedgerAudit;
}

const BARE = 'bare Fastify route';
const MIB = 1024 * 1024;

/** Every figure of the ingestion benchmark, each against its goal and ceiling where it has one. */
export function ingestionFigures(m: IngestionMeasurements): Figure[] {
  const { single, batch } = m;
  const share = single && single.bareClosed.eventsPerSecond > 0 ? (single.serviceClosed.eventsPerSecond / single.bareClosed.eventsPerSecond) * 100 : null;
  return [
    maxRateFigure('single-event requests, max rate (closed model)', single, INGESTION_GOALS.singleEventsPerSecond),
    { name: 'single-event rate as a share of the bare route', value: share, unit: '%', goal: { op: '>=', value: INGESTION_GOALS.singleShareOfBarePercent } },
    ...latencyFigures('single-event', single),
    maxRateFigure('100-event batches, max rate (closed model)', batch, INGESTION_GOALS.batchEventsPerSecond),
    ...latencyFigures('100-event batch', batch),
    cpuPerEventFigure('ingestion CPU per event at max rate, single events', single),
    cpuPerEventFigure('ingestion CPU per event at max rate, batches', batch),
    { name: 'ingestion CPU at max rate, single events', value: single?.serviceClosed.usage.cores.ingestion ?? null, unit: 'cores' },
    { name: 'ingestion CPU at max rate, batches', value: batch?.serviceClosed.usage.cores.ingestion ?? null, unit: 'cores' },
    { name: 'ingestion RSS, peak over the run', value: m.rss.peakBytes / MIB, unit: 'MiB' },
    { name: 'ingestion RSS at the end of the run', value: m.rss.endBytes / MIB, unit: 'MiB' },
    { name: 'load client CPU at max rate, single events', value: single?.serviceClosed.usage.self ?? null, unit: 'cores' },
    { name: 'outbox drained after the single-event max (relay lag)', value: single?.drainSeconds ?? null, unit: 's' },
    { name: 'outbox drained after the batch max (relay lag)', value: batch?.drainSeconds ?? null, unit: 's' },
    { name: 'events accepted (202) over the run', value: m.audit.acknowledged, unit: 'events' },
    { name: 'accepted events missing from the topic', value: m.audit.lost, unit: 'events', goal: { op: '<=', value: 0 } },
    { name: 'extra copies on the topic', value: m.audit.extraCopies, unit: 'events', goal: { op: '<=', value: 0 } },
  ];
}

function maxRateFigure(name: string, shape: ShapeMeasurements | undefined, goal: number): Figure {
  return {
    name,
    value: shape?.serviceClosed.eventsPerSecond ?? null,
    unit: 'events/s',
    goal: { op: '>=', value: goal },
    ...(shape === undefined ? {} : { ceiling: { name: BARE, value: shape.bareClosed.eventsPerSecond } }),
  };
}

/**
 * CPU time of the process per event (µs): unlike a rate, it holds up when other work on a shared
 * machine takes cores away, so it is the figure to compare across runs.
 */
function cpuPerEventFigure(name: string, shape: ShapeMeasurements | undefined): Figure {
  const perEvent = (phase: PhaseMeasurement, process: string) => {
    const cores = phase.usage.cores[process];
    return cores === undefined || phase.eventsPerSecond <= 0 ? null : (cores / phase.eventsPerSecond) * 1e6;
  };
  const service = shape && perEvent(shape.serviceClosed, 'ingestion');
  const bare = shape && perEvent(shape.bareClosed, 'bare');
  return { name, value: service ?? null, unit: 'µs', ...(bare === undefined || bare === null ? {} : { ceiling: { name: BARE, value: bare } }) };
}

function latencyFigures(label: string, shape: ShapeMeasurements | undefined): Figure[] {
  const rate = shape === undefined ? undefined : Math.round(shape.serviceOpen.eventsPerSecond);
  const at = `at 70% of max${rate === undefined ? '' : ` (${rate.toLocaleString('en-US')} events/s)`}`;
  const floor = (value: number | undefined) => (value === undefined ? {} : { ceiling: { name: `${BARE} at 70% of its max`, value } });
  return [
    { name: `${label} p50 ${at}`, value: shape?.serviceOpen.latencyMs.p50 ?? null, unit: 'ms', ...floor(shape?.bareOpen.latencyMs.p50) },
    {
      name: `${label} p99 ${at}`,
      value: shape?.serviceOpen.latencyMs.p99 ?? null,
      unit: 'ms',
      goal: { op: '<=', value: INGESTION_GOALS.p99Ms },
      ...floor(shape?.bareOpen.latencyMs.p99),
    },
  ];
}

/** One line per phase: what was sent, what came back, who used the CPU. */
export function phaseNote(p: PhaseMeasurement): string {
  const statuses = Object.entries(p.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  const cores = Object.entries(p.usage.cores)
    .filter(([, used]) => used >= 0.005)
    .map(([name, used]) => `${name} ${used.toFixed(2)}`)
    .join(', ');
  const latency = `p50 ${p.latencyMs.p50.toFixed(2)} ms, p99 ${p.latencyMs.p99.toFixed(2)} ms${p.latencyMs.max === undefined ? '' : `, max ${p.latencyMs.max.toFixed(1)} ms`}`;
  const rate = p.targetRequestsPerSecond === undefined ? '' : ` at ${Math.round(p.targetRequestsPerSecond)} req/s`;
  return (
    `${p.phase} (${p.target}, ${p.model}${rate}, ${p.eventsPerRequest} event(s)/request, ${p.seconds.toFixed(1)} s): ` +
    `${Math.round(p.eventsPerSecond)} events/s; ${statuses || 'no answers'}${p.errors > 0 ? `; ${p.errors} errors` : ''}; ${latency}; ` +
    `CPU cores: ${cores}, client ${p.usage.self.toFixed(2)}, machine busy ${(p.usage.machineBusy * 100).toFixed(0)}%` +
    (p.generatedLive > 0 ? `; ${p.generatedLive} requests signed live` : '')
  );
}
