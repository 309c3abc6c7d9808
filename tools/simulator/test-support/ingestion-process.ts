import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from '@rapport/testing';

// The real ingestion service as a separate process (its own main.ts: config, migrations, pool,
// outbox relay, HTTP), the way the simulator meets it in production. Tests only.

const INGESTION_DIR = fileURLToPath(new URL('../../../services/ingestion/', import.meta.url));

export interface IngestionProcess {
  url: string;
  adminToken: string;
  /** What the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM and wait for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startIngestionProcess(options: { db: TestDatabase; brokers: readonly string[]; topic: string }): Promise<IngestionProcess> {
  const port = await freePort();
  const adminToken = `sim-test-${randomBytes(12).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: INGESTION_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.db.urlFor('ingestion', 'runtime'),
      MIGRATION_DATABASE_URL: options.db.urlFor('ingestion', 'owner'),
      KAFKA_BROKERS: options.brokers.join(','),
      INTERACTIONS_TOPIC: options.topic,
      ADMIN_TOKEN: adminToken,
      SOURCE_SECRET_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;

  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ingestion exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`ingestion was not ready within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, adminToken, output: () => output, stop };
}
