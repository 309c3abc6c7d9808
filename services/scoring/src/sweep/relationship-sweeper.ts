import type { Component, Health } from '@rapport/kit/lifecycle';
import type { Logger } from '@rapport/kit/log';
import { counter, histogram, type Registry } from '@rapport/kit/metrics';
import { describePgError, transaction } from '@rapport/kit/pg';
import type { Pool } from 'pg';
import type { ScoringSettings } from '../consumers/interaction-batch';
import { sweepRound, type SweepRoundReport } from './sweep-round';

export interface RelationshipSweeperOptions {
  pool: Pool;
  settings: Pick<ScoringSettings, 'schema' | 'relationshipsTopic' | 'models'>;
  /** Time between sweeps (at most an hour: stages must not lag longer). */
  intervalMs: number;
  /** Relationships per transaction. */
  chunkSize: number;
  logger: Logger;
  registry?: Registry;
  clock?: () => number;
}

/**
 * Time alone changes stages and levels: every `intervalMs` the sweeper re-evaluates the
 * relationships whose next change is due, chunk after chunk (one transaction each) until none is
 * left. Safe with any number of replicas (claims skip what others hold).
 */
export class RelationshipSweeper implements Component {
  readonly id = 'relationship-sweep';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private lastFailure: string | undefined;
  private readonly logger: Logger;
  private readonly metrics;

  constructor(private readonly options: RelationshipSweeperOptions) {
    this.logger = options.logger.child({ component: this.id });
    this.metrics = options.registry === undefined ? undefined : sweepMetrics(options.registry);
  }

  /** Schedules sweeps; the first runs after one interval. */
  start(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((error: unknown) => {
          this.lastFailure = describePgError(error);
          this.logger.warn({ code: this.lastFailure }, 'sweep failed; trying again at the next interval');
        })
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.options.intervalMs);
  }

  /** One full sweep: chunks until no due relationship is left (or the sweeper is stopping). */
  async sweep(): Promise<SweepRoundReport> {
    const { pool, settings, chunkSize, clock = Date.now } = this.options;
    const total: SweepRoundReport = { claimed: 0, published: 0 };
    const started = performance.now();
    for (;;) {
      const now = clock();
      const round = await transaction(pool, (client) => sweepRound(client, settings, now, chunkSize));
      total.claimed += round.claimed;
      total.published += round.published;
      this.metrics?.round(round);
      if (round.claimed < chunkSize || this.stopped) break;
    }
    this.lastFailure = undefined;
    this.metrics?.duration.observe((performance.now() - started) / 1000);
    if (total.claimed > 0) this.logger.debug(total, 'sweep done');
    return total;
  }

  healthcheck(): Promise<Health> {
    // NOTE: a failing sweep is the database's problem, which the pool's check reports; the sweep
    // stays ready and shows the detail.
    return Promise.resolve(this.lastFailure === undefined ? { ok: true } : { ok: true, detail: `last sweep failed: ${this.lastFailure}` });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

function sweepMetrics(registry: Registry) {
  const claimed = counter(registry, { name: 'scoring_sweep_claimed_total', help: 'Relationships re-evaluated by the sweep because their next change was due.' });
  const published = counter(registry, { name: 'scoring_sweep_published_total', help: 'Sweep re-evaluations that changed stage or level (published with cause sweep).' });
  const duration = histogram(registry, { name: 'scoring_sweep_seconds', help: 'Duration of one full sweep.' });
  return {
    duration,
    round(report: SweepRoundReport) {
      claimed.inc(report.claimed);
      published.inc(report.published);
    },
  };
}
