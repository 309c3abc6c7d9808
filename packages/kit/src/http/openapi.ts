import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { HttpServer } from './http-server';

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

export type SecurityScheme =
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; description?: string };

/**
 * The schemes Rapport's routes name in `schema.security` (`spec/api.md`); a route naming a scheme
 * that is not declared breaks the whole document.
 */
export const RAPPORT_SECURITY_SCHEMES: Record<string, SecurityScheme> = {
  adminToken: { type: 'http', scheme: 'bearer', description: "The admin token from the service's configuration" },
  apiKey: { type: 'http', scheme: 'bearer', description: 'An API key minted by POST /v1/admin/api-keys' },
};

/** Schema metadata the OpenAPI generator reads: `id` makes a schema a named component. */
export type OpenApiRegistry = z.core.$ZodRegistry<{ id?: string | undefined; [key: string]: unknown }>;

/**
 * OpenAPI 3.1 generated from the zod route schemas — the same ones that validate requests, so
 * the document cannot disagree with the code — at `/openapi.json`, with a UI at `/docs`.
 * Must be registered before the routes it documents.
 *
 * TRICKY: the generator names a component's input variant `<id>Input` and refuses to build the
 * document when that name is already taken. Zod's global registry holds every `.meta({ id })` of
 * every package loaded in the process (contracts has both `InteractionEvent` and
 * `InteractionEventInput`), so by default the document uses a registry of its own: schemas are
 * inlined, never colliding. Pass `z.globalRegistry` (or a curated registry) to get named
 * components once the ids are known not to collide.
 */
export async function registerOpenApi(
  app: HttpServer,
  info: OpenApiInfo,
  { schemaRegistry = z.registry(), securitySchemes = {} }: { schemaRegistry?: OpenApiRegistry; securitySchemes?: Record<string, SecurityScheme> } = {},
): Promise<void> {
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info, components: { securitySchemes: { ...RAPPORT_SECURITY_SCHEMES, ...securitySchemes } } },
    transform: createJsonSchemaTransform({ schemaRegistry }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true }, config: { probe: true }, logLevel: 'warn' }, () => app.swagger());
}
