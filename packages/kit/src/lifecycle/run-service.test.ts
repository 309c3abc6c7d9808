import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./run-service.fixture.ts', import.meta.url));

interface Run {
  code: number | null;
  lines: Array<Record<string, unknown>>;
  ms: number;
}

/** Runs the fixture as a real process; sends SIGTERM once it reports it started. */
function run(mode: string, signal: NodeJS.Signals | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let signalledAt = Date.now();
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (signal && out.includes('service started') && !child.killed) {
        signalledAt = Date.now();
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, lines, ms: Date.now() - signalledAt });
    });
  });
}

const stoppedIds = (result: Run) => result.lines.flatMap((line) => (typeof line.stopped === 'string' ? [line.stopped] : []));

describe('runService (real process)', () => {
  it('on SIGTERM stops components in reverse order and exits 0', async () => {
    const result = await run('ok', 'SIGTERM');
    expect(stoppedIds(result)).toEqual(['http', 'kafka', 'postgres']);
    expect(result.lines.some((line) => line.msg === 'shut down cleanly')).toBe(true);
    expect(result.code).toBe(0);
  });

  it('on SIGINT with a component that hangs, gives up after the grace period and exits 1', async () => {
    const result = await run('hang', 'SIGINT');
    expect(stoppedIds(result)).toEqual(['kafka', 'postgres']);
    expect(result.lines.some((line) => line.component === 'http' && line.msg === 'component did not stop in time')).toBe(true);
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('when start fails, stops what had started and exits 1', async () => {
    const result = await run('fail-start', null);
    expect(result.lines.some((line) => line.msg === 'service failed to start')).toBe(true);
    expect(stoppedIds(result)).toEqual(['kafka', 'postgres']);
    expect(result.code).toBe(1);
  });
});
