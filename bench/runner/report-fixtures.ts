import type { BenchResult } from './bench-result';
import type { BenchOutcome, MachineFacts, RunReport } from './run-report';

// Shared inputs of the report tests: a machine, a passing and a failing outcome.

export const machine: MachineFacts = {
  cpus: 2,
  cpuModel: 'Example CPU @ 2.0GHz',
  memoryGiB: 23.5,
  os: 'Linux 6.1.0',
  node: 'v20.20.0',
  kafka: '4.1.2',
  postgres: '15.20',
  loadAverage: [0.5, 0.75, 1],
  commit: 'abc1234',
  dirty: false,
};

export const ingestionResult: BenchResult = {
  name: 'ingestion',
  figures: [
    { name: 'single-event rate', value: 6_200, unit: 'events/s', goal: { op: '>=', value: 5_000 }, ceiling: { name: 'bare route', value: 15_500 } },
    { name: 'p99 at 70%', value: 31.4, unit: 'ms', goal: { op: '<=', value: 20 } },
    { name: 'RSS peak', value: 180, unit: 'MiB' },
  ],
  notes: ['phase s: 6,200 events/s'],
  failures: [],
  machine: { connections: 64 },
};

export const passed: BenchOutcome = {
  name: 'ingestion',
  file: 'bench/ingestion.bench.ts',
  status: 'passed',
  exitCode: 0,
  signal: null,
  durationMs: 95_000,
  result: ingestionResult,
  problems: [],
};

export const failed: BenchOutcome = {
  name: 'scoring',
  file: 'bench/scoring.bench.ts',
  status: 'failed',
  exitCode: 1,
  signal: null,
  durationMs: 4_000,
  problems: ['exited with code 1', 'no output: a benchmark must print its JSON result as the last line of stdout'],
};

export function report(benchmarks: BenchOutcome[], overrides: Partial<RunReport> = {}): RunReport {
  return {
    startedAt: '2025-11-25T23:50:01.000Z',
    finishedAt: '2025-11-25T23:52:00.000Z',
    args: ['ingestion'],
    profiled: false,
    machine,
    benchmarks,
    ...overrides,
  };
}
