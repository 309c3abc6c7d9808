import { Client, type PoolClient } from 'pg';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@rapport/testing';
import { createPool, type PgPool } from './pool';
import { q } from './tagged-query';
import { transaction } from './transaction';
import { errorCode, isTransientPgError } from './transient-errors';

let db: TestDatabase;
let pg: PgPool;
const registry = new Registry();

beforeAll(async () => {
  db = await createTestDatabase();
  pg = createPool({ connectionString: db.adminUrl, applicationName: 'kit-pool-test', max: 4, registry });
  await pg.pool.query('CREATE TABLE public.counter (k int PRIMARY KEY, v int NOT NULL)');
  await pg.pool.query('INSERT INTO public.counter VALUES (1, 0)');
});

afterAll(async () => {
  await pg?.stop();
  await db?.drop();
});

describe('createPool', () => {
  it('is healthy against a live database and exports saturation gauges', async () => {
    expect(await pg.healthcheck()).toEqual({ ok: true });
    const text = await registry.metrics();
    expect(text).toMatch(/pg_pool_connections\{pool="kit-pool-test"\} [1-4]/);
    expect(text).toContain('pg_pool_max_connections{pool="kit-pool-test"} 4');
    expect(text).toContain('pg_pool_waiting_clients{pool="kit-pool-test"} 0');
  });

  it('counts callers waiting for a connection when the pool is saturated', async () => {
    const held = await Promise.all([1, 2, 3, 4].map(() => pg.pool.connect()));
    const waiting = pg.pool.connect();
    expect(await registry.metrics()).toContain('pg_pool_waiting_clients{pool="kit-pool-test"} 1');
    for (const c of held) c.release();
    (await waiting).release();
  });

  it('applies the statement timeout, and classifies it as transient', async () => {
    const short = createPool({ connectionString: db.adminUrl, applicationName: 'kit-timeout-test', statementTimeoutMs: 100 });
    try {
      const err: unknown = await short.pool.query('SELECT pg_sleep(2)').catch((e: unknown) => e);
      expect(errorCode(err)).toBe('57014');
      expect(isTransientPgError(err)).toBe(true);
    } finally {
      await short.stop();
    }
  });

  it('reports an unreachable database as unhealthy, quickly, with a transient error', async () => {
    const dead = createPool({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', applicationName: 'kit-dead-test' });
    try {
      const started = Date.now();
      const health = await dead.healthcheck();
      expect(health.ok).toBe(false);
      expect(health.detail).toContain('ECONNREFUSED');
      expect(Date.now() - started).toBeLessThan(2_500);
      const err: unknown = await dead.pool.query('SELECT 1').catch((e: unknown) => e);
      expect(isTransientPgError(err)).toBe(true);
    } finally {
      await dead.stop();
    }
  });

  it('classifies a connection killed by an administrator (57P01) as transient', async () => {
    const victim = new Client({ connectionString: db.adminUrl });
    victim.on('error', () => {});
    await victim.connect();
    const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await pg.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    const err: unknown = await victim.query('SELECT 1').catch((e: unknown) => e);
    await victim.end().catch(() => {});
    expect(isTransientPgError(err)).toBe(true);
  });

  it('stops idempotently and then reports itself stopped', async () => {
    const p = createPool({ connectionString: db.adminUrl, applicationName: 'kit-stop-test' });
    await p.pool.query('SELECT 1');
    await Promise.all([p.stop(), p.stop()]);
    expect(p.pool.ended).toBe(true);
    expect(await p.healthcheck()).toEqual({ ok: false, detail: 'stopped' });
  });
});

describe('q', () => {
  it('sends the tag to the server, where activity and slow-query logs show it', async () => {
    const { rows } = await q<{ query: string }>(
      pg.pool,
      'kit:tag-test',
      'SELECT query FROM pg_stat_activity WHERE pid = pg_backend_pid() AND $1::int = 1',
      [1],
    );
    expect(rows[0]?.query.startsWith('/* kit:tag-test */ SELECT query')).toBe(true);
  });
});

describe('transaction', () => {
  const value = async () => (await pg.pool.query<{ v: number }>('SELECT v FROM public.counter WHERE k = 1')).rows[0]?.v;

  it('commits what fn did and returns its result', async () => {
    const before = await value();
    const result = await transaction(pg.pool, async (c) => {
      await c.query('UPDATE public.counter SET v = v + 1 WHERE k = 1');
      return 'done';
    });
    expect(result).toBe('done');
    expect(await value()).toBe((before ?? 0) + 1);
  });

  it('rolls back and rethrows when fn throws, and gives the connection back', async () => {
    const before = await value();
    const boom = new Error('boom');
    await expect(
      transaction(pg.pool, async (c) => {
        await c.query('UPDATE public.counter SET v = v + 100 WHERE k = 1');
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await value()).toBe(before);
    expect(pg.pool.totalCount - pg.pool.idleCount).toBe(0);
  });

  it('destroys a connection that died inside the transaction instead of pooling it', async () => {
    const err: unknown = await transaction(pg.pool, async (c) => {
      await c.query('SELECT pg_terminate_backend(pg_backend_pid())');
    }).catch((e: unknown) => e);
    expect(isTransientPgError(err)).toBe(true);
    expect(await value()).toBeTypeOf('number'); // the pool still serves queries on a fresh connection
  });

  // A real serialization failure: the row changes under a REPEATABLE READ snapshot.
  const conflicting = (attempts: { n: number }) => async (c: PoolClient) => {
    attempts.n += 1;
    await c.query('SELECT v FROM public.counter WHERE k = 1'); // takes the snapshot
    if (attempts.n === 1) await pg.pool.query('UPDATE public.counter SET v = v + 1 WHERE k = 1');
    await c.query('UPDATE public.counter SET v = v + 10 WHERE k = 1');
  };

  it('does not retry a serialization failure unless asked', async () => {
    const attempts = { n: 0 };
    const err: unknown = await transaction(pg.pool, conflicting(attempts), { isolation: 'repeatable read' }).catch((e: unknown) => e);
    expect(errorCode(err)).toBe('40001');
    expect(attempts.n).toBe(1);
  });

  it('re-runs the whole transaction after a serialization failure when asked', async () => {
    const before = (await value()) ?? 0;
    const attempts = { n: 0 };
    await transaction(pg.pool, conflicting(attempts), { isolation: 'repeatable read', retries: 2 });
    expect(attempts.n).toBe(2);
    expect(await value()).toBe(before + 11);
  });
});
