import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDatabaseUrl, createTestDatabase, type TestDatabase } from '@rapport/testing';
import { databaseUrlFor, provisionDatabase } from './provision';
import { INIT_SQL_PATH } from './render-init-sql';
import { RAPPORT_SERVICES, roleFor, type RoleKind, type ServiceName } from './services';

let db: TestDatabase;
const clients = new Map<string, Client>();

function client(service: ServiceName, kind: RoleKind): Client {
  const c = clients.get(roleFor(service, kind));
  if (!c) throw new Error(`no client for ${roleFor(service, kind)}`);
  return c;
}

async function sqlState(c: Client, sql: string): Promise<string> {
  try {
    await c.query(sql);
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? 'no code';
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  // One table per schema, created the way migrations create them: by the schema's owner.
  for (const service of RAPPORT_SERVICES) {
    const owner = new Client({ connectionString: db.urlFor(service, 'owner') });
    await owner.connect();
    await owner.query(`CREATE TABLE ${service}.probe (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)`);
    await owner.query(`INSERT INTO ${service}.probe (note) VALUES ('seed')`);
    await owner.end();
  }
  for (const service of RAPPORT_SERVICES) {
    for (const kind of ['runtime', 'owner'] as const) {
      const c = new Client({ connectionString: db.urlFor(service, kind) });
      await c.connect();
      clients.set(roleFor(service, kind), c);
    }
  }
});

afterAll(async () => {
  for (const c of clients.values()) await c.end().catch(() => {});
  await db?.drop();
});

const pairs = RAPPORT_SERVICES.flatMap((a) => RAPPORT_SERVICES.filter((b) => b !== a).map((b) => [a, b] as const));
const kinds = ['runtime', 'owner'] as const;

describe.each(pairs)('%s against the %s schema', (self, other) => {
  it.each(kinds)('the %s role can neither read nor write nor create there (42501)', async (kind) => {
    const c = client(self, kind);
    expect({
      select: await sqlState(c, `SELECT * FROM ${other}.probe`),
      insert: await sqlState(c, `INSERT INTO ${other}.probe (note) VALUES ('x')`),
      update: await sqlState(c, `UPDATE ${other}.probe SET note = 'x'`),
      delete: await sqlState(c, `DELETE FROM ${other}.probe`),
      create: await sqlState(c, `CREATE TABLE ${other}.intruder (id int)`),
      drop: await sqlState(c, `DROP TABLE ${other}.probe`),
    }).toEqual({ select: '42501', insert: '42501', update: '42501', delete: '42501', create: '42501', drop: '42501' });
  });
});

describe.each(RAPPORT_SERVICES)('the %s runtime role in its own schema', (service) => {
  it('reads and writes its tables, through its search_path too', async () => {
    const c = client(service, 'runtime');
    expect(await sqlState(c, `INSERT INTO ${service}.probe (note) VALUES ('runtime')`)).toBe('ok');
    expect(await sqlState(c, `UPDATE probe SET note = 'updated' WHERE note = 'runtime'`)).toBe('ok');
    const { rows } = await c.query<{ note: string }>(`SELECT note FROM probe ORDER BY id`);
    expect(rows.map((r) => r.note)).toEqual(['seed', 'updated']);
    expect(await sqlState(c, `DELETE FROM probe WHERE note = 'updated'`)).toBe('ok');
  });

  it('cannot create, alter, drop or truncate anything (42501)', async () => {
    const c = client(service, 'runtime');
    expect({
      create: await sqlState(c, `CREATE TABLE ${service}.sneaky (id int)`),
      alter: await sqlState(c, `ALTER TABLE ${service}.probe ADD COLUMN sneaky int`),
      drop: await sqlState(c, `DROP TABLE ${service}.probe`),
      truncate: await sqlState(c, `TRUNCATE ${service}.probe`),
      publicSchema: await sqlState(c, 'CREATE TABLE public.sneaky (id int)'),
      newSchema: await sqlState(c, 'CREATE SCHEMA sneaky'),
      temp: await sqlState(c, 'CREATE TEMP TABLE sneaky (id int)'),
    }).toEqual({ create: '42501', alter: '42501', drop: '42501', truncate: '42501', publicSchema: '42501', newSchema: '42501', temp: '42501' });
  });

  it('leaves DDL to the owner role, which cannot escape to public either', async () => {
    const c = client(service, 'owner');
    expect(await sqlState(c, `CREATE TABLE ${service}.owned (id int)`)).toBe('ok');
    expect(await sqlState(c, `DROP TABLE ${service}.owned`)).toBe('ok');
    expect(await sqlState(c, 'CREATE TABLE public.sneaky (id int)')).toBe('42501');
  });
});

describe('provisionDatabase', () => {
  it('is idempotent and safe when run concurrently', async () => {
    const admin = adminDatabaseUrl();
    await Promise.all([
      provisionDatabase({ adminUrl: admin, database: db.database }),
      provisionDatabase({ adminUrl: admin, database: db.database }),
      createTestDatabase().then((t) => t.drop()),
      createTestDatabase().then((t) => t.drop()),
    ]);
    // Re-provisioning kept the data and the grants.
    const { rows } = await client('scoring', 'runtime').query('SELECT count(*)::int AS n FROM probe');
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('gives the same ownership and grants as init/01-rapport.sql (the Postgres image path)', async () => {
    const admin = adminDatabaseUrl();
    const viaInit = `rapport_test_init_${randomBytes(4).toString('hex')}`;
    const c = new Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${viaInit}`);
      const init = new Client({ connectionString: databaseUrlFor(admin, viaInit) });
      await init.connect();
      await init.query(readFileSync(INIT_SQL_PATH, 'utf8'));
      await init.end();
      const [fromInit, fromProvision] = await Promise.all([grantsOf(databaseUrlFor(admin, viaInit)), grantsOf(db.adminUrl)]);
      expect(fromInit).toEqual(fromProvision);
      expect(fromProvision.schemas).toHaveLength(4);
    } finally {
      await c.query(`DROP DATABASE IF EXISTS ${viaInit} WITH (FORCE)`);
      await c.end();
    }
  });
});

async function grantsOf(url: string) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const schemas = await c.query(
      `SELECT nspname, nspowner::regrole::text AS owner, nspacl::text AS acl FROM pg_namespace
        WHERE nspname IN ('public', 'ingestion', 'scoring', 'reporting') ORDER BY nspname`,
    );
    const defaults = await c.query(
      `SELECT defaclrole::regrole::text AS role, defaclnamespace::regnamespace::text AS schema, defaclobjtype AS kind, defaclacl::text AS acl
         FROM pg_default_acl ORDER BY 1, 2, 3`,
    );
    const database = await c.query(`SELECT datacl::text AS acl FROM pg_database WHERE datname = current_database()`);
    return { schemas: schemas.rows, defaults: defaults.rows, database: database.rows };
  } finally {
    await c.end();
  }
}
