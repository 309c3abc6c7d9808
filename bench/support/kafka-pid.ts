import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cpuSecondsOf } from './process-usage';

/** The native broker's pid (infra/kafka/kafka.sh writes it), when that broker runs; else undefined. */
export async function kafkaBrokerPid(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  const home = env.KAFKA_HOME_DIR ?? join(repoRoot, '.local/kafka');
  try {
    const pid = Number((await readFile(join(home, 'kafka.pid'), 'utf8')).trim());
    return Number.isInteger(pid) && cpuSecondsOf(pid) !== undefined ? pid : undefined;
  } catch {
    return undefined;
  }
}
