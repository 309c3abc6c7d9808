import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceCredentials } from '../../tools/simulator/ingestion-admin';
import type { EventLedger } from '../../tools/e2e/event-ledger';
import { latencyFigures, type LatencyFigures } from '../../tools/e2e/latency-summary';
import type { LatencyProbe, ProbeResult } from '../../tools/e2e/latency-probe';
import { readBacklog, waitUntilSettled } from '../../tools/e2e/settle';
import { startLoad } from '../../tools/e2e/simulated-load';
import type { RapportSystem } from '../../tools/e2e/system';
import { UsageProbe, type UsageBetween } from '../support/process-usage';
import { describeBatches, readBatchTotals } from './consumer-batches';
import { QuerySampler } from './query-sampler';

// One phase of the end-to-end latency benchmark: background traffic from the simulator at a
// fixed rate (open model) and, once it has warmed up, probe events at their own fixed rate, each
// timed from its 202 to the moment reporting's member API shows it. Probes are fired on schedule
// whatever the earlier ones are doing (no coordinated omission); a probe that never shows within
// the timeout counts as that timeout (a lower bound).

export interface PhaseOptions {
  name: string;
  system: RapportSystem;
  ledger: EventLedger;
  probe: LatencyProbe;
  /** Background events per second (0: probes alone, the idle reference). */
  backgroundPerSecond: number;
  probesPerSecond: number;
  warmupMs: number;
  measureMs: number;
  batchSize: number;
  membersPerBrand: number;
  brandId: string;
  source: SourceCredentials;
  dir: string;
  seed: number;
  probeTimeoutMs: number;
  usage: UsageProbe;
  /** The system's database, whose active statements are sampled while the probes run. */
  databaseName: string;
  /** Called right before the measurement starts (the caller refreshes its process lists). */
  beforeMeasure?: () => Promise<void>;
  log: (line: string) => void;
}

export interface PhaseResult {
  name: string;
  latency: LatencyFigures;
  /** Probes that did not show within the timeout (counted at the timeout in `latency`). */
  timedOut: number;
  /** Background events that got a 2xx per second while the probes ran, and the senders' own figures. */
  backgroundAcceptedPerSecond: number;
  backgroundRejected: number;
  senderP99Ms: number;
  missedSends: number;
  /** Background requests the sender sent behind schedule (its own CPU, or connections all busy). */
  lateSends: number;
  /** Events accepted but not yet recorded by reporting when the load stopped, and how long they took to drain. */
  backlogAtEnd: number;
  drainMs: number;
  usage: UsageBetween;
  /** Where the probes' time went: 202 → scoring's batch began; scoring's batch began → visible. Medians. */
  toScoringMs: number;
  fromScoringMs: number;
  /** Consumer batches of scoring and reporting while the probes ran. */
  batches: { scoring: string; reporting: string };
  /** Statements running in the database while the probes ran, by tag (share of samples), and how many at once. */
  postgres: { top: { tag: string; share: number }[]; meanActive: number };
}

