/**
 * Group commit: concurrent submissions are queued and flushed together, so N webhook requests that
 * arrive within a few milliseconds cost one Postgres transaction instead of N commits.
 *
 * A batch is flushed when its queued weight (events) reaches `maxBatchWeight`, or when its oldest
 * item has waited `maxDelayMs`, whichever comes first; at most `maxConcurrentFlushes` flushes run at
 * once, and while they are busy the queue keeps filling, so batches grow with load by themselves.
 * Each submitter's promise settles with its own result only after its batch's flush settled.
 *
 * Pure queue and timer logic: the flush itself is injected (the Postgres writer in production).
 */
export interface GroupCommitOptions<I, R> {
  /** Writes the items durably; resolves with one result per item, in order. */
  flush: (items: readonly I[]) => Promise<readonly R[]>;
  /** An item's weight (its number of events); a batch stops growing at `maxBatchWeight`. */
  weigh: (item: I) => number;
  maxBatchWeight: number;
  maxDelayMs: number;
  maxConcurrentFlushes: number;
  /**
   * When a flush of several items fails with an error for which this answers true (a data error
   * rather than the database being unreachable), each item is retried alone so one bad item cannot
   * fail the others.
   */
  isolateFailures?: (error: unknown) => boolean;
}

interface Entry<I, R> {
  item: I;
  weight: number;
  enqueuedAt: number;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommitClosedError extends Error {
  constructor() {
    super('the group committer is stopped');
    this.name = 'GroupCommitClosedError';
  }
}

export class GroupCommitter<I, R> {
  private queue: Entry<I, R>[] = [];
  private queuedWeight = 0;
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: GroupCommitOptions<I, R>) {
    if (options.maxBatchWeight < 1 || options.maxConcurrentFlushes < 1 || options.maxDelayMs < 0) {
      throw new Error('group commit: maxBatchWeight and maxConcurrentFlushes must be ≥ 1, maxDelayMs ≥ 0');
    }
  }

  /** Items queued and not yet handed to a flush. */
  get queued(): number {
    return this.queue.length;
  }

  /** Flushes running right now. */
  get flushing(): number {
    return this.inFlight;
  }

  submit(item: I): Promise<R> {
    if (this.closed) return Promise.reject(new GroupCommitClosedError());
    return new Promise<R>((resolve, reject) => {
      const weight = Math.max(1, this.options.weigh(item));
      this.queue.push({ item, weight, enqueuedAt: Date.now(), resolve, reject });
      this.queuedWeight += weight;
      this.pump();
    });
  }

  /** Stops taking submissions, flushes what is queued and waits for every flush to settle. */
  async close(): Promise<void> {
    this.closed = true;
    this.pump(true);
    if (this.queue.length === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Starts as many flushes as are due and allowed; arms the timer for the rest. */
  private pump(force = false): void {
    this.clearTimer();
    while (this.queue.length > 0 && this.inFlight < this.options.maxConcurrentFlushes) {
      const head = this.queue[0]!;
      const due = force || this.closed || Date.now() - head.enqueuedAt >= this.options.maxDelayMs;
      if (!due && this.queuedWeight < this.options.maxBatchWeight) break;
      this.startFlush(this.takeBatch());
    }
    if (this.queue.length > 0 && this.inFlight < this.options.maxConcurrentFlushes) {
      const wait = Math.max(0, this.queue[0]!.enqueuedAt + this.options.maxDelayMs - Date.now());
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
    }
    // NOTE: when every flush slot is busy no timer is armed; the next completion pumps again.
  }

  private takeBatch(): Entry<I, R>[] {
    const batch: Entry<I, R>[] = [];
    let weight = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && weight + next.weight > this.options.maxBatchWeight) break;
      batch.push(next);
      weight += next.weight;
      this.queue.shift();
    }
    this.queuedWeight -= weight;
    return batch;
  }

  private startFlush(batch: Entry<I, R>[]): void {
    this.inFlight += 1;
    void this.runFlush(batch).finally(() => {
      this.inFlight -= 1;
      this.pump();
      if (this.queue.length === 0 && this.inFlight === 0) {
        for (const wake of this.idleWaiters.splice(0)) wake();
      }
    });
  }

  private async runFlush(batch: Entry<I, R>[]): Promise<void> {
    try {
      settleAll(batch, await this.flushChecked(batch));
    } catch (error) {
      if (batch.length > 1 && this.options.isolateFailures?.(error) === true) {
        // One at a time, so the failing item is found without failing its neighbours.
        for (const entry of batch) {
          try {
            settleAll([entry], await this.flushChecked([entry]));
          } catch (alone) {
            entry.reject(alone);
          }
        }
        return;
      }
      for (const entry of batch) entry.reject(error);
    }
  }

  private async flushChecked(batch: Entry<I, R>[]): Promise<readonly R[]> {
    const results = await this.options.flush(batch.map((entry) => entry.item));
    if (results.length !== batch.length) {
      throw new Error(`group commit: flush returned ${results.length} results for ${batch.length} items`);
    }
    return results;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function settleAll<I, R>(batch: Entry<I, R>[], results: readonly R[]): void {
  batch.forEach((entry, index) => entry.resolve(results[index]!));
}
