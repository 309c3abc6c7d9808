import * as z from 'zod';
import type { HttpTransport } from '../simulator/http-transport';
import { expectStatus } from '../simulator/ingestion-admin';

// Reporting's API keys (spec/api.md): `POST /v1/admin/api-keys {name, brands}` → 201 {id, key}.

const MintedKey = z.object({ id: z.string(), key: z.string() });
export type ApiKey = z.infer<typeof MintedKey>;

export type KeyCheck = 'valid' | 'invalid' | 'unknown';

export class ReportingKeys {
  constructor(
    private readonly transport: HttpTransport,
    private readonly baseUrl: string,
    private readonly adminToken: string,
  ) {}

  async mint(name: string, brands: string[]): Promise<ApiKey> {
    const reply = await this.transport.request(new URL('/v1/admin/api-keys', this.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${this.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, brands }),
    });
    return MintedKey.parse(expectStatus(reply, 201, 'minting a reporting API key'));
  }

  /** Whether reporting still takes `key` for `brandId` (a 401 means it was revoked or the database is new). */
  async check(key: string, brandId: string): Promise<KeyCheck> {
    const reply = await this.transport.request(new URL(`/v1/brands/${encodeURIComponent(brandId)}/members?limit=1`, this.baseUrl), {
      method: 'GET',
      headers: { authorization: `Bearer ${key}` },
    });
    if (reply.status === 401 || reply.status === 403) return 'invalid';
    return reply.status === 200 ? 'valid' : 'unknown';
  }
}
