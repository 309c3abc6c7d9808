import type { Pool } from 'pg';

// A sampling profile of Postgres time: every few milliseconds, the tags (`/* scoring:… */`) of the
// statements running in the benchmark's database. The share of samples each tag holds is the
// share of the services' database time spent in it — where a consumer's batch time goes.

const TAG = /\/\*\s*([a-z0-9-]+:[a-z0-9:-]+)\s*\*\//i;

export function queryTag(query: string): string {
  const tag = TAG.exec(query)?.[1];
  if (tag !== undefined) return tag;
  const word = /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase();
  return word === undefined ? '(other)' : `(untagged ${word})`;
}

export class QuerySampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly admin: Pool,
    private readonly database: string,
    private readonly everyMs = 20,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.sample(), this.everyMs);
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The tags holding the most samples, with their share of all active-statement samples. */
  top(n = 8): { tag: string; share: number }[] {
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([tag, count]) => ({ tag, share: total === 0 ? 0 : count / total }));
  }

  /** Active statements per sample, on average: how many connections were working at once. */
  meanActive(): number {
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return this.samples === 0 ? 0 : total / this.samples;
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.admin.query<{ query: string }>(
        `SELECT query FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        [this.database],
      );
      this.samples++;
      for (const { query } of rows) {
        const tag = queryTag(query);
        this.counts.set(tag, (this.counts.get(tag) ?? 0) + 1);
      }
    } catch {
      // a lost sample changes nothing
    } finally {
      this.busy = false;
    }
  }
}
