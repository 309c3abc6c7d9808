import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startHarness, type Harness } from '../../test/ingestion-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('admin source routes', () => {
  it('401 problem on every admin route without the right token, before validation', async () => {
    const routes = [
      { method: 'POST' as const, url: '/v1/admin/sources', payload: { nonsense: true } },
      { method: 'GET' as const, url: '/v1/admin/sources?brandId=acme' },
      { method: 'DELETE' as const, url: '/v1/admin/sources/src_x' },
      { method: 'POST' as const, url: '/v1/admin/sources/src_x/rotate-secret' },
    ];
    for (const route of routes) {
      for (const headers of [{}, { authorization: 'Bearer not-the-token' }, { authorization: ADMIN_TOKEN }, { authorization: `Basic ${ADMIN_TOKEN}` }]) {
        const res = await h.app.inject({ ...route, headers });
        expect(res.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['www-authenticate']).toBe('Bearer');
      }
    }
    expect((await h.admin.query('SELECT 1 FROM ingestion.sources')).rowCount).toBe(0);
  });

  it('registers a source: 201 with the secret once; the list never shows it; the database holds it sealed', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/admin/sources',
      headers: auth,
      payload: { brandId: 'brand-1', platform: 'meta', name: 'Facebook page', verifyToken: 'vt-123', appSecret: 'app-secret-xyz', brandAccountIds: ['1234'] },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<{ id: string; secret: string; createdAt: string }>();
    expect(created).toMatchObject({ brandId: 'brand-1', platform: 'meta', name: 'Facebook page', status: 'active', brandAccountIds: ['1234'] });
    expect(created.id).toMatch(/^src_[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);

    const list = await h.app.inject({ method: 'GET', url: '/v1/admin/sources?brandId=brand-1', headers: auth });
    expect(list.statusCode).toBe(200);
    const { secret: _secret, ...shown } = created;
    expect(list.json<{ items: unknown[] }>().items).toEqual([shown]);
    expect(list.body).not.toContain(created.secret);
    expect(list.body).not.toContain('app-secret-xyz');
    expect(list.body).not.toContain('vt-123');

    const { rows } = await h.admin.query<{ row: string }>('SELECT to_jsonb(s)::text AS row FROM ingestion.sources s WHERE id = $1', [created.id]);
    expect(rows[0]!.row).not.toContain(created.secret.slice('whsec_'.length));
    expect(rows[0]!.row).not.toContain('app-secret-xyz');
    expect(rows[0]!.row).not.toContain('vt-123');

    expect((await h.app.inject({ method: 'GET', url: '/v1/admin/sources?brandId=other', headers: auth })).json()).toEqual({ items: [] });
  });

  it('400 listing every invalid field of a registration', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/admin/sources',
      headers: auth,
      payload: { brandId: 'no spaces allowed', platform: 'myspace', name: '', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(['brandId', 'extra', 'name', 'platform']);
  });

  it('400, not 500, for text Postgres cannot store (NUL, lone surrogates)', async () => {
    for (const payload of [
      { brandId: 'acme', platform: 'custom', name: 'nul\u0000name' },
      { brandId: 'acme', platform: 'custom', name: 'lone \ud800 surrogate' },
      { brandId: 'acme', platform: 'custom', name: 'ok', publicKey: 'key\u0000' },
    ]) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/admin/sources', headers: auth, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('DELETE disables (204, idempotent), 404 for an unknown id; rotation of a disabled source is 404', async () => {
    const { id } = await h.registerSource();
    expect((await h.app.inject({ method: 'DELETE', url: `/v1/admin/sources/${id}`, headers: auth })).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'DELETE', url: `/v1/admin/sources/${id}`, headers: auth })).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'DELETE', url: '/v1/admin/sources/src_nope', headers: auth })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'POST', url: `/v1/admin/sources/${id}/rotate-secret`, headers: auth })).statusCode).toBe(404);
    const list = await h.app.inject({ method: 'GET', url: '/v1/admin/sources?brandId=acme', headers: auth });
    expect(list.json<{ items: { id: string; status: string }[] }>().items.find((s) => s.id === id)?.status).toBe('disabled');
  });
});
