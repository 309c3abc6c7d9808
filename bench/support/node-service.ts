import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export { freePort } from '@rapport/testing/ports';

export interface NodeServiceOptions {
  /** For messages: `ingestion`, `bare route`. */
  name: string;
  /** The TypeScript entry point, run with `node --import tsx`. */
  script: string;
  cwd: string;
  env: Record<string, string>;
  /** Extra `node` flags (`--cpu-prof`…). */
  nodeFlags?: string[];
  /** stdout and stderr go here (not through a pipe this process would have to drain under load). */
  logFile: string;
  /** Answers 2xx once the process is ready. */
  healthUrl: string;
  startTimeoutMs?: number;
}

export interface NodeService {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Whether it is still running. */
  running(): boolean;
  /** SIGTERM and wait for the exit (SIGKILL after `graceMs`); the exit code, null when killed. */
  stop(graceMs?: number): Promise<number | null>;
  log(): string;
}

/** Runs a TypeScript entry point as its own Node process and waits until it answers its health URL. */
export async function startNodeService(options: NodeServiceOptions): Promise<NodeService> {
  const fd = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', options.script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const log = () => {
    try {
      return readFileSync(options.logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const service: NodeService = {
    name: options.name,
    pid: child.pid ?? -1,
    child,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop(graceMs = 20_000) {
      if (!service.running()) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    log,
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (!service.running()) throw new Error(`${options.name} exited with ${String(child.exitCode)} while starting:\n${tail(log())}`);
    try {
      if ((await fetch(options.healthUrl)).ok) return service;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await service.stop(2_000);
      throw new Error(`${options.name} did not answer ${options.healthUrl} in time:\n${tail(log())}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}
