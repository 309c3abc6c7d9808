import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Component } from './component';
import { shutdown } from './shutdown';
import { withTimeout } from './with-timeout';

const silent = pino({ level: 'silent' });

function component(id: string, stopped: string[], stop: () => Promise<void> = () => Promise.resolve()): Component {
  return {
    id,
    healthcheck: () => Promise.resolve({ ok: true }),
    stop: async () => {
      await stop();
      stopped.push(id);
    },
  };
}

describe('shutdown', () => {
  it('stops components in reverse start order', async () => {
    const stopped: string[] = [];
    const results = await shutdown(['postgres', 'kafka', 'consumer', 'http'].map((id) => component(id, stopped)), silent, 1_000);
    expect(stopped).toEqual(['http', 'consumer', 'kafka', 'postgres']);
    expect(results.map((result) => result.outcome)).toEqual(['stopped', 'stopped', 'stopped', 'stopped']);
  });

  it('gives up on a hung component within its share and still stops the others', async () => {
    const stopped: string[] = [];
    const hung = component('http', stopped, () => new Promise(() => undefined));
    const started = Date.now();
    const results = await shutdown([component('postgres', stopped), component('kafka', stopped), hung], silent, 300);
    const elapsed = Date.now() - started;
    expect(results).toEqual([
      expect.objectContaining({ id: 'http', outcome: 'timed-out' }),
      expect.objectContaining({ id: 'kafka', outcome: 'stopped' }),
      expect.objectContaining({ id: 'postgres', outcome: 'stopped' }),
    ]);
    expect(stopped).toEqual(['kafka', 'postgres']);
    // The hung one gets a third of the budget, not all of it.
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(250);
  });

  it('reports and logs a component whose stop fails, then carries on', async () => {
    const stopped: string[] = [];
    const lines: string[] = [];
    const logger = pino(
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString());
          callback();
        },
      }),
    );
    const failing = component('producer', stopped, () => Promise.reject(new Error('flush failed')));
    const results = await shutdown([component('postgres', stopped), failing], logger, 1_000);
    expect(results.map((result) => [result.id, result.outcome])).toEqual([
      ['producer', 'failed'],
      ['postgres', 'stopped'],
    ]);
    expect(lines.join('')).toContain('"component":"producer"');
    expect(lines.join('')).toContain('flush failed');
  });
});

describe('withTimeout', () => {
  it('passes a result through and times out a hung promise', async () => {
    await expect(withTimeout(Promise.resolve(7), 50, 'quick')).resolves.toBe(7);
    await expect(withTimeout(new Promise(() => undefined), 20, 'probe')).rejects.toThrow('probe did not finish within 20 ms');
  });
});
