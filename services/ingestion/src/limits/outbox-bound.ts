/**
 * The outbox bound: while Kafka is down ingestion keeps accepting into its outbox, up to a
 * configured number of unpublished rows (an hour at the benchmarked peak rate by default); past it
 * requests get 503 + Retry-After instead of filling the disk.
 *
 * The backlog is counted at most once per `refreshMs` in the background and read from memory on the
 * request path. When the count itself fails (Postgres down) the last known value stays: the
 * storage write then fails on its own and answers 503.
 */
export class OutboxBound {
  private backlog = 0;
  private refreshedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly count: () => Promise<number>,
    private readonly maxBacklog: number,
    private readonly refreshMs = 1_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** True when a request may be accepted. Never waits for the database. */
  admits(): boolean {
    if (this.now() - this.refreshedAt >= this.refreshMs) void this.refresh();
    return this.backlog < this.maxBacklog;
  }

  /** The last counted backlog. */
  get lastBacklog(): number {
    return this.backlog;
  }

  /** Counts now (at start, and in tests); concurrent calls share one count. */
  refresh(): Promise<void> {
    this.refreshing ??= this.count()
      .then(
        (n) => {
          this.backlog = n;
        },
        () => {
          // Keep the last value; the storage write reports the outage itself.
        },
      )
      .finally(() => {
        this.refreshedAt = this.now();
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
