import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, expect, it } from 'vitest';

// A private broker beside the shared one (another port, another home), as a fault test would run.
const script = fileURLToPath(new URL('./kafka.sh', import.meta.url));
const port = 19_192;
let home = '';

function kafkaSh(command: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    execFile('bash', [script, command], { env: { ...process.env, KAFKA_PORT: String(port), KAFKA_HOME_DIR: home } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr, ms: Date.now() - startedAt });
    });
  });
}

afterAll(async () => {
  if (home === '') return;
  await kafkaSh('stop');
  await rm(home, { recursive: true, force: true });
});

it('starts, is idempotent, keeps its data across a restart, and stops by its own pid', async () => {
  home = await mkdtemp(join(tmpdir(), 'rapport-kafka-sh-'));
  expect((await kafkaSh('status')).code).toBe(3);

  const first = await kafkaSh('start');
  expect(first.code).toBe(0);
  expect(first.stderr).toMatch(/formatting/);
  const pid = Number(await readFile(join(home, 'kafka.pid'), 'utf8'));
  expect(await readFile(`/proc/${pid}/cmdline`, 'utf8')).toContain('kafka.Kafka');

  const again = await kafkaSh('start');
  expect(again.code).toBe(0);
  expect(again.stderr).toMatch(/already running/);
  expect(again.ms).toBeLessThan(5_000);
  expect((await kafkaSh('status')).stdout).toMatch(/answering/);

  const kafka = new Kafka({ brokers: [`127.0.0.1:${port}`], clientId: 'kafka-sh-test', logLevel: logLevel.NOTHING });
  let admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'survives-restart', numPartitions: 2 }], waitForLeaders: true });
  await admin.disconnect();

  const restarted = await kafkaSh('restart');
  expect(restarted.code).toBe(0);
  expect(restarted.stderr).not.toMatch(/formatting/);
  admin = kafka.admin();
  await admin.connect();
  expect(await admin.listTopics()).toContain('survives-restart');
  await admin.disconnect();

  const newPid = Number(await readFile(join(home, 'kafka.pid'), 'utf8'));
  expect(newPid).not.toBe(pid);
  expect((await kafkaSh('stop')).code).toBe(0);
  expect(() => process.kill(newPid, 0)).toThrow();
  expect((await kafkaSh('status')).code).toBe(3);
  expect((await kafkaSh('stop')).code).toBe(0);
});
