import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupCommitClosedError, GroupCommitter, type GroupCommitOptions } from './group-commit';

interface Deferred {
  items: readonly number[];
  resolve: (results: readonly string[]) => void;
  reject: (error: unknown) => void;
}

/** A flush whose completion the test controls, recording every batch it was given. */
function controlledFlush() {
  const calls: Deferred[] = [];
  const flush = (items: readonly number[]) =>
    new Promise<readonly string[]>((resolve, reject) => {
      calls.push({ items, resolve, reject });
    });
  return { calls, flush };
}

function committer(overrides: Partial<GroupCommitOptions<number, string>> & Pick<GroupCommitOptions<number, string>, 'flush'>) {
  return new GroupCommitter<number, string>({
    weigh: () => 1,
    maxBatchWeight: 3,
    maxDelayMs: 5,
    maxConcurrentFlushes: 1,
    ...overrides,
  });
}

describe('GroupCommitter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits up to maxDelayMs and flushes everything that arrived in one batch', async () => {
    const { calls, flush } = controlledFlush();
    const gc = committer({ flush, maxBatchWeight: 100 });
    const a = gc.submit(1);
    await vi.advanceTimersByTimeAsync(2);
    const b = gc.submit(2);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3);
    expect(calls.map((c) => c.items)).toEqual([[1, 2]]);
    calls[0]!.resolve(['r1', 'r2']);
    await expect(a).resolves.toBe('r1');
    await expect(b).resolves.toBe('r2');
  });

  it('flushes at once when the batch reaches maxBatchWeight', async () => {
    const { calls, flush } = controlledFlush();
    const gc = committer({ flush, maxBatchWeight: 3, maxConcurrentFlushes: 2 });
    void gc.submit(1);
    void gc.submit(2);
    expect(calls).toHaveLength(0);
    void gc.submit(3);
    expect(calls.map((c) => c.items)).toEqual([[1, 2, 3]]);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
  });

  it('weighs items: a batch never exceeds the bound unless one item alone does', () => {
    const { calls, flush } = controlledFlush();
    const gc = committer({ flush, weigh: (n) => n, maxBatchWeight: 10, maxConcurrentFlushes: 5 });
    void gc.submit(4);
    void gc.submit(5);
    void gc.submit(3); // 4 + 5 + 3 > 10: the first two go together once the third arrives
    expect(calls.map((c) => c.items)).toEqual([[4, 5]]);
    void gc.submit(25); // alone over the bound: flushed as its own batch
    expect(calls.map((c) => c.items)).toEqual([[4, 5], [3], [25]]);
  });

  it('does not start more than maxConcurrentFlushes; the queue grows meanwhile and goes next', async () => {
    const { calls, flush } = controlledFlush();
    const gc = committer({ flush, maxBatchWeight: 100, maxConcurrentFlushes: 1 });
    const first = gc.submit(1);
    await vi.advanceTimersByTimeAsync(5);
    expect(calls).toHaveLength(1);
    const later = [gc.submit(2), gc.submit(3), gc.submit(4)];
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toHaveLength(1);
    expect(gc.queued).toBe(3);
    calls[0]!.resolve(['one']);
    await expect(first).resolves.toBe('one');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]!.resolve(['two', 'three', 'four']);
    await expect(Promise.all(later)).resolves.toEqual(['two', 'three', 'four']);
  });

  it('settles no promise before its flush settles', async () => {
    const { calls, flush } = controlledFlush();
    const gc = committer({ flush });
    let settled = false;
    void gc.submit(1).then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    expect(settled).toBe(false);
    calls[0]!.resolve(['x']);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
  });

  it('fails every item of a failed flush with its error', async () => {
    const { calls, flush } = controlledFlush();
    const gc = committer({ flush, maxBatchWeight: 2 });
    const a = gc.submit(1);
    const b = gc.submit(2);
    const down = new Error('connection refused');
    calls[0]!.reject(down);
    await expect(a).rejects.toBe(down);
    await expect(b).rejects.toBe(down);
  });

  it('retries items one by one when told the failure is an item’s own, so only that item fails', async () => {
    const bad = new Error('bad row');
    const batches: number[][] = [];
    const gc = committer({
      maxBatchWeight: 3,
      flush: (items) => {
        batches.push([...items]);
        return items.includes(2) ? Promise.reject(bad) : Promise.resolve(items.map((n) => `ok${n}`));
      },
      isolateFailures: (error) => error === bad,
    });
    const results = await Promise.allSettled([gc.submit(1), gc.submit(2), gc.submit(3)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'ok1' },
      { status: 'rejected', reason: bad },
      { status: 'fulfilled', value: 'ok3' },
    ]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('rejects every item when the flush returns the wrong number of results', async () => {
    const gc = committer({ flush: () => Promise.resolve(['only one']), maxBatchWeight: 2 });
    const results = await Promise.allSettled([gc.submit(1), gc.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('close() flushes what is queued without waiting for the timer, then refuses new items', async () => {
    const { calls, flush } = controlledFlush();
    const gc = committer({ flush, maxBatchWeight: 100, maxDelayMs: 1_000 });
    const a = gc.submit(1);
    const closing = gc.close();
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    await expect(gc.submit(2)).rejects.toBeInstanceOf(GroupCommitClosedError);
    let closed = false;
    void closing.then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    calls[0]!.resolve(['done']);
    await expect(a).resolves.toBe('done');
    await closing;
  });

  it('under a steady stream every item is flushed exactly once and in submission order', async () => {
    const flushed: number[] = [];
    const gc = committer({
      maxBatchWeight: 7,
      maxDelayMs: 2,
      maxConcurrentFlushes: 2,
      flush: async (items) => {
        await new Promise((resolve) => setTimeout(resolve, 3));
        flushed.push(...items);
        return items.map(String);
      },
    });
    const all: Promise<string>[] = [];
    for (let i = 0; i < 200; i += 1) {
      all.push(gc.submit(i));
      if (i % 3 === 0) await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    const results = await Promise.all(all);
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
    expect([...flushed].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});
