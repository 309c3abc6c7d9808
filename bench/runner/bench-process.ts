import { spawn } from 'node:child_process';
import type { BenchFile } from './discovery';
import type { ChildExit } from './run-report';

export interface RunBenchOptions {
  cwd: string;
  env: Record<string, string>;
  /** Past this the benchmark's whole process group is killed and it counts as failed. */
  timeoutMs: number;
}

/**
 * Runs one benchmark as its own process (`node --import tsx <file>`): stderr straight through,
 * stdout echoed and kept for the result line. In its own process group so that a timeout also
 * ends the services it started.
 */
export function runBenchProcess(file: BenchFile, options: RunBenchOptions): Promise<ChildExit> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file.path], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let stdout = '';
    let runnerError: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stdout.write(chunk);
    });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      runnerError = `timed out after ${Math.round(options.timeoutMs / 1000)} s`;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 15_000).unref();
    }, options.timeoutMs);
    // The runner interrupted: take the benchmark (and what it started) down with it.
    const forward = () => {
      runnerError ??= 'interrupted';
      killGroup('SIGTERM');
    };
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.on('error', (error) => {
      runnerError = `could not start: ${error.message}`;
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({
        name: file.name,
        file: file.path,
        stdout,
        exitCode,
        signal,
        durationMs: Date.now() - started,
        ...(runnerError === undefined ? {} : { runnerError }),
      });
    });
  });
}
