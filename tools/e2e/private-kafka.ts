import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, portIsFree } from '@rapport/testing/ports';
import { REPO_ROOT } from './service-process';

// A Kafka broker of the fault suite's own (infra/kafka/kafka.sh on another port and home), so
// that stopping or killing it never touches the shared broker on 9092 other tests use.

export class PrivateKafka {
  readonly brokers: string[];

  private constructor(
    readonly port: number,
    readonly home: string,
  ) {
    this.brokers = [`127.0.0.1:${port}`];
  }

  /** Picks two consecutive free ports (client, controller) and starts a fresh broker there. */
  static async start(label: string): Promise<PrivateKafka> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const port = await freePort();
      if (port > 65_000 || !(await portIsFree(port + 1))) continue;
      const kafka = new PrivateKafka(port, join(REPO_ROOT, '.local', 'e2e', `kafka-${label}-${port}`));
      await kafka.start();
      return kafka;
    }
    throw new Error('no two consecutive free ports for a private broker');
  }

  /** `kafka.sh start`: returns once the broker answers (its data survives a stop). */
  start(): Promise<void> {
    return this.script('start');
  }

  /** `kafka.sh stop`: SIGTERM, a clean shutdown (SIGKILL after 30 s). */
  stop(): Promise<void> {
    return this.script('stop');
  }

  /** SIGKILL of the JVM: a broker crash (unflushed log tails are recovered at the next start). */
  kill(): void {
    const pid = Number(readFileSync(join(this.home, 'kafka.pid'), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
  }

  /** Stops the broker and deletes its home (config, data, logs). */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.home, { recursive: true, force: true });
  }

  private script(command: 'start' | 'stop'): Promise<void> {
    return new Promise((resolve, reject) => {
      let output = '';
      const child = spawn('bash', ['infra/kafka/kafka.sh', command], {
        cwd: REPO_ROOT,
        env: { ...process.env, KAFKA_PORT: String(this.port), KAFKA_HOME_DIR: this.home, KAFKA_HEAP_OPTS: '-Xms192m -Xmx384m' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kafka.sh ${command} (port ${this.port}) exited with ${code}:\n${output}`))));
    });
  }
}
