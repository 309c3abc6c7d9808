import { createHttpServer } from '@rapport/kit/http';
import type { BackPressureOptions, HttpServer } from '@rapport/kit/http';
import type { Component } from '@rapport/kit/lifecycle';
import type { Logger } from '@rapport/kit/log';
import type { Registry } from '@rapport/kit/metrics';
import type { Pool } from 'pg';
import type { ApiKeyVerifier } from './access/api-key-verifier';
import { registerApiKeyRoutes } from './http/api-keys-routes';
import { registerBrandRoutes } from './http/brand-routes';
import { registerDashboardRoutes } from './http/dashboard-routes';

export interface ReportingAppDeps {
  logger: Logger;
  registry: Registry;
  /** What `/readyz` checks. */
  components: readonly Component[];
  version: string;
  /** The read models (runtime role). */
  db: Pool;
  verifier: ApiKeyVerifier;
  adminToken: string;
  /** Requests per API key per window. */
  rateLimit: { max: number; windowMs: number };
  /** The request clock (decaying values are served as of it); `Date.now` by default. */
  now?: () => number;
  /** Load shedding (the kit's default when omitted); tests on a busy machine turn it off. */
  backPressure?: BackPressureOptions | false;
}

/** Reporting's HTTP side (read API and dashboard join here), built from its deps: testable with inject. */
export async function buildReportingApp(deps: ReportingAppDeps): Promise<HttpServer> {
  const app = await createHttpServer({
    service: 'reporting',
    version: deps.version,
    logger: deps.logger,
    registry: deps.registry,
    components: deps.components,
    openapi: { description: 'Reporting: relationships, community health, funnel and cohorts (spec/api.md).' },
    ...(deps.backPressure === undefined ? {} : { backPressure: deps.backPressure }),
  });
  const now = deps.now ?? Date.now;
  registerApiKeyRoutes(app, { db: deps.db, verifier: deps.verifier, adminToken: deps.adminToken });
  registerBrandRoutes(app, { db: deps.db, verifier: deps.verifier, rateLimit: deps.rateLimit, now });
  registerDashboardRoutes(app);
  return app;
}
