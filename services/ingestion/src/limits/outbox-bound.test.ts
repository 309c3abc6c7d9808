import { describe, expect, it } from 'vitest';
import { OutboxBound } from './outbox-bound';

describe('OutboxBound', () => {
  it('admits below the bound, refuses at it, and counts at most once per interval', async () => {
    let now = 0;
    let backlog = 0;
    let counts = 0;
    const bound = new OutboxBound(
      () => {
        counts += 1;
        return Promise.resolve(backlog);
      },
      100,
      1_000,
      () => now,
    );
    await bound.refresh();
    expect(bound.admits()).toBe(true);
    backlog = 100;
    for (let i = 0; i < 50; i += 1) expect(bound.admits()).toBe(true); // cached
    expect(counts).toBe(1);
    now = 1_000;
    bound.admits(); // starts a count in the background
    await bound.refresh();
    expect(counts).toBe(2);
    expect(bound.admits()).toBe(false);
    backlog = 99;
    now = 2_000;
    await bound.refresh();
    expect(bound.admits()).toBe(true);
  });

  it('keeps the last known backlog when counting fails', async () => {
    let fail = false;
    const bound = new OutboxBound(() => (fail ? Promise.reject(new Error('down')) : Promise.resolve(500)), 100, 0);
    await bound.refresh();
    expect(bound.admits()).toBe(false);
    fail = true;
    await bound.refresh();
    expect(bound.lastBacklog).toBe(500);
    expect(bound.admits()).toBe(false);
  });
});
