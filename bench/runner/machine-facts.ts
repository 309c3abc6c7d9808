import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { MachineFacts } from './run-report';

const run = promisify(execFile);

/** The machine, the runtimes and the commit the figures come from. */
export async function collectMachineFacts(repoRoot: string, adminDatabaseUrl: string, nativeKafka: boolean): Promise<MachineFacts> {
  const [kafka, postgres, commit, dirty] = await Promise.all([
    nativeKafka ? nativeKafkaVersion(repoRoot) : Promise.resolve('external broker (version not known)'),
    postgresVersion(adminDatabaseUrl),
    git(repoRoot, ['rev-parse', '--short', 'HEAD']).catch(() => 'unknown'),
    git(repoRoot, ['status', '--porcelain']).then((out) => out !== '', () => false),
  ]);
  const loads = os.loadavg();
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    kafka,
    postgres,
    loadAverage: [loads[0] ?? 0, loads[1] ?? 0, loads[2] ?? 0],
    commit,
    dirty,
  };
}

/** The version in the broker's own jar name (`kafka_2.13-4.1.2.jar`), as infra/kafka assembled it. */
async function nativeKafkaVersion(repoRoot: string): Promise<string> {
  const libs = process.env.KAFKA_LIBS_DIR ?? join(repoRoot, '.local/kafka/libs');
  try {
    const jar = (await readdir(libs)).map((file) => /^kafka_[\d.]+-(.+)\.jar$/.exec(file)).find((match) => match !== null);
    return jar?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url, application_name: 'rapport-bench' });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } catch {
    return 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}
