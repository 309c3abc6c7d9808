/**
 * Every `/v1/brands/{brandId}/…` route, in one scope that (in this order) authenticates the API
 * key and checks the brand (401/403, before any validation), rate-limits per key (429), then lets
 * the routes validate (400) and answer (404…). A database that cannot be reached is a 503.
 */
import rateLimit from '@fastify/rate-limit';
import type { HttpServer } from '@rapport/kit/http';
import { isTransientPgError } from '@rapport/kit/pg';
import type { Pool } from 'pg';
import type { ApiKeyVerifier } from '../access/api-key-verifier';
import { registerAlertRoutes } from './alerts-routes';
import { requireBrandAccess } from './brand-access';
import { registerCohortRoutes } from './cohorts-routes';
import { fastSerializerCompiler } from './fast-serializer';
import { registerFunnelRoutes } from './funnel-routes';
import { registerHealthRoutes } from './health-routes';
import { registerMemberRoutes } from './members-routes';
import { databaseUnavailable, rateLimited } from './problems';
import { typedScope } from './typed-scope';

export interface BrandRoutesDeps {
  db: Pool;
  verifier: ApiKeyVerifier;
  /** Requests per key per window. */
  rateLimit: { max: number; windowMs: number };
  now: () => number;
}

export function registerBrandRoutes(app: HttpServer, deps: BrandRoutesDeps): void {
  void app.register(async (plugin) => {
    const scope = typedScope(plugin);
    scope.setSerializerCompiler(fastSerializerCompiler);
    scope.setErrorHandler((error) => {
      // Rethrown errors go to the kit's handler, which answers problem+json.
      throw isTransientPgError(error) ? databaseUnavailable() : error;
    });
    scope.addHook('onRequest', requireBrandAccess(deps.verifier));
    await scope.register(rateLimit, {
      global: true,
      // After the key is known (onRequest) and before parameters are validated.
      hook: 'preValidation',
      max: deps.rateLimit.max,
      timeWindow: deps.rateLimit.windowMs,
      keyGenerator: (request) => request.apiKeyId ?? 'anonymous',
      errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
    });
    const routeDeps = { db: deps.db, now: deps.now };
    registerMemberRoutes(scope, routeDeps);
    registerHealthRoutes(scope, routeDeps);
    registerFunnelRoutes(scope, routeDeps);
    registerCohortRoutes(scope, routeDeps);
    registerAlertRoutes(scope, routeDeps);
  });
}
