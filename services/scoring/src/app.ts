import { createHttpServer } from '@rapport/kit/http';
import type { HttpServer } from '@rapport/kit/http';
import type { Component } from '@rapport/kit/lifecycle';
import type { Logger } from '@rapport/kit/log';
import type { Registry } from '@rapport/kit/metrics';
import { registerMemberAdminRoutes, type MemberAdminDeps } from './http/member-admin-routes';

export interface ScoringAppDeps {
  logger: Logger;
  registry: Registry;
  /** What `/readyz` checks. */
  components: readonly Component[];
  version: string;
  /** The read-only admin view of relationships; absent in tests of the bare HTTP side. */
  admin?: MemberAdminDeps;
}

/** Scoring's HTTP side (admin routes join here), built from its deps: testable with inject. */
export async function buildScoringApp(deps: ScoringAppDeps): Promise<HttpServer> {
  const app = await createHttpServer({
    service: 'scoring',
    version: deps.version,
    logger: deps.logger,
    registry: deps.registry,
    components: deps.components,
    openapi: { description: 'Scoring: relationship model administration (spec/api.md).' },
  });
  if (deps.admin !== undefined) registerMemberAdminRoutes(app, deps.admin);
  return app;
}
