import type { BenchResult } from './bench-result';
import { parseBenchOutput } from './bench-result';

/** Where the figures came from: recorded with every run and every docs section. */
export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  kafka: string;
  postgres: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on a shared machine. */
  loadAverage: [number, number, number];
  commit: string;
  /** Uncommitted changes in the tree when it ran. */
  dirty: boolean;
}

export type BenchStatus = 'passed' | 'failed';

/** One benchmark of a run, as the runner saw it. */
export interface BenchOutcome {
  name: string;
  file: string;
  status: BenchStatus;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** Absent when the benchmark printed no valid result. */
  result?: BenchResult;
  /** Why it failed: a crash, a bad result line, the benchmark's own correctness failures. */
  problems: string[];
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  /** The runner's arguments, for a reader who wants to repeat the run. */
  args: string[];
  /** Profilers slow the measured processes: figures of a profiled run are not comparable. */
  profiled: boolean;
  machine: MachineFacts;
  benchmarks: BenchOutcome[];
}

export interface ChildExit {
  name: string;
  file: string;
  stdout: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** Set when the runner itself gave up on the process (timeout). */
  runnerError?: string;
}

/**
 * Judges a finished benchmark process: passed only when it exited 0, printed a valid result and
 * reported no correctness failure. A result is kept even when the process failed afterwards, so
 * the figures it measured stay visible next to the failure.
 */
export function outcomeOf(exit: ChildExit): BenchOutcome {
  const problems: string[] = [];
  if (exit.runnerError !== undefined) problems.push(exit.runnerError);
  if (exit.signal !== null) problems.push(`killed by ${exit.signal}`);
  else if (exit.exitCode !== 0) problems.push(`exited with code ${String(exit.exitCode)}`);
  const parsed = parseBenchOutput(exit.stdout);
  if (!parsed.ok) problems.push(parsed.error);
  else {
    problems.push(...parsed.result.failures);
    if (parsed.result.name !== exit.name) problems.push(`the result is named ${parsed.result.name}, not ${exit.name}`);
  }
  return {
    name: exit.name,
    file: exit.file,
    status: problems.length === 0 ? 'passed' : 'failed',
    exitCode: exit.exitCode,
    signal: exit.signal,
    durationMs: exit.durationMs,
    ...(parsed.ok ? { result: parsed.result } : {}),
    problems,
  };
}
