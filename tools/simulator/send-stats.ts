import { build, type Histogram } from 'hdr-histogram-js';
import type { DeliveryResult } from './event-delivery';
import type { PacerStats } from './open-model-pacer';

// What a run did, counted as results come in: requests and events by outcome, retries, and the
// latency of every HTTP attempt in an HDR histogram (microsecond resolution).

export interface SendSummary {
  elapsedSeconds: number;
  requests: number;
  events: number;
  /** Events of requests that got a 2xx, split by what ingestion said about each. */
  acceptedEvents: number;
  duplicateEvents: number;
  ignoredEvents: number;
  /** Events of requests finally answered with an error, by status. */
  rejectedEvents: Record<string, number>;
  /** Events of requests that never got an answer. */
  failedEvents: number;
  retries: number;
  /** Events of 2xx requests per second over the run. */
  acceptedPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; count: number };
  pacing?: PacerStats;
}

export class SendStats {
  requests = 0;
  events = 0;
  accepted = 0;
  duplicates = 0;
  ignored = 0;
  failed = 0;
  retries = 0;
  readonly rejected = new Map<number, number>();
  private readonly latency: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });

  record(result: DeliveryResult): void {
    const n = result.request.events.length;
    this.requests++;
    this.events += n;
    this.retries += result.attempts - 1;
    for (const ms of result.latenciesMs) this.latency.recordValue(Math.max(1, Math.round(ms * 1_000)));
    const { outcome } = result;
    switch (outcome.kind) {
      case 'accepted': {
        const reply = outcome.reply;
        if (reply === undefined) {
          this.accepted += n;
          break;
        }
        this.ignored += reply.ignored.length;
        this.accepted += reply.ids.length;
        this.duplicates += Math.max(0, n - reply.ids.length - reply.ignored.length);
        break;
      }
      case 'rejected':
        this.rejected.set(outcome.status, (this.rejected.get(outcome.status) ?? 0) + n);
        break;
      case 'failed':
        this.failed += n;
        break;
    }
  }

  get rejectedEvents(): number {
    let total = 0;
    for (const n of this.rejected.values()) total += n;
    return total;
  }

  percentileMs(p: number): number {
    return this.latency.totalCount === 0 ? 0 : this.latency.getValueAtPercentile(p) / 1_000;
  }

  summary(elapsedMs: number, pacing?: PacerStats): SendSummary {
    const ok = this.accepted + this.duplicates + this.ignored;
    return {
      elapsedSeconds: round(elapsedMs / 1_000),
      requests: this.requests,
      events: this.events,
      acceptedEvents: this.accepted,
      duplicateEvents: this.duplicates,
      ignoredEvents: this.ignored,
      rejectedEvents: Object.fromEntries([...this.rejected].sort(([a], [b]) => a - b).map(([status, n]) => [String(status), n])),
      failedEvents: this.failed,
      retries: this.retries,
      acceptedPerSecond: round(elapsedMs > 0 ? (ok * 1_000) / elapsedMs : 0),
      latencyMs: {
        p50: round(this.percentileMs(50)),
        p90: round(this.percentileMs(90)),
        p99: round(this.percentileMs(99)),
        max: round(this.latency.totalCount === 0 ? 0 : this.latency.maxValue / 1_000),
        count: this.latency.totalCount,
      },
      ...(pacing === undefined ? {} : { pacing: { ...pacing, maxLateMs: round(pacing.maxLateMs) } }),
    };
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

export function formatSummary(s: SendSummary): string {
  const rejected = Object.entries(s.rejectedEvents).map(([status, n]) => `${status}: ${n}`).join(', ') || 'none';
  const lines = [
    `sent        ${s.events} events in ${s.requests} requests over ${s.elapsedSeconds} s (${s.acceptedPerSecond} events/s answered 2xx)`,
    `2xx         ${s.acceptedEvents} accepted, ${s.duplicateEvents} duplicates, ${s.ignoredEvents} ignored`,
    `rejected    ${rejected}`,
    `no answer   ${s.failedEvents} events; ${s.retries} retries in all`,
    `latency     p50 ${s.latencyMs.p50} ms, p90 ${s.latencyMs.p90} ms, p99 ${s.latencyMs.p99} ms, max ${s.latencyMs.max} ms (${s.latencyMs.count} attempts)`,
  ];
  if (s.pacing) {
    lines.push(`pacing      ${s.pacing.late} late sends (max ${s.pacing.maxLateMs} ms behind), ${s.pacing.missedEvents} events missed in ${s.pacing.missedRequests} requests (no free slot)`);
  }
  return lines.join('\n');
}
