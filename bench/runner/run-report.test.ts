import { describe, expect, it } from 'vitest';
import { outcomeOf, type ChildExit } from './run-report';

const result = { name: 'ingestion', figures: [{ name: 'rate', value: 1, unit: 'events/s' }] };
const exit = (overrides: Partial<ChildExit>): ChildExit => ({
  name: 'ingestion',
  file: 'bench/ingestion.bench.ts',
  stdout: `progress\n${JSON.stringify(result)}\n`,
  exitCode: 0,
  signal: null,
  durationMs: 1_000,
  ...overrides,
});

describe('outcomeOf', () => {
  it('passes a benchmark that exited 0 with a valid result', () => {
    const outcome = outcomeOf(exit({}));
    expect(outcome.status).toBe('passed');
    expect(outcome.problems).toEqual([]);
    expect(outcome.result?.figures).toHaveLength(1);
  });

  it('fails a non-zero exit but keeps the figures it printed', () => {
    const outcome = outcomeOf(exit({ exitCode: 1 }));
    expect(outcome.status).toBe('failed');
    expect(outcome.problems).toEqual(['exited with code 1']);
    expect(outcome.result?.figures[0]?.value).toBe(1);
  });

  it("fails on the benchmark's own correctness failures even with exit code 0", () => {
    const stdout = JSON.stringify({ ...result, failures: ['3 accepted events never reached the topic'] });
    const outcome = outcomeOf(exit({ stdout }));
    expect(outcome.status).toBe('failed');
    expect(outcome.problems).toEqual(['3 accepted events never reached the topic']);
  });

  it('fails a crash without output, a kill, a timeout and a result under another name', () => {
    expect(outcomeOf(exit({ stdout: '', exitCode: 1 })).problems).toEqual([
      'exited with code 1',
      'no output: a benchmark must print its JSON result as the last line of stdout',
    ]);
    const timedOut = outcomeOf(exit({ stdout: '', exitCode: null, signal: 'SIGTERM', runnerError: 'timed out after 1800 s' }));
    expect(timedOut.status).toBe('failed');
    expect(timedOut.problems.slice(0, 2)).toEqual(['timed out after 1800 s', 'killed by SIGTERM']);
    expect(outcomeOf(exit({ name: 'scoring' })).problems).toEqual(['the result is named ingestion, not scoring']);
  });
});
