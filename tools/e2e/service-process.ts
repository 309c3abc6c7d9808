import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// One Rapport service as its own OS process, exactly as `infra/start.sh` runs it
// (`node --import tsx services/<svc>/src/main.ts`), so that a SIGKILL hits the service itself and
// nothing in between. Output goes to a log file (a pipe would have to be drained under load).

export type ServiceKind = 'ingestion' | 'scoring' | 'reporting';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceInstanceOptions {
  kind: ServiceKind;
  /** `scoring-2`: names the log file and the messages. */
  name: string;
  port: number;
  /** The service's whole environment beyond PATH (ports, URLs, topics, secrets). */
  env: Record<string, string>;
  logFile: string;
  /** How long `start` waits for `/readyz` (the first start also migrates). */
  readyTimeoutMs?: number;
}

export class ServiceInstance {
  readonly kind: ServiceKind;
  readonly name: string;
  readonly baseUrl: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Starts so far (1 after the first start); a restart adds one. */
  starts = 0;

  constructor(private readonly options: ServiceInstanceOptions) {
    this.kind = options.kind;
    this.name = options.name;
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  get pid(): number | undefined {
    return this.running() ? this.child?.pid : undefined;
  }

  running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process and resolves once `/readyz` answers 200 (or throws with the log's tail). */
  async start(): Promise<void> {
    if (this.running()) throw new Error(`${this.name} is already running`);
    mkdirSync(dirname(this.options.logFile), { recursive: true });
    const fd = openSync(this.options.logFile, 'a');
    const child = spawn(process.execPath, ['--no-warnings', '--import', 'tsx', join('services', this.kind, 'src', 'main.ts')], {
      cwd: REPO_ROOT,
      // NOTE: only PATH and HOME from this process: a developer's DATABASE_URL or KAFKA_BROKERS
      // must never leak into a service under test.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', LOG_FORMAT: 'json', ...this.options.env },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.child = child;
    this.starts++;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await this.waitReady(this.options.readyTimeoutMs ?? 90_000);
  }

  /** Polls `/readyz` until 200; fails at once if the process exits. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running()) throw new Error(`${this.name} exited (${String(this.child?.exitCode ?? this.child?.signalCode)}) before it was ready:\n${this.logTail()}`);
      try {
        const reply = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (reply.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed — a crash. Resolves once the process is gone. */
  async kill(): Promise<void> {
    if (!this.running()) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; the exit code (null when it had to be killed). */
  async stop(graceMs = 20_000): Promise<number | null> {
    if (!this.running()) return this.child?.exitCode ?? null;
    const child = this.child!;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    return child.exitCode;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  log(): string {
    try {
      return readFileSync(this.options.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  logTail(lines = 40): string {
    return this.log().split('\n').slice(-lines).join('\n');
  }
}
