import { describe, expect, it } from 'vitest';
import { WakeSignal } from './wake-signal';

describe('WakeSignal', () => {
  it('ends a wait early when notified', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    const waiting = signal.wait(10_000);
    signal.notify();
    expect(await waiting).toBe('notified');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('times out when nobody notifies', async () => {
    expect(await new WakeSignal().wait(20)).toBe('timeout');
  });

  it('remembers a notification that came while nobody waited, once', async () => {
    const signal = new WakeSignal();
    signal.notify();
    signal.notify();
    expect(await signal.wait(10_000)).toBe('notified');
    expect(await signal.wait(20)).toBe('timeout');
  });

  it('does not let a timed-out wait swallow the next notification', async () => {
    const signal = new WakeSignal();
    expect(await signal.wait(10)).toBe('timeout');
    signal.notify();
    expect(await signal.wait(10_000)).toBe('notified');
  });
});