export async function runLatencyPhase(o: PhaseOptions): Promise<PhaseResult> {
  const load =
    o.backgroundPerSecond > 0
      ? startLoad(
          {
            ingestionUrl: o.system.ingestionUrl,
            brandId: o.brandId,
            source: o.source,
            dir: o.dir,
            name: `bg-${o.name}`,
            seed: o.seed,
            membersPerBrand: o.membersPerBrand,
            ratePerSecond: o.backgroundPerSecond,
            durationMs: o.warmupMs + o.measureMs,
            batchSize: o.batchSize,
            concurrency: 16,
          },
          o.ledger,
        )
      : undefined;
  await sleep(o.warmupMs);
  await o.beforeMeasure?.();
  const sampler = new QuerySampler(o.system.admin(), o.databaseName).start();
  const acceptedBefore = load?.stats.accepted ?? 0;
  const usageBefore = o.usage.snapshot();
  const scoringUrl = o.system.first('scoring').baseUrl;
  const reportingUrl = o.system.first('reporting').baseUrl;
  const batchesBefore = { scoring: await readBatchTotals(scoringUrl), reporting: await readBatchTotals(reportingUrl) };
  const started = performance.now();

  const latencies: number[] = [];
  const shown: ProbeResult[] = [];
  let timedOut = 0;
  const inFlight: Promise<void>[] = [];
  const total = Math.round((o.measureMs / 1_000) * o.probesPerSecond);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1_000) / o.probesPerSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      o.probe.probe(o.probeTimeoutMs).then((result) => {
        if (result.latencyMs === undefined) {
          timedOut++;
          latencies.push(o.probeTimeoutMs);
        } else {
          latencies.push(result.latencyMs);
          shown.push(result);
        }
      }),
    );
  }
  const measuredSeconds = (performance.now() - started) / 1_000;
  const acceptedDuring = (load?.stats.accepted ?? 0) - acceptedBefore;
  const usage = UsageProbe.between(usageBefore, o.usage.snapshot());
  sampler.stop();
  const batches = {
    scoring: describeBatches(batchesBefore.scoring, await readBatchTotals(scoringUrl)),
    reporting: describeBatches(batchesBefore.reporting, await readBatchTotals(reportingUrl)),
  };
  await Promise.all(inFlight);
  const split = await splitAtScoring(o.system, shown);
  const report = load === undefined ? undefined : await load.done;

  const backlog = await readBacklog(o.system.admin());
  const drainStarted = Date.now();
  const settle = await waitUntilSettled(o.system.admin(), 300_000, 100);
  if (!settle.settled) o.log(`${o.name}: did not settle within 300 s: ${JSON.stringify(settle.backlog)}`);
  const result: PhaseResult = {
    name: o.name,
    latency: latencyFigures(latencies),
    timedOut,
    backgroundAcceptedPerSecond: acceptedDuring / measuredSeconds,
    backgroundRejected: Object.values(report?.summary?.rejectedEvents ?? {}).reduce((a, b) => a + b, 0) + (report?.summary?.failedEvents ?? 0),
    senderP99Ms: report?.summary?.latencyMs.p99 ?? 0,
    missedSends: report?.summary?.pacing?.missedEvents ?? 0,
    lateSends: report?.summary?.pacing?.late ?? 0,
    backlogAtEnd: Math.max(0, backlog.ingested - backlog.recorded),
    drainMs: Date.now() - drainStarted,
    usage,
    ...split,
    batches,
    postgres: { top: sampler.top(), meanActive: sampler.meanActive() },
  };
  o.log(
    `${o.name}: probes p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, max ${result.latency.max.toFixed(1)} ms (${result.latency.count} probes, ${timedOut} timed out); ` +
      `background ${result.backgroundAcceptedPerSecond.toFixed(0)} events/s accepted, sender p99 ${result.senderP99Ms} ms; backlog at end ${result.backlogAtEnd}, drained in ${result.drainMs} ms; ` +
      `202 → scoring batch ${result.toScoringMs.toFixed(0)} ms, → visible ${result.fromScoringMs.toFixed(0)} ms (medians); scoring ${batches.scoring}; reporting ${batches.reporting}; ` +
      `postgres ${result.postgres.meanActive.toFixed(1)} statements active: ${result.postgres.top.map((t) => `${t.tag} ${(t.share * 100).toFixed(0)}%`).join(', ')}; ` +
      `cores ${Object.entries(usage.cores).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}, machine busy ${(usage.machineBusy * 100).toFixed(0)}%`,
  );
  return result;
}

/**
 * Medians of the two halves of each shown probe's latency, split where scoring's transaction
 * applying it began (`scoring.events.processed_at` is that transaction's `now()`; one clock).
 */
async function splitAtScoring(system: RapportSystem, shown: readonly ProbeResult[]): Promise<{ toScoringMs: number; fromScoringMs: number }> {
  if (shown.length === 0) return { toScoringMs: Number.NaN, fromScoringMs: Number.NaN };
  const { rows } = await system.admin().query<{ event_id: string; at: Date }>(
    '/* e2e-bench:probe-processed */ SELECT event_id, processed_at AS at FROM scoring.events WHERE event_id = ANY($1)',
    [shown.map((p) => p.eventId)],
  );
  const processed = new Map(rows.map((r) => [r.event_id, r.at.getTime()]));
  const before: number[] = [];
  const after: number[] = [];
  for (const p of shown) {
    const at = processed.get(p.eventId);
    if (at === undefined || p.acceptedAt === undefined || p.visibleAt === undefined) continue;
    before.push(at - p.acceptedAt);
    after.push(p.visibleAt - at);
  }
  return { toScoringMs: latencyFigures(before).p50, fromScoringMs: latencyFigures(after).p50 };
}
