import { boundedText, BrandId, PlatformId, SourceId } from '@rapport/contracts';
import { problem, problemSchema, problemType, type HttpServer } from '@rapport/kit/http';
import * as z from 'zod';
import { SourcePlatform, type Source } from '../sources/source';
import type { SourceRegistry } from '../sources/source-registry';
import { requireAdminToken } from '@rapport/kit/http';
import { typedScope } from './typed-scope';

export interface SourceRoutesDeps {
  registry: SourceRegistry;
  adminToken: string;
}

const credential = (max: number) => z.string().min(1).max(max);

const RegisterSourceBody = z
  .strictObject({
    brandId: BrandId,
    platform: SourcePlatform,
    // boundedText: no NUL or lone surrogate, which Postgres text cannot hold.
    name: boundedText(200, 1),
    /** Meta's `hub.verify_token`, chosen by the operator. */
    verifyToken: credential(500).optional(),
    /** The platform's app secret (X consumer secret, Meta app secret, Slack signing secret, GitHub or Discourse webhook secret). */
    appSecret: credential(500).optional(),
    publicKey: boundedText(10_000, 1).optional(),
    /** The brand's own accounts on the platform: events they cause are outbound. */
    brandAccountIds: z.array(PlatformId).max(100).optional(),
    /** Requests per second; the service default when omitted. */
    rateLimitPerSecond: z.int().min(1).max(1_000_000).optional(),
  })
  .meta({ id: 'RegisterSource' });

const SourceView = z
  .object({
    id: z.string(),
    brandId: z.string(),
    platform: SourcePlatform,
    name: z.string(),
    status: z.enum(['active', 'disabled']),
    createdAt: z.string(),
    brandAccountIds: z.array(z.string()),
    publicKey: z.string().nullable(),
    rateLimitPerSecond: z.number().nullable(),
  })
  .meta({ id: 'Source', description: 'A registered source; never its secrets.' });

const CreatedSource = SourceView.extend({
  secret: z.string().describe('The Standard Webhooks secret, shown only in this answer.'),
}).meta({ id: 'CreatedSource' });

const SourceParams = z.object({ id: SourceId });
const unauthorized = { 401: problemSchema };
const notFound = () =>
  problem(404, 'Source not found', 'No active source has this id.', { type: problemType('source-not-found') });

/**
 * The source registry's admin API (`spec/api.md`): register, list, disable, rotate the secret.
 * Every route takes the admin token.
 */
export function registerSourceRoutes(app: HttpServer, deps: SourceRoutesDeps): void {
  void app.register((plugin, _options, done) => {
    const admin = typedScope(plugin);
    admin.addHook('onRequest', requireAdminToken(deps.adminToken));

    admin.post(
      '/v1/admin/sources',
      {
        schema: {
          tags: ['sources'],
          summary: 'Register a source; its secret is shown once',
          security: [{ adminToken: [] }],
          body: RegisterSourceBody,
          response: { 201: CreatedSource, 400: problemSchema, ...unauthorized },
        },
      },
      async (request, reply) => {
        const { source, secret } = await deps.registry.register(request.body);
        request.log.info({ sourceId: source.id, brandId: source.brandId, platform: source.platform }, 'source registered');
        return reply.code(201).send({ ...view(source), secret });
      },
    );

    admin.get(
      '/v1/admin/sources',
      {
        schema: {
          tags: ['sources'],
          summary: "A brand's sources (no secrets)",
          security: [{ adminToken: [] }],
          querystring: z.object({ brandId: BrandId }),
          response: { 200: z.object({ items: z.array(SourceView) }), 400: problemSchema, ...unauthorized },
        },
      },
      async (request) => ({ items: (await deps.registry.listByBrand(request.query.brandId)).map(view) }),
    );

    admin.delete(
      '/v1/admin/sources/:id',
      {
        schema: {
          tags: ['sources'],
          summary: 'Disable a source: its requests are refused from now on',
          security: [{ adminToken: [] }],
          params: SourceParams,
          response: { 204: z.null().describe('Disabled'), 404: problemSchema, ...unauthorized },
        },
      },
      async (request, reply) => {
        if (!(await deps.registry.disable(request.params.id))) throw notFound();
        request.log.info({ sourceId: request.params.id }, 'source disabled');
        return reply.code(204).send(null);
      },
    );

    admin.post(
      '/v1/admin/sources/:id/rotate-secret',
      {
        schema: {
          tags: ['sources'],
          summary: 'A new secret; the previous one stays valid for 24 hours',
          security: [{ adminToken: [] }],
          params: SourceParams,
          response: { 200: z.object({ secret: z.string() }), 404: problemSchema, ...unauthorized },
        },
      },
      async (request) => {
        const secret = await deps.registry.rotateSecret(request.params.id);
        if (secret === undefined) throw notFound();
        request.log.info({ sourceId: request.params.id }, 'source secret rotated');
        return { secret };
      },
    );

    done();
  });
}

function view(source: Source): z.infer<typeof SourceView> {
  return {
    id: source.id,
    brandId: source.brandId,
    platform: source.platform,
    name: source.name,
    status: source.status,
    createdAt: source.createdAt.toISOString(),
    brandAccountIds: source.brandAccountIds,
    publicKey: source.publicKey,
    rateLimitPerSecond: source.rateLimitPerSecond,
  };
}
