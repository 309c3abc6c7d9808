import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@rapport/testing';
import { migrate, MigrationError } from './migrate';

const logger = pino({ level: 'silent' });
const OUTBOX_MIGRATION = fileURLToPath(new URL('../../../../services/scoring/migrations/1764200000000_outbox.sql', import.meta.url));

let db: TestDatabase;
const dirs: string[] = [];

/** A migrations folder holding the outbox migration plus the given extra files. */
function migrationsDir(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-migrations-'));
  dirs.push(dir);
  cpSync(OUTBOX_MIGRATION, join(dir, '1764200000000_outbox.sql'));
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(dir, name), sql);
  return dir;
}

async function asAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: db.adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const tables = (schema: string) =>
  asAdmin(async (c) => (await c.query<{ t: string }>('SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY 1', [schema])).rows.map((r) => r.t));

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies pending migrations once, as the owner, with its bookkeeping inside the schema', async () => {
    const dir = migrationsDir({ '1764200000500_extra.sql': '-- Up Migration\nCREATE TABLE extra (id int);\n-- Down Migration\nDROP TABLE extra;\n', 'README.md': 'not a migration' });
    const options = { databaseUrl: db.urlFor('scoring', 'owner'), schema: 'scoring', dir, logger };
    expect(await migrate(options)).toEqual(['1764200000000_outbox', '1764200000500_extra']);
    expect(await migrate(options)).toEqual([]);
    expect(await tables('scoring')).toEqual(['extra', 'outbox', 'pgmigrations']);
    const owners = await asAdmin(async (c) => (await c.query<{ o: string }>("SELECT DISTINCT tableowner AS o FROM pg_tables WHERE schemaname = 'scoring'")).rows);
    expect(owners).toEqual([{ o: 'rapport_scoring_owner' }]);
  });

  it('lets replicas start together: one applies, the others wait and find nothing to do', async () => {
    const dir = migrationsDir({ '1764200000600_slow.sql': '-- Up Migration\nSELECT pg_sleep(0.5);\nCREATE TABLE slow (id int);\n' });
    const options = { databaseUrl: db.urlFor('reporting', 'owner'), schema: 'reporting', dir, logger };
    const results = await Promise.all([migrate(options), migrate(options), migrate(options)]);
    expect(results.map((r) => r.length).sort()).toEqual([0, 0, 2]);
    const { rows } = await asAdmin((c) => c.query('SELECT name FROM reporting.pgmigrations'));
    expect(rows).toHaveLength(2);
  });

  it('throws on a failing migration and leaves none of the batch applied', async () => {
    const dir = migrationsDir({ '1764200000700_broken.sql': '-- Up Migration\nCREATE TABLE ok_before (id int);\nSELECT * FROM no_such_table;\n' });
    const err: unknown = await migrate({ databaseUrl: db.urlFor('ingestion', 'owner'), schema: 'ingestion', dir, logger }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toContain('ingestion');
    expect(await tables('ingestion')).toEqual(['pgmigrations']);
  });

  it("cannot touch another service's schema: the owner role has no rights there", async () => {
    await createTestDatabase().then(async (other) => {
      try {
        const dir = migrationsDir({ '1764200000800_trespass.sql': '-- Up Migration\nCREATE TABLE scoring.stolen (id int);\n' });
        await expect(migrate({ databaseUrl: other.urlFor('ingestion', 'owner'), schema: 'ingestion', dir, logger })).rejects.toThrow(/permission denied/);
      } finally {
        await other.drop();
      }
    });
  });

  it('keeps the migration history out of the runtime role’s reach', async () => {
    const runtime = new Client({ connectionString: db.urlFor('scoring', 'runtime') });
    await runtime.connect();
    try {
      await expect(runtime.query('SELECT * FROM scoring.pgmigrations')).rejects.toMatchObject({ code: '42501' });
      await expect(runtime.query('SELECT count(*) FROM scoring.outbox')).resolves.toBeDefined();
    } finally {
      await runtime.end();
    }
  });
});
