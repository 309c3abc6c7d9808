import { BrandId } from '@rapport/contracts';
import { problem, problemSchema, problemType, type HttpServer } from '@rapport/kit/http';
import type { Pool } from 'pg';
import * as z from 'zod';
import { mintApiKey } from '../access/api-key-format';
import type { ApiKeyVerifier } from '../access/api-key-verifier';
import { insertApiKey, revokeApiKey } from '../store/api-key-store';
import { requireAdminToken } from '@rapport/kit/http';
import { typedScope } from './typed-scope';

export interface ApiKeyRoutesDeps {
  db: Pool;
  verifier: ApiKeyVerifier;
  adminToken: string;
}

const CreateApiKey = z.strictObject({
  name: z.string().trim().min(1).max(200),
  brands: z.array(BrandId).min(1).max(1000),
});
const CreatedApiKey = z.object({ id: z.string(), key: z.string().describe('Shown only in this answer; stored hashed.') });
const KeyParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'must be an API key id') });

/** Mint and revoke API keys (`spec/api.md`, reporting): admin token only. */
export function registerApiKeyRoutes(app: HttpServer, deps: ApiKeyRoutesDeps): void {
  void app.register((plugin, _options, done) => {
    const admin = typedScope(plugin);
    admin.addHook('onRequest', requireAdminToken(deps.adminToken));

    admin.post(
      '/v1/admin/api-keys',
      {
        schema: {
          tags: ['api keys'],
          summary: 'Mint an API key scoped to brands; the key is shown once',
          security: [{ adminToken: [] }],
          body: CreateApiKey,
          response: { 201: CreatedApiKey, 400: problemSchema, 401: problemSchema },
        },
      },
      async (request, reply) => {
        const minted = mintApiKey();
        const brands = [...new Set(request.body.brands)];
        await insertApiKey(deps.db, { id: minted.id, name: request.body.name, brands, hash: minted.hash });
        request.log.info({ apiKeyId: minted.id, brands }, 'api key minted');
        return reply.code(201).send({ id: minted.id, key: minted.key });
      },
    );

    admin.delete(
      '/v1/admin/api-keys/:id',
      {
        schema: {
          tags: ['api keys'],
          summary: 'Revoke an API key',
          security: [{ adminToken: [] }],
          params: KeyParams,
          response: { 204: z.null().describe('Revoked'), 400: problemSchema, 401: problemSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const revoked = await revokeApiKey(deps.db, request.params.id);
        deps.verifier.forget(request.params.id);
        if (!revoked) throw problem(404, 'API key not found', 'No active API key has this id.', { type: problemType('api-key-not-found') });
        request.log.info({ apiKeyId: request.params.id }, 'api key revoked');
        return reply.code(204).send(null);
      },
    );
    done();
  });
}
