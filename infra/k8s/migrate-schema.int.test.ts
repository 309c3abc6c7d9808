// The migration Jobs' entry point, run as the Jobs run it (a child process, node --import tsx from
// the repository root), against a real, freshly provisioned Postgres database.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@rapport/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAPPORT_SERVICES } from '../postgres/services';
import { migrationsDirOf } from './migrate-schema';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

interface JobRun {
  code: number;
  lines: { msg?: string; applied?: string[] }[];
  stderr: string;
}

async function runJob(args: string[], env: Record<string, string>): Promise<JobRun> {
  const options = { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 };
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'infra/k8s/migrate-schema.ts', ...args], options);
    return { code: 0, lines: parseLines(stdout), stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, lines: parseLines(failed.stdout ?? ''), stderr: failed.stderr ?? '' };
  }
}

function parseLines(stdout: string): JobRun['lines'] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as JobRun['lines'][number]);
}

async function migrationsIn(db: TestDatabase, schema: string): Promise<string[]> {
  const client = new Client({ connectionString: db.adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM "${schema}".pgmigrations ORDER BY run_on, id`);
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe('infra/k8s/migrate-schema.ts', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it.each(RAPPORT_SERVICES)("applies %s's migrations as its owner role, then finds nothing to do", async (service) => {
    const files = readdirSync(migrationsDirOf(service))
      .filter((file) => file.endsWith('.sql'))
      .map((file) => file.replace(/\.sql$/, ''))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    const env = { MIGRATION_DATABASE_URL: db.urlFor(service, 'owner') };

    const first = await runJob([service], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines.at(-1)?.applied).toEqual(files);
    expect(await migrationsIn(db, service)).toEqual(files);

    const again = await runJob([service], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.lines.at(-1)).toMatchObject({ applied: [], msg: 'schema already up to date' });
  });

  it('fails with exit 1 as the runtime role, which may not change the schema', async () => {
    const fresh = await createTestDatabase();
    try {
      const result = await runJob(['scoring'], { MIGRATION_DATABASE_URL: fresh.urlFor('scoring', 'runtime') });
      expect(result.code).toBe(1);
      expect(result.lines.at(-1)?.msg).toBe('migration failed');
    } finally {
      await fresh.drop();
    }
  });

  it('refuses an unknown service (64) and a bad URL (1) without printing the value', async () => {
    expect((await runJob(['billing'], { MIGRATION_DATABASE_URL: db.urlFor('scoring', 'owner') })).code).toBe(64);
    const bad = await runJob(['scoring'], { MIGRATION_DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('MIGRATION_DATABASE_URL: expected a postgres:// URL');
    expect(bad.stderr).not.toContain('hunter2');
  });
});
