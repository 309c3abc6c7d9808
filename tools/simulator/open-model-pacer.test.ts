import { describe, expect, it } from 'vitest';
import { OpenModelPacer, type PacerDecision } from './open-model-pacer';

/** Drives a pacer with a fake clock: at each tick, takes every request that is due. */
function run(pacer: OpenModelPacer, ticks: number[], size = 1, capacity: (now: number) => boolean = () => true) {
  const log: { now: number; decision: PacerDecision }[] = [];
  for (const now of ticks) {
    for (;;) {
      const decision = pacer.decide(now, size, capacity(now));
      if (decision.kind === 'wait') break;
      log.push({ now, decision });
    }
  }
  return log;
}

describe('open-model pacer', () => {
  it('sends on a fixed grid from the start and says how long to wait in between', () => {
    const pacer = new OpenModelPacer({ ratePerSecond: 100, startMs: 1_000 });
    expect(pacer.decide(990, 1, true)).toEqual({ kind: 'wait', ms: 10 });
    expect(pacer.decide(1_000, 1, true)).toEqual({ kind: 'send', lateMs: 0 });
    expect(pacer.decide(1_004, 1, true)).toEqual({ kind: 'wait', ms: 6 });
    expect(pacer.decide(1_010, 1, true)).toEqual({ kind: 'send', lateMs: 0 });
  });

  it('does not drift under irregular wake-ups: the count sent by t is the grid count', () => {
    const pacer = new OpenModelPacer({ ratePerSecond: 250, startMs: 0 });
    // Wake-ups that are always a bit late and uneven, as real timers are.
    const ticks: number[] = [];
    for (let t = 0; t <= 10_000; t += 3 + (ticks.length % 7)) ticks.push(t);
    const log = run(pacer, ticks);
    const last = ticks.at(-1)!;
    expect(log).toHaveLength(Math.floor((last * 250) / 1_000) + 1);
    // Each send happens at the first wake-up after its slot: never before, never much later.
    log.forEach(({ now }, k) => {
      expect(now).toBeGreaterThanOrEqual(k * 4);
      expect(now - k * 4).toBeLessThan(10);
    });
    expect(pacer.stats.late).toBe(0);
  });

  it('counts the rate in events: a batch of 10 at 100 events/s is one request every 100 ms', () => {
    const pacer = new OpenModelPacer({ ratePerSecond: 100, startMs: 0 });
    const log = run(pacer, [0, 50, 100, 150, 200, 999, 1_000], 10);
    expect(log.map((l) => l.now)).toEqual([0, 100, 200, 999, 999, 999, 999, 999, 999, 999, 1_000]);
  });

  it('after a stall, sends what fell due at once and reports it late', () => {
    const pacer = new OpenModelPacer({ ratePerSecond: 10, startMs: 0, lateToleranceMs: 5 });
    const log = run(pacer, [0, 1_000]);
    expect(log).toHaveLength(11);
    expect(pacer.stats).toMatchObject({ sent: 11, late: 9, maxLateMs: 900, missedRequests: 0 });
  });

  it('misses the requests that fall due while no in-flight slot is free, and resumes on the grid', () => {
    const pacer = new OpenModelPacer({ ratePerSecond: 100, startMs: 0 });
    const log = run(pacer, [0, 10, 20, 30, 40, 50, 60], 2, (now) => now < 20 || now > 40);
    expect(log.map((l) => [l.now, l.decision.kind])).toEqual([
      [0, 'send'],
      [20, 'miss'],
      [40, 'miss'],
      [60, 'send'],
    ]);
    expect(pacer.stats).toMatchObject({ sent: 2, missedRequests: 2, missedEvents: 4 });
    expect(pacer.dueAtMs()).toBe(80);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new OpenModelPacer({ ratePerSecond: 0, startMs: 0 })).toThrow(RangeError);
  });
});
