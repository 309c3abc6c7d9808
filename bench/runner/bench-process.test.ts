import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/bench-environment';
import { runBenchProcess } from './bench-process';
import { outcomeOf } from './run-report';

// Real child processes (plain .mjs fixtures, no broker or database): what the runner does with a
// benchmark that passes, one that fails after printing its figures, and one that hangs.

let dir: string;
const file = (name: string) => ({ name, path: join(dir, `${name}.bench.mjs`) });
const result = (name: string) => JSON.stringify({ name, figures: [{ name: 'rate', value: 42, unit: 'events/s' }] });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-bench-runner-'));
  await writeFile(file('passing').path, `console.log('progress'); console.log(${JSON.stringify(result('passing'))});`);
  await writeFile(file('failing').path, `console.log(${JSON.stringify(result('failing'))}); process.exitCode = 3;`);
  // Starts a grandchild that would outlive it, then hangs: the timeout must end both.
  await writeFile(
    file('hanging').path,
    `import { spawn } from 'node:child_process';
     const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
     console.log('grandchild ' + child.pid);
     setInterval(() => {}, 1000);`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Gone, or a zombie nobody reaped yet (an orphan's new parent may be slow to): not running. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const options = { cwd: REPO_ROOT, env: { BENCH_TEST: '1' }, timeoutMs: 20_000 };

describe('runBenchProcess', () => {
  it('passes a benchmark that prints its result and exits 0', async () => {
    const outcome = outcomeOf(await runBenchProcess(file('passing'), options));
    expect(outcome).toMatchObject({ status: 'passed', exitCode: 0, problems: [] });
    expect(outcome.result?.figures[0]?.value).toBe(42);
  });

  it('reports a failing benchmark as failed, with the figures it printed', async () => {
    const outcome = outcomeOf(await runBenchProcess(file('failing'), options));
    expect(outcome.status).toBe('failed');
    expect(outcome.problems).toEqual(['exited with code 3']);
    expect(outcome.result?.figures[0]?.value).toBe(42);
  });

  it('kills a benchmark that runs past its timeout, and what it started', async () => {
    const exit = await runBenchProcess(file('hanging'), { ...options, timeoutMs: 1_500 });
    const outcome = outcomeOf(exit);
    expect(outcome.status).toBe('failed');
    expect(outcome.problems[0]).toBe('timed out after 2 s');
    const grandchild = Number(/grandchild (\d+)/.exec(exit.stdout)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running(grandchild)).toBe(false);
  }, 30_000);
});
