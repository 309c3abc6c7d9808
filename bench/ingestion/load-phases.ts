import { runClosedModel } from './closed-model';
import { runOpenModel } from './open-model';
import { scheduledRequests } from './open-model-schedule';
import { SignedRequests } from './signed-requests';
import { UsageProbe, type UsageBetween } from '../support/process-usage';

/** What the load is sent to. */
export interface LoadTarget {
  name: 'ingestion' | 'bare';
  port: number;
  path: string;
}

/** One request shape: single events or batches. */
export interface LoadShape {
  tag: 'single' | 'batch';
  eventsPerRequest: number;
  connections: number;
}

export interface PhaseMeasurement {
  phase: string;
  target: LoadTarget['name'];
  model: 'closed' | 'open';
  eventsPerRequest: number;
  seconds: number;
  /** Requests answered 202. */
  accepted: number;
  eventsPerSecond: number;
  statuses: Record<string, number>;
  errors: number;
  /** Closed model: autocannon's; open model: from each request's due time. */
  latencyMs: { p50: number; p99: number; p999?: number; max?: number };
  /** Open model only: the rate asked for, in requests/s. */
  targetRequestsPerSecond?: number;
  usage: UsageBetween;
  /** Requests signed while the load ran because the pre-generated ones ran out. */
  generatedLive: number;
  connectionsOpened?: number;
}

export interface PhaseContext {
  secret: string;
  probe: UsageProbe;
  /** Every answer of a phase whose 202s are promises to check (ingestion's phases). */
  onStatus?: (phase: string, index: number, status: number) => void;
  /** Before a phase: e.g. refresh which Postgres backends the probe watches. */
  beforePhase?: () => Promise<void>;
}

const MS = 1 / 1000;
/** Requests in the bare route's round-robin pool: far more than connections, a few MB. */
const BARE_POOL: Record<LoadShape['tag'], number> = { single: 20_000, batch: 400 };

/** Max throughput: autocannon, `shape.connections` connections, the requests pre-signed. */
export async function closedPhase(
  context: PhaseContext,
  target: LoadTarget,
  shape: LoadShape,
  phase: string,
  seconds: number,
  expectedRequestsPerSecond: number,
): Promise<PhaseMeasurement> {
  // The bare route does not dedupe: a bounded pool sent round and round costs its client exactly
  // what ingestion's costs, without hundreds of MB of requests.
  const cycle = target.name === 'bare';
  const requests = new SignedRequests({ phase, eventsPerRequest: shape.eventsPerRequest, secret: context.secret, cycle });
  requests.pregenerate(cycle ? BARE_POOL[shape.tag] : Math.ceil(expectedRequestsPerSecond * seconds * 2) + shape.connections);
  await context.beforePhase?.();
  const before = context.probe.snapshot();
  const result = await runClosedModel({
    baseUrl: `http://127.0.0.1:${target.port}`,
    path: target.path,
    connections: shape.connections,
    durationSeconds: seconds,
    requests,
    onStatus: (index, status) => context.onStatus?.(phase, index, status),
  });
  const usage = UsageProbe.between(before, context.probe.snapshot());
  const accepted = result.statuses['202'] ?? 0;
  return {
    phase,
    target: target.name,
    model: 'closed',
    eventsPerRequest: shape.eventsPerRequest,
    seconds: result.durationSeconds,
    accepted,
    eventsPerSecond: (accepted * shape.eventsPerRequest) / result.durationSeconds,
    statuses: result.statuses,
    errors: result.errors,
    latencyMs: result.latencyMs,
    usage,
    generatedLive: requests.generatedLive,
  };
}

/** Fixed rate: `eventsPerSecond` as requests of the shape, latency from each request's due time. */
export async function openPhase(
  context: PhaseContext,
  target: LoadTarget,
  shape: LoadShape,
  phase: string,
  seconds: number,
  eventsPerSecond: number,
): Promise<PhaseMeasurement> {
  const ratePerSecond = eventsPerSecond / shape.eventsPerRequest;
  const cycle = target.name === 'bare';
  const requests = new SignedRequests({
    phase,
    eventsPerRequest: shape.eventsPerRequest,
    secret: context.secret,
    raw: { host: `127.0.0.1:${target.port}`, path: target.path },
    cycle,
  });
  requests.pregenerate(Math.min(scheduledRequests(ratePerSecond, seconds * 1000), cycle ? BARE_POOL[shape.tag] : Infinity));
  await context.beforePhase?.();
  const before = context.probe.snapshot();
  const result = await runOpenModel({
    host: '127.0.0.1',
    port: target.port,
    ratePerSecond,
    durationMs: seconds * 1000,
    initialConnections: shape.connections,
    next: () => {
      const { index, request } = requests.take();
      return { index, raw: request.raw! };
    },
    onStatus: (index, status) => context.onStatus?.(phase, index, status),
  });
  const usage = UsageProbe.between(before, context.probe.snapshot());
  const accepted = result.statuses['202'] ?? 0;
  return {
    phase,
    target: target.name,
    model: 'open',
    eventsPerRequest: shape.eventsPerRequest,
    seconds: result.elapsedMs / 1000,
    accepted,
    eventsPerSecond: (accepted * shape.eventsPerRequest) / (result.elapsedMs / 1000),
    statuses: result.statuses,
    errors: result.errors,
    latencyMs: {
      p50: result.latencyUs.getValueAtPercentile(50) * MS,
      p99: result.latencyUs.getValueAtPercentile(99) * MS,
      p999: result.latencyUs.getValueAtPercentile(99.9) * MS,
      max: result.latencyUs.maxValue * MS,
    },
    targetRequestsPerSecond: ratePerSecond,
    usage,
    generatedLive: requests.generatedLive,
    connectionsOpened: result.connectionsOpened,
  };
}
