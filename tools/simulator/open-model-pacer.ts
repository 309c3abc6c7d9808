// The clock of the open model: a fixed rate in events per second, whatever the server does. Each
// request's due time comes from the start and the number of events scheduled before it (never
// from the previous send), so timer jitter and slow answers never make the schedule drift. A
// request due while every in-flight slot is taken is missed (counted, not sent late), so a slow
// server cannot quietly lower the offered rate (no coordinated omission).

export interface PacerOptions {
  ratePerSecond: number;
  startMs: number;
  /** A send this much after its due time counts as late (timer or event-loop lag). */
  lateToleranceMs?: number;
}

export type PacerDecision =
  | { kind: 'wait'; ms: number }
  | { kind: 'send'; lateMs: number }
  | { kind: 'miss'; lateMs: number };

export interface PacerStats {
  /** Requests sent on their slot. */
  sent: number;
  /** Of them, sent later than the tolerance. */
  late: number;
  maxLateMs: number;
  /** Requests and events dropped because no in-flight slot was free when they were due. */
  missedRequests: number;
  missedEvents: number;
}

export class OpenModelPacer {
  private scheduledEvents = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  readonly stats: PacerStats = { sent: 0, late: 0, maxLateMs: 0, missedRequests: 0, missedEvents: 0 };

  constructor(private readonly options: PacerOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('the rate must be positive');
    this.intervalMs = 1_000 / options.ratePerSecond;
    this.toleranceMs = options.lateToleranceMs ?? 10;
  }

  /** When the next request (starting at the next unscheduled event) is due. */
  dueAtMs(): number {
    return this.options.startMs + this.scheduledEvents * this.intervalMs;
  }

  /** What to do at `nowMs` with the next request, which carries `events` events. */
  decide(nowMs: number, events: number, hasCapacity: boolean): PacerDecision {
    const due = this.dueAtMs();
    if (nowMs < due) return { kind: 'wait', ms: due - nowMs };
    this.scheduledEvents += events;
    const lateMs = nowMs - due;
    if (!hasCapacity) {
      this.stats.missedRequests++;
      this.stats.missedEvents += events;
      return { kind: 'miss', lateMs };
    }
    this.stats.sent++;
    if (lateMs > this.toleranceMs) this.stats.late++;
    this.stats.maxLateMs = Math.max(this.stats.maxLateMs, lateMs);
    return { kind: 'send', lateMs };
  }
}
